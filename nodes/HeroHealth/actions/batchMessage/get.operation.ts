import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { batchMessageIdField, readBatchMessageId } from './shared';
import { heroRequest } from '../../transport/request';
import { heroPaths } from '../../transport/paths';

export const description: INodeProperties[] = [batchMessageIdField];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = readBatchMessageId.call(this, itemIndex);
	return await heroRequest.call(
		this,
		{ method: 'GET', path: heroPaths.batchMessage(id), subject: `batch message ${id}` },
		itemIndex,
	);
}
