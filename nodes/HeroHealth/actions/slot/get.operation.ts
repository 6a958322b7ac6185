import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { withLondonStart } from '../../helpers/londonTime';
import type { HeroItem } from '../../transport/request';
import { requestsInFlightOptions } from '../fields';
import { fetchFreeSlot, slotIdField } from './shared';

export const about = {
	name: 'Get',
	action: 'Get a slot',
	description: 'Get one free slot by ID; fails if it has been reserved or booked meanwhile',
	independentItems: true,
};

export const description = updateDisplayOptions({ show: { resource: ['slot'], operation: ['get'] } }, [
	slotIdField,
	requestsInFlightOptions,
]);

export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject> {
	return withLondonStart(await fetchFreeSlot.call(this, item));
}
