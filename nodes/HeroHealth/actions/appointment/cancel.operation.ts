import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { HeroItem } from '../../transport/request';
import { heroPaths, heroRequest } from '../../transport/request';
import { optionsCollection } from '../fields';
import { appointmentIdField, readAppointmentId, readAppointmentOptions, suppressMailOption } from './shared';

export const about = {
	name: 'Cancel',
	action: 'Cancel an appointment',
	description: 'Cancel a confirmed appointment or drop a reservation, freeing its slot',
	// Two items may name the same appointment: they run one at a time, in input order.
	independentItems: false,
};

export const description = updateDisplayOptions({ show: { resource: ['appointment'], operation: ['cancel'] } }, [
	appointmentIdField('The ID of the appointment or reservation to cancel'),
	optionsCollection([
		{
			displayName: 'Suppress Cancellation Policy',
			name: 'suppressCancellationPolicy',
			type: 'boolean',
			default: false,
			description:
				"Whether to cancel even inside the practice's cancellation window (cancellation_policy_hours before the start)",
		},
		suppressMailOption('the cancellation'),
	]),
]);

export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject> {
	const appointmentId = readAppointmentId.call(this, item.index);
	const body = readAppointmentOptions.call(this, item.index);
	const response = await heroRequest.call(
		this,
		{ method: 'PATCH', path: heroPaths.appointmentCancel(appointmentId), body, subject: `appointment ${appointmentId}` },
		item,
	);
	// Hero's answer to a cancel is not documented; an empty one still means it worked.
	return response && typeof response === 'object' && Object.keys(response).length > 0 ? response : { cancelled: true };
}
