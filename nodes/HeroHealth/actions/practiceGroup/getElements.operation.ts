import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { heroRequest } from '../../transport/request';
import { heroPaths } from '../../transport/paths';

export const description: INodeProperties[] = [];

/** One item per element; Hero documents no paging for this list, so it is read in one request. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const list = await heroRequest.call(
		this,
		{ method: 'GET', path: heroPaths.meElements },
		itemIndex,
	);
	return Array.isArray(list.data) ? (list.data as IDataObject[]) : [];
}
