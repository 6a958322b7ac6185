import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { HeroItem } from '../../transport/request';
import { heroPaths, heroRequest } from '../../transport/request';
import { optionsCollection, requestsInFlightOption } from '../fields';
import { readSlotSearch, slotSearchFields } from './shared';

export const dropdownEntry = {
	name: 'Count',
	action: 'Count free slots',
	description: 'Count the free slots for an appointment type at a location in a date range',
};

export const independentItems = true;

const displayOptions = { show: { resource: ['slot'], operation: ['count'] } };

export const description: INodeProperties[] = updateDisplayOptions(displayOptions, [
	...slotSearchFields,
	optionsCollection([requestsInFlightOption]),
]);

export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject> {
	return await heroRequest.call(
		this,
		{ method: 'GET', path: heroPaths.slotCount, qs: readSlotSearch.call(this, item.index), subject: 'slots' },
		item,
	);
}
