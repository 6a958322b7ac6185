import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { heroPaths } from '../../transport/paths';
import { optionsCollection } from '../common.descriptions';
import { appointmentIdField, moveAppointment, slotChoiceFields, suppressMailOption } from './shared';
import type { HeroItem } from '../types';

export const description: INodeProperties[] = [
	{
		displayName: 'Edit only works on a reservation that is not confirmed yet. To move a confirmed appointment, use Reschedule.',
		name: 'editNotice',
		type: 'notice',
		default: '',
	},
	{ ...appointmentIdField, description: 'The ID of the reservation to change (the ID returned by Reserve)' },
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
];

export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject> {
	return await moveAppointment.call(this, item, 'PUT', heroPaths.appointment);
}
