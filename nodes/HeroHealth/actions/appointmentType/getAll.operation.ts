import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { heroRequestAllPages } from '../../transport/request';
import { heroPaths } from '../../transport/paths';
import { anyOfFilter, filtersCollection, locationLocator, returnAllOrLimit } from '../common.descriptions';
import { readFilterIds, readPageOptions } from '../common.parameters';
import type { HeroItem } from '../types';

export const independentItems = true;

export const description: INodeProperties[] = [
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
];

export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', item.index, {}) as IDataObject;
	const qs: IDataObject = {};
	const locationIds = readFilterIds.call(this, item.index, filters, locationLocator);
	if (locationIds.length) qs.location_ids = locationIds;
	if (filters.hasAvailability !== undefined) qs.has_availability = filters.hasAvailability;
	return await heroRequestAllPages.call(
		this,
		{ method: 'GET', path: heroPaths.appointmentTypes, qs },
		readPageOptions.call(this, item.index),
		item,
	);
}
