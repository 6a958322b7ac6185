import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readReservation, reservationFields, reserve } from './shared';
import type { HeroItem } from '../types';

export const description: INodeProperties[] = [
	{
		displayName:
			'This only holds the slot until reserved_until. Confirm it with Appointment > Confirm before then, or it is released.',
		name: 'reserveNotice',
		type: 'notice',
		default: '',
	},
	...reservationFields,
];

export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject> {
	return await reserve.call(this, item, await readReservation.call(this, item));
}
