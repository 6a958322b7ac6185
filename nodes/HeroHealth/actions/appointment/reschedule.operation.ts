import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { HeroItem } from '../../transport/request';
import { heroPaths } from '../../transport/request';
import { optionsCollection } from '../fields';
import { appointmentIdField, moveAppointment, slotChoiceFields, suppressMailOption } from './shared';

export const about = {
	name: 'Reschedule',
	action: 'Reschedule an appointment',
	description: 'Move a confirmed appointment to another free time of the same type and location',
	// Two items may name the same appointment or want the same slot: they run one at a time, in input order.
	independentItems: false,
};

export const description = updateDisplayOptions({ show: { resource: ['appointment'], operation: ['reschedule'] } }, [
	appointmentIdField('The ID of the confirmed appointment to move'),
	...slotChoiceFields(false),
	optionsCollection([suppressMailOption('the new time')]),
]);

/** Moves a confirmed appointment to another time of the same appointment type and location. */
export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject> {
	return await moveAppointment.call(this, item, 'PATCH', heroPaths.appointmentReschedule);
}
