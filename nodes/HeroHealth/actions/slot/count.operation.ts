import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { heroRequest } from '../../transport/request';
import { heroPaths } from '../../transport/paths';
import { readSlotSearch, slotSearchFields } from './shared';

export const description: INodeProperties[] = [...slotSearchFields];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	return await heroRequest.call(
		this,
		{ method: 'GET', path: heroPaths.slotCount, qs: readSlotSearch.call(this, itemIndex), subject: 'slots' },
		itemIndex,
	);
}
