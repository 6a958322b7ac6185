import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { HeroItem } from '../../transport/request';
import { heroPaths, heroRequest } from '../../transport/request';
import { requestsInFlightOptions } from '../fields';
import { readSlotSearch, slotSearchFields } from './shared';

export const about = {
	name: 'Count',
	action: 'Count free slots',
	description: 'Count the free slots for an appointment type at a location in a date range',
	independentItems: true,
};

export const description = updateDisplayOptions({ show: { resource: ['slot'], operation: ['count'] } }, [
	...slotSearchFields,
	requestsInFlightOptions,
]);

export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject> {
	const qs = readSlotSearch.call(this, item.index);
	return await heroRequest.call(this, { method: 'GET', path: heroPaths.slotCount, qs, subject: 'slots' }, item);
}
