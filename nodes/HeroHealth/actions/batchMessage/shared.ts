import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { filtersCollection, returnAllOrLimit } from '../common.descriptions';
import { readPageOptions, readRequiredText } from '../common.parameters';
import { heroRequestAllPages } from '../../transport/request';

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
	return readRequiredText.call(this, itemIndex, 'batchMessageId', 'Batch Message ID');
}

/** Return All / Limit and the status filter that Hero's three batch lists share. */
export const listFields: INodeProperties[] = [
	...returnAllOrLimit,
	filtersCollection([
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			// Hero's documented filter values; they describe recipients (PDS lookup, queueing)
			options: [
				{ name: 'Created', value: 'CREATED' },
				{ name: 'Enriched', value: 'ENRICHED', description: 'Found in PDS with contact details' },
				{ name: 'Enrichment Error', value: 'ENRICHMENT_ERROR', description: 'Not found in PDS, or no contact detail' },
				{ name: 'Invalid Payload', value: 'INVALID_PAYLOAD' },
				{ name: 'Queued', value: 'QUEUED', description: 'Handed over for sending' },
			],
			default: 'CREATED',
		},
	]),
];

export async function listRecords(
	this: IExecuteFunctions,
	itemIndex: number,
	path: string,
	subject?: string,
): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	if (filters.status) qs.status = filters.status;
	return await heroRequestAllPages.call(this, { method: 'GET', path, qs, subject }, readPageOptions.call(this, itemIndex), itemIndex);
}
