import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { heroRequest } from '../../transport/request';
import { heroPaths } from '../../transport/paths';
import { withLondonStart } from '../londonTime';
import { optionsCollection } from '../common.descriptions';
import {
	appointmentIdField,
	readAppointmentId,
	readAppointmentOptions,
	readSlotChoice,
	slotChoiceFields,
	suppressMailOption,
} from './shared';
import type { HeroItem } from '../types';

export const description: INodeProperties[] = [
	{ ...appointmentIdField, description: 'The ID of the confirmed appointment to move' },
	...slotChoiceFields(false),
	optionsCollection([suppressMailOption('the new time')]),
];

/** Moves a confirmed appointment to another time of the same appointment type and location. */
export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject> {
	const appointmentId = readAppointmentId.call(this, item.index);
	const body = { ...(await readSlotChoice.call(this, item, false)), ...readAppointmentOptions.call(this, item.index) };
	const appointment = await heroRequest.call(
		this,
		{ method: 'PATCH', path: heroPaths.appointmentReschedule(appointmentId), body, subject: `appointment ${appointmentId}` },
		item,
	);
	return withLondonStart(appointment);
}
