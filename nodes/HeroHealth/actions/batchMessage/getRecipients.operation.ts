import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { HeroItem } from '../../transport/request';
import { heroPaths } from '../../transport/request';
import { optionsCollection, requestsInFlightOption } from '../fields';
import { batchMessageIdField, listFields, listRecords, readBatchMessageId, recipientStatuses } from './shared';

export const dropdownEntry = {
	name: 'Get Recipients',
	action: 'Get the recipients of a batch message',
	description: 'List the recipients of a batch message with their status, e.g. whether Hero found them in PDS',
};

export const independentItems = true;

const displayOptions = { show: { resource: ['batchMessage'], operation: ['getRecipients'] } };

export const description: INodeProperties[] = updateDisplayOptions(displayOptions, [
	batchMessageIdField,
	...listFields(recipientStatuses),
	optionsCollection([requestsInFlightOption]),
]);

export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject[]> {
	const id = readBatchMessageId.call(this, item.index);
	return await listRecords.call(this, item, heroPaths.batchMessageRecipients(id), `batch message ${id}`);
}
