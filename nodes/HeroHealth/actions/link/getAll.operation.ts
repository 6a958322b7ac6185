import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { heroRequestAllPages } from '../../transport/request';
import { heroPaths } from '../../transport/paths';
import { returnAllOrLimit } from '../common.descriptions';
import { readPageOptions } from '../common.parameters';

export const description: INodeProperties[] = [...returnAllOrLimit];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await heroRequestAllPages.call(
		this,
		{ method: 'GET', path: heroPaths.bookingLinksV2 },
		readPageOptions.call(this, itemIndex),
		itemIndex,
	);
}
