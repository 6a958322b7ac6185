import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { batchMessageIdField, listFields, listRecords, readBatchMessageId, sendStatuses } from './shared';
import { heroPaths } from '../../transport/paths';
import type { HeroItem } from '../types';

export const independentItems = true;

export const description: INodeProperties[] = [batchMessageIdField, ...listFields(sendStatuses)];

export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject[]> {
	const id = readBatchMessageId.call(this, item.index);
	return await listRecords.call(this, item, heroPaths.batchMessageMessages(id), `batch message ${id}`);
}
