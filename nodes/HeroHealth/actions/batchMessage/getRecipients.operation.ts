import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { batchMessageIdField, listFields, listRecords, readBatchMessageId, recipientStatuses } from './shared';
import { heroPaths } from '../../transport/paths';

export const description: INodeProperties[] = [batchMessageIdField, ...listFields(recipientStatuses)];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const id = readBatchMessageId.call(this, itemIndex);
	return await listRecords.call(this, itemIndex, heroPaths.batchMessageRecipients(id), `batch message ${id}`);
}
