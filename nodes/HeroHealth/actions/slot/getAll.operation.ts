import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { withLondonStart } from '../../helpers/londonTime';
import type { HeroItem } from '../../transport/request';
import { heroPaths, heroRequestAllPages } from '../../transport/request';
import { optionsCollection, readPageOptions, requestsInFlightOption, returnAllOrLimit } from '../fields';
import { readSlotSearch, slotSearchFields } from './shared';

export const dropdownEntry = {
	name: 'Get Many',
	action: 'Get many slots',
	description:
		'List free slots for an appointment type at a location in a date range, one item per slot, with start_time in UTC and start_time_london for patients',
};

export const independentItems = true;

const displayOptions = { show: { resource: ['slot'], operation: ['getAll'] } };

export const description: INodeProperties[] = updateDisplayOptions(displayOptions, [
	...slotSearchFields,
	...returnAllOrLimit,
	optionsCollection([requestsInFlightOption]),
]);

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
