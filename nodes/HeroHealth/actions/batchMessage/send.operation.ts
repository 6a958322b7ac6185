import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { batchMessageIdField, readBatchMessageId } from './shared';
import { heroRequest } from '../../transport/request';
import { heroPaths } from '../../transport/paths';
import type { HeroItem } from '../types';

export const independentItems = true;

export const description: INodeProperties[] = [batchMessageIdField];

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
