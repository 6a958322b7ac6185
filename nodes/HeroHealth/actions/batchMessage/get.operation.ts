import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { HeroItem } from '../../transport/request';
import { heroPaths, heroRequest } from '../../transport/request';
import { optionsCollection, requestsInFlightOption } from '../fields';
import { batchMessageIdField, readBatchMessageId } from './shared';

export const dropdownEntry = {
	name: 'Get',
	action: 'Get a batch message',
	description: 'Get one batch message and its status by its ID',
};

export const independentItems = true;

const displayOptions = { show: { resource: ['batchMessage'], operation: ['get'] } };

export const description: INodeProperties[] = updateDisplayOptions(displayOptions, [
	batchMessageIdField,
	optionsCollection([requestsInFlightOption]),
]);

export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject> {
	const id = readBatchMessageId.call(this, item.index);
	return await heroRequest.call(this, { method: 'GET', path: heroPaths.batchMessage(id), subject: `batch message ${id}` }, item);
}
