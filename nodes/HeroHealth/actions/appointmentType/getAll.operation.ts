import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { HeroItem } from '../../transport/request';
import { heroPaths } from '../../transport/request';
import {
	anyOfFilter,
	fetchPages,
	filtersCollection,
	locationLocator,
	readFilterIds,
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
		{
			displayName: 'Has Availability',
			name: 'hasAvailability',
			type: 'boolean',
			default: true,
			description: 'Whether to return only appointment types with free slots (true) or only those without (false)',
		},
		anyOfFilter(locationLocator, 'Only appointment types offered at any of these locations'),
	]),
	requestsInFlightOptions,
]);

export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', item.index, {}) as IDataObject;
	const qs: IDataObject = {};
	const locationIds = readFilterIds.call(this, item.index, filters, locationLocator);
	if (locationIds.length) qs.location_ids = locationIds;
	if (filters.hasAvailability !== undefined) qs.has_availability = filters.hasAvailability;
	return await fetchPages.call(this, item, { method: 'GET', path: heroPaths.appointmentTypes, qs });
}
