import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { HeroItem } from '../../transport/request';
import { heroPaths } from '../../transport/request';
import { fetchPages, requestsInFlightOptions, returnAllOrLimit } from '../fields';

export const about = {
	name: 'Get Many',
	action: 'Get many booking links',
	description: 'List the practice’s booking links',
	independentItems: true,
};

export const description = updateDisplayOptions({ show: { resource: ['link'], operation: ['getAll'] } }, [
	...returnAllOrLimit,
	requestsInFlightOptions,
]);

// Hero filters this list by nothing.
export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject[]> {
	return await fetchPages.call(this, item, { method: 'GET', path: heroPaths.bookingLinksV2 });
}
