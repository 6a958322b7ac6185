import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { withLondonStart } from '../../helpers/londonTime';
import type { HeroItem } from '../../transport/request';
import { optionsCollection, requestsInFlightOption } from '../fields';
import { fetchFreeSlot, slotIdField } from './shared';

export const dropdownEntry = {
	name: 'Get',
	action: 'Get a slot',
	description: 'Get one free slot by ID; fails if it has been reserved or booked meanwhile',
};

export const independentItems = true;

const displayOptions = { show: { resource: ['slot'], operation: ['get'] } };

export const description: INodeProperties[] = updateDisplayOptions(displayOptions, [
	slotIdField,
	optionsCollection([requestsInFlightOption]),
]);

export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject> {
	return withLondonStart(await fetchFreeSlot.call(this, item));
}
