import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { heroRequestAllPages } from '../../transport/request';
import { heroPaths } from '../../transport/paths';
import { appointmentTypeLocator, filtersCollection, locationLocator, returnAllOrLimit } from '../common.descriptions';
import { readNumericId, readPageOptions } from '../common.parameters';
import type { HeroItem } from '../types';

export const independentItems = true;

export const description: INodeProperties[] = [
	...returnAllOrLimit,
	filtersCollection([
		{
			displayName: 'Appointment Types',
			name: 'appointmentTypes',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Appointment Type',
			default: {},
			description: 'Only practitioners who offer any of these appointment types',
			options: [{ displayName: 'Appointment Type', name: 'appointmentType', values: [appointmentTypeLocator] }],
		},
		{
			displayName: 'Has Availability',
			name: 'hasAvailability',
			type: 'boolean',
			default: true,
			description: 'Whether to return only practitioners with free slots (true) or only those without (false)',
		},
		{
			displayName: 'Locations',
			name: 'locations',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Location',
			default: {},
			description: 'Only practitioners who work at any of these locations',
			options: [{ displayName: 'Location', name: 'location', values: [locationLocator] }],
		},
	]),
];

export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', item.index, {}) as {
		appointmentTypes?: { appointmentType?: unknown[] };
		hasAvailability?: boolean;
		locations?: { location?: unknown[] };
	};
	const qs: IDataObject = {};
	const locationIds = (filters.locations?.location ?? []).map((_, index) =>
		readNumericId.call(this, item.index, `filters.locations.location[${index}].locationId`, 'Location'),
	);
	const typeIds = (filters.appointmentTypes?.appointmentType ?? []).map((_, index) =>
		readNumericId.call(
			this,
			item.index,
			`filters.appointmentTypes.appointmentType[${index}].appointmentTypeId`,
			'Appointment Type',
		),
	);
	if (locationIds.length) qs.location_ids = locationIds;
	if (typeIds.length) qs.appointment_type_ids = typeIds;
	if (filters.hasAvailability !== undefined) qs.has_availability = filters.hasAvailability;
	return await heroRequestAllPages.call(
		this,
		{ method: 'GET', path: heroPaths.practitioners, qs },
		readPageOptions.call(this, item.index),
		item,
	);
}
