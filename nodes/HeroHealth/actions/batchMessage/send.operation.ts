import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { HeroItem } from '../../transport/request';
import { heroPaths, heroRequest } from '../../transport/request';
import { optionsCollection, requestsInFlightOption } from '../fields';
import { batchMessageIdField, readBatchMessageId } from './shared';

export const dropdownEntry = {
	name: 'Send',
	action: 'Send a batch message',
	description: 'Send a created batch message to all of its recipients. A batch message can be sent only once.',
};

export const independentItems = true;

const displayOptions = { show: { resource: ['batchMessage'], operation: ['send'] } };

export const description: INodeProperties[] = updateDisplayOptions(displayOptions, [
	batchMessageIdField,
	optionsCollection([requestsInFlightOption]),
]);

export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject> {
	const id = readBatchMessageId.call(this, item.index);
	const response = await heroRequest.call(
		this,
		{ method: 'PATCH', path: heroPaths.batchMessageSend(id), subject: `batch message ${id}` },
		item,
	);
	// Hero documents no body for this answer; say what happened rather than output an empty item.
	return Object.keys(response).length ? response : { id, sent: true };
}
