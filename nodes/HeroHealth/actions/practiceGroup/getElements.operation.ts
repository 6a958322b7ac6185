import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { heroRequest } from '../../transport/request';
import { heroPaths } from '../../transport/paths';
import type { HeroItem } from '../types';

export const independentItems = true;

export const description: INodeProperties[] = [];

/** One item per element; Hero documents no paging for this list, so it is read in one request. */
export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject[]> {
	const list = await heroRequest.call(this, { method: 'GET', path: heroPaths.meElements }, item);
	return Array.isArray(list.data) ? (list.data as IDataObject[]) : [];
}
