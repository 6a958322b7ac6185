import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { heroRequest } from '../transport/request';
import { heroPaths } from '../transport/paths';
import { readNumericId } from './common.parameters';
import type { HeroItem } from './types';

/** The free slot named by Slot ID (Slot > Get, and booking by slot); Hero answers 404 once it is reserved, booked or past. */
export async function fetchFreeSlot(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject> {
	const slotId = readNumericId.call(this, item.index, 'slotId', 'Slot ID');
	return await heroRequest.call(this, { method: 'GET', path: heroPaths.slot(slotId), subject: `free slot ${slotId}` }, item);
}
