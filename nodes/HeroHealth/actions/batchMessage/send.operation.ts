import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { HeroItem } from '../../transport/request';
import { heroPaths, heroRequest } from '../../transport/request';
import { requestsInFlightOptions } from '../fields';
import { batchMessageIdField, readBatchMessageId } from './shared';

export const about = {
	name: 'Send',
	action: 'Send a batch message',
	description: 'Send a created batch message to all of its recipients. A batch message can be sent only once.',
	independentItems: true,
};

export const description = updateDisplayOptions({ show: { resource: ['batchMessage'], operation: ['send'] } }, [
	batchMessageIdField,
	requestsInFlightOptions,
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
