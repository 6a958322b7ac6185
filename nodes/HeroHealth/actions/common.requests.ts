import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { heroRequest, heroRequestAllPages } from '../transport/request';
import { heroPaths } from '../transport/paths';
import { returnAllOrLimit } from './common.descriptions';
import { readNumericId, readPageOptions } from './common.parameters';
import type { HeroItem } from './types';

/** The free slot named by Slot ID (Slot > Get, and booking by slot); Hero answers 404 once it is reserved, booked or past. */
export async function fetchFreeSlot(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject> {
	const slotId = readNumericId.call(this, item.index, 'slotId', 'Slot ID');
	return await heroRequest.call(this, { method: 'GET', path: heroPaths.slot(slotId), subject: `free slot ${slotId}` }, item);
}

/** A Get Many operation over a list Hero filters by nothing: Return All / Limit only. */
export function unfilteredListOperation(path: string) {
	return {
		independentItems: true,
		description: [...returnAllOrLimit] as INodeProperties[],
		async execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject[]> {
			return await heroRequestAllPages.call(this, { method: 'GET', path }, readPageOptions.call(this, item.index), item);
		},
	};
}
