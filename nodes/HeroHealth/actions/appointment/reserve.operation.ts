import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readReservation, reservationFields, reserve } from './shared';

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

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	return await reserve.call(this, itemIndex, await readReservation.call(this, itemIndex));
}
