import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { batchMessageIdField, listFields, listRecords, readBatchMessageId, sendStatuses } from './shared';
import { heroPaths } from '../../transport/paths';

export const description: INodeProperties[] = [batchMessageIdField, ...listFields(sendStatuses)];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const id = readBatchMessageId.call(this, itemIndex);
	return await listRecords.call(this, itemIndex, heroPaths.batchMessageMessages(id), `batch message ${id}`);
}
