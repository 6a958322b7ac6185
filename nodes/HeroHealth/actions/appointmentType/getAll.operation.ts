import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { HeroItem } from '../../transport/request';
import { heroPaths } from '../../transport/request';
import {
	anyOfFilter,
	fetchPages,
	filtersCollection,
	hasAvailabilityFilter,
	locationLocator,
	readBookingListQuery,
	requestsInFlightOptions,
	returnAllOrLimit,
} from '../fields';

export const about = {
	name: 'Get Many',
	action: 'Get many appointment types',
	description: 'List the kinds of appointment the practice offers, with duration, next free time and number of free slots',
	independentItems: true,
};

export const description = updateDisplayOptions({ show: { resource: ['appointmentType'], operation: ['getAll'] } }, [
	...returnAllOrLimit,
	filtersCollection([
		hasAvailabilityFilter('appointment types'),
		anyOfFilter(locationLocator, 'Only appointment types offered at any of these locations'),
	]),
	requestsInFlightOptions,
]);

export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject[]> {
	const qs = readBookingListQuery.call(this, item.index, { location_ids: locationLocator });
	return await fetchPages.call(this, item, { method: 'GET', path: heroPaths.appointmentTypes, qs });
}
