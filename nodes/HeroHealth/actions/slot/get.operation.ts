import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { slotIdField } from '../common.descriptions';
import { fetchFreeSlot } from '../common.requests';
import { withLondonStart } from '../../helpers/londonTime';
import type { HeroItem } from '../types';

export const independentItems = true;

export const description: INodeProperties[] = [slotIdField];

export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject> {
	return withLondonStart(await fetchFreeSlot.call(this, item));
}
