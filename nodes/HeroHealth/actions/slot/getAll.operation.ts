import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { withLondonStart } from '../../helpers/londonTime';
import type { HeroItem } from '../../transport/request';
import { heroPaths } from '../../transport/request';
import { fetchPages, requestsInFlightOptions, returnAllOrLimit } from '../fields';
import { readSlotSearch, slotSearchFields } from './shared';

export const about = {
	name: 'Get Many',
	action: 'Get many slots',
	description:
		'List free slots for an appointment type at a location in a date range, one item per slot, with start_time in UTC and start_time_london for patients',
	independentItems: true,
};

export const description = updateDisplayOptions({ show: { resource: ['slot'], operation: ['getAll'] } }, [
	...slotSearchFields,
	...returnAllOrLimit,
	requestsInFlightOptions,
]);

/** One output item per free slot, earliest first as Hero lists them. */
export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject[]> {
	const qs = readSlotSearch.call(this, item.index);
	const slots = await fetchPages.call(this, item, { method: 'GET', path: heroPaths.slots, qs, subject: 'slots' });
	return slots.map(withLondonStart);
}
