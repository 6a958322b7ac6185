import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { HeroItem } from '../../transport/request';
import { heroPaths } from '../../transport/request';
import {
	anyOfFilter,
	appointmentTypeLocator,
	fetchPages,
	filtersCollection,
	locationLocator,
	readFilterIds,
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
		{
			displayName: 'Has Availability',
			name: 'hasAvailability',
			type: 'boolean',
			default: true,
			description: 'Whether to return only practitioners with free slots (true) or only those without (false)',
		},
		anyOfFilter(locationLocator, 'Only practitioners who work at any of these locations'),
	]),
	requestsInFlightOptions,
]);

export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', item.index, {}) as IDataObject;
	const qs: IDataObject = {};
	const locationIds = readFilterIds.call(this, item.index, filters, locationLocator);
	const typeIds = readFilterIds.call(this, item.index, filters, appointmentTypeLocator);
	if (locationIds.length) qs.location_ids = locationIds;
	if (typeIds.length) qs.appointment_type_ids = typeIds;
	if (filters.hasAvailability !== undefined) qs.has_availability = filters.hasAvailability;
	return await fetchPages.call(this, item, { method: 'GET', path: heroPaths.practitioners, qs });
}
