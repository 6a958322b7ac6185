import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { HeroItem } from '../../transport/request';
import { heroPaths, heroRequestAllPages } from '../../transport/request';
import {
	anyOfFilter,
	filtersCollection,
	locationLocator,
	optionsCollection,
	readFilterIds,
	readPageOptions,
	requestsInFlightOption,
	returnAllOrLimit,
} from '../fields';

export const dropdownEntry = {
	name: 'Get Many',
	action: 'Get many appointment types',
	description: 'List the kinds of appointment the practice offers, with duration, next free time and number of free slots',
};

export const independentItems = true;

const displayOptions = { show: { resource: ['appointmentType'], operation: ['getAll'] } };

export const description: INodeProperties[] = updateDisplayOptions(displayOptions, [
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
	optionsCollection([requestsInFlightOption]),
]);

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
