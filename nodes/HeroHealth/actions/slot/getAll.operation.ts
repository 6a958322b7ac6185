import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { heroRequestAllPages } from '../../transport/request';
import { heroPaths } from '../../transport/paths';
import { returnAllOrLimit } from '../common.descriptions';
import { readPageOptions } from '../common.parameters';
import { withLondonStart } from '../londonTime';
import { readSlotSearch, slotSearchFields } from './shared';

export const description: INodeProperties[] = [...slotSearchFields, ...returnAllOrLimit];

/** One output item per free slot, earliest first as Hero lists them. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const slots = await heroRequestAllPages.call(
		this,
		{ method: 'GET', path: heroPaths.slots, qs: readSlotSearch.call(this, itemIndex), subject: 'slots' },
		readPageOptions.call(this, itemIndex),
		itemIndex,
	);
	return slots.map(withLondonStart);
}
