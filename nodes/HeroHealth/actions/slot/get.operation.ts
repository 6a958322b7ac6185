import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { withLondonStart } from '../londonTime';
import { fetchSlot, slotIdField } from './fields';

export const description: INodeProperties[] = [slotIdField];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	return withLondonStart(await fetchSlot.call(this, itemIndex));
}
