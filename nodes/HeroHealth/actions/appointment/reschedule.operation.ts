import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { heroPaths } from '../../transport/paths';
import { optionsCollection } from '../common.descriptions';
import { appointmentIdField, moveAppointment, slotChoiceFields, suppressMailOption } from './shared';
import type { HeroItem } from '../types';

export const description: INodeProperties[] = [
	{ ...appointmentIdField, description: 'The ID of the confirmed appointment to move' },
	...slotChoiceFields(false),
	optionsCollection([suppressMailOption('the new time')]),
];

/** Moves a confirmed appointment to another time of the same appointment type and location. */
export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject> {
	return await moveAppointment.call(this, item, 'PATCH', heroPaths.appointmentReschedule);
}
