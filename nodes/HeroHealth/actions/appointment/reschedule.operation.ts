import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { heroRequest } from '../../transport/request';
import { heroPaths } from '../../transport/paths';
import { withLondonStart } from '../londonTime';
import { optionsCollection } from '../common.descriptions';
import { appointmentIdField, readAppointmentId, readSlotChoice, slotChoiceFields, suppressMailOption } from './shared';

export const description: INodeProperties[] = [
	{ ...appointmentIdField, description: 'The ID of the confirmed appointment to move' },
	...slotChoiceFields(false),
	optionsCollection([suppressMailOption('the new time')]),
];

/** Moves a confirmed appointment to another time of the same appointment type and location. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const appointmentId = readAppointmentId.call(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as { suppressMail?: boolean };
	const body = await readSlotChoice.call(this, itemIndex, false);
	if (options.suppressMail !== undefined) body.suppress_mail = options.suppressMail;
	const appointment = await heroRequest.call(
		this,
		{ method: 'PATCH', path: heroPaths.appointmentReschedule(appointmentId), body, subject: `appointment ${appointmentId}` },
		itemIndex,
	);
	return withLondonStart(appointment);
}
