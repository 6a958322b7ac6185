import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { heroRequestAllPages } from '../../transport/request';
import { heroPaths } from '../../transport/paths';
import { returnAllOrLimit } from '../common.descriptions';
import { readPageOptions } from '../common.parameters';
import { withLondonStart } from '../../helpers/londonTime';
import { readSlotSearch, slotSearchFields } from './shared';
import type { HeroItem } from '../types';

export const independentItems = true;

export const description: INodeProperties[] = [...slotSearchFields, ...returnAllOrLimit];

/** One output item per free slot, earliest first as Hero lists them. */
export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject[]> {
	const slots = await heroRequestAllPages.call(
		this,
		{ method: 'GET', path: heroPaths.slots, qs: readSlotSearch.call(this, item.index), subject: 'slots' },
		readPageOptions.call(this, item.index),
		item,
	);
	return slots.map(withLondonStart);
}
