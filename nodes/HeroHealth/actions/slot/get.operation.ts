import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { slotIdField } from '../common.descriptions';
import { fetchFreeSlot } from '../common.requests';
import { withLondonStart } from '../londonTime';

export const description: INodeProperties[] = [slotIdField];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	return withLondonStart(await fetchFreeSlot.call(this, itemIndex));
}
