import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { batchMessageIdField, readBatchMessageId } from './shared';
import { heroRequest } from '../../transport/request';
import { heroPaths } from '../../transport/paths';
import type { HeroItem } from '../types';

export const independentItems = true;

export const description: INodeProperties[] = [batchMessageIdField];

export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject> {
	const id = readBatchMessageId.call(this, item.index);
	return await heroRequest.call(this, { method: 'GET', path: heroPaths.batchMessage(id), subject: `batch message ${id}` }, item);
}
