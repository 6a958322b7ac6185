import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { heroRequestAllPages } from '../../transport/request';
import { heroPaths } from '../../transport/paths';
import {
	anyOfFilter,
	appointmentTypeLocator,
	filtersCollection,
	locationLocator,
	returnAllOrLimit,
} from '../common.descriptions';
import { readFilterIds, readPageOptions } from '../common.parameters';
import type { HeroItem } from '../types';

export const independentItems = true;

export const description: INodeProperties[] = [
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
];

export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', item.index, {}) as IDataObject;
	const qs: IDataObject = {};
	const locationIds = readFilterIds.call(this, item.index, filters, locationLocator);
	const typeIds = readFilterIds.call(this, item.index, filters, appointmentTypeLocator);
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
