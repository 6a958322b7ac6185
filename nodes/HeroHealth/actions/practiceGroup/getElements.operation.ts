import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { HeroItem } from '../../transport/request';
import { heroGet, heroPaths } from '../../transport/request';
import { requestsInFlightOptions } from '../fields';

export const about = {
	name: 'Get Elements',
	action: 'Get the practice group elements',
	description: 'Get the Hero Elements assigned to the practice group, one item per element',
	independentItems: true,
};

export const description = updateDisplayOptions({ show: { resource: ['practiceGroup'], operation: ['getElements'] } }, [
	requestsInFlightOptions,
]);

/** One item per element; Hero documents no paging for this list, so it is read in one request. */
export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject[]> {
	const list = await heroGet.call(this, item, heroPaths.meElements);
	return Array.isArray(list.data) ? (list.data as IDataObject[]) : [];
}
