import type { IDataObject, IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { HeroItem } from '../../transport/request';
import { fetchPages, filtersCollection, readNumericId, returnAllOrLimit } from '../fields';

export const batchMessageIdField: INodeProperties = {
	displayName: 'Batch Message ID',
	name: 'batchMessageId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 301',
	description: 'The ID that Create returned for the batch message',
};

export function readBatchMessageId(this: IExecuteFunctions, itemIndex: number): string {
	return readNumericId.call(this, itemIndex, 'batchMessageId', 'Batch Message ID');
}

/** Hero's status filter values of the batch and recipient lists (PDS lookup, queueing). */
export const recipientStatuses: INodePropertyOptions[] = [
	{ name: 'Created', value: 'CREATED' },
	{ name: 'Enriched', value: 'ENRICHED', description: 'Found in PDS with contact details' },
	{ name: 'Enrichment Error', value: 'ENRICHMENT_ERROR', description: 'Not found in PDS, or no contact detail' },
	{ name: 'Invalid Payload', value: 'INVALID_PAYLOAD' },
	{ name: 'Queued', value: 'QUEUED', description: 'Handed over for sending' },
];

/** Hero's status values of the individual sends of a batch message. */
export const sendStatuses: INodePropertyOptions[] = [
	{ name: 'Created', value: 'CREATED' },
	{ name: 'Error', value: 'ERROR', description: 'Sending failed' },
	{ name: 'Queued', value: 'QUEUED', description: 'Waiting to be sent' },
	{ name: 'Sent', value: 'SENT', description: 'Handed to the SMS, email or NHS App service' },
	{ name: 'Success', value: 'SUCCESS', description: 'Delivered' },
];

/** Return All / Limit and a status filter with the list's own values. */
export function listFields(statuses: INodePropertyOptions[]): INodeProperties[] {
	return [
		...returnAllOrLimit,
		filtersCollection([
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: statuses,
				default: 'CREATED',
			},
		]),
	];
}

export async function listRecords(
	this: IExecuteFunctions,
	item: HeroItem,
	path: string,
	subject?: string,
	mayAnswerOneRecord = false,
): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', item.index, {}) as IDataObject;
	const qs: IDataObject = {};
	if (filters.status) qs.status = filters.status;
	return await fetchPages.call(this, item, { method: 'GET', path, qs, subject }, mayAnswerOneRecord);
}
