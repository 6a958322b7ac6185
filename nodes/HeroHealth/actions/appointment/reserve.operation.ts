import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { HeroItem } from '../../transport/request';
import { fetchReservationBody, reservationFields, reserve } from './shared';

export const about = {
	name: 'Reserve',
	action: 'Reserve a slot',
	description: 'Hold a slot for a patient without confirming it; returns reserved_until, after which Hero releases the slot',
	// Two items may want the same slot: they run one at a time, in input order.
	independentItems: false,
};

export const description = updateDisplayOptions({ show: { resource: ['appointment'], operation: ['reserve'] } }, [
	{
		displayName:
			'This only holds the slot until reserved_until. Confirm it with Appointment > Confirm before then, or it is released.',
		name: 'reserveNotice',
		type: 'notice',
		default: '',
	},
	...reservationFields,
]);

export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject> {
	return await reserve.call(this, item, await fetchReservationBody.call(this, item));
}
