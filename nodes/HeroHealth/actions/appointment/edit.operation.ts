import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { HeroItem } from '../../transport/request';
import { heroPaths } from '../../transport/request';
import { optionsCollection } from '../fields';
import { appointmentIdField, moveAppointment, slotChoiceFields, suppressMailOption } from './shared';

export const about = {
	name: 'Edit',
	action: 'Edit a reservation',
	description: 'Change the practitioner, time or length of a reservation that is not confirmed yet',
	// Two items may name the same reservation or want the same slot: they run one at a time, in input order.
	independentItems: false,
};

export const description = updateDisplayOptions({ show: { resource: ['appointment'], operation: ['edit'] } }, [
	{
		displayName: 'Edit only works on a reservation that is not confirmed yet. To move a confirmed appointment, use Reschedule.',
		name: 'editNotice',
		type: 'notice',
		default: '',
	},
	appointmentIdField('The ID of the reservation to change (the ID returned by Reserve)'),
	...slotChoiceFields(false),
	optionsCollection([
		{
			displayName: 'Suppress Availability Check',
			name: 'suppressAvailabilityCheck',
			type: 'boolean',
			default: false,
			description: 'Whether Hero should accept a time that is not a free slot',
		},
		suppressMailOption('the change'),
	]),
]);

export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject> {
	return await moveAppointment.call(this, item, 'PUT', heroPaths.appointment);
}
