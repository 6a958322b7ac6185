import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { HeroItem } from '../../transport/request';
import { heroPaths } from '../../transport/request';
import {
	anyOfFilter,
	appointmentTypeLocator,
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
	action: 'Get many practitioners',
	description:
		'List the clinicians who can be booked, optionally only at some locations, for some appointment types, or with free slots',
	independentItems: true,
};

export const description = updateDisplayOptions({ show: { resource: ['practitioner'], operation: ['getAll'] } }, [
	...returnAllOrLimit,
	filtersCollection([
		anyOfFilter(appointmentTypeLocator, 'Only practitioners who offer any of these appointment types'),
		hasAvailabilityFilter('practitioners'),
		anyOfFilter(locationLocator, 'Only practitioners who work at any of these locations'),
	]),
	requestsInFlightOptions,
]);

export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject[]> {
	const qs = readBookingListQuery.call(this, item.index, {
		location_ids: locationLocator,
		appointment_type_ids: appointmentTypeLocator,
	});
	return await fetchPages.call(this, item, { method: 'GET', path: heroPaths.practitioners, qs });
}
