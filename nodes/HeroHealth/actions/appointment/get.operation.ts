import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { heroRequest } from '../../transport/request';
import { heroPaths } from '../../transport/paths';
import { withLondonStart } from '../londonTime';
import { appointmentIdField, readAppointmentId } from './shared';

export const description: INodeProperties[] = [appointmentIdField];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const appointmentId = readAppointmentId.call(this, itemIndex);
	const appointment = await heroRequest.call(
		this,
		{ method: 'GET', path: heroPaths.appointment(appointmentId), subject: `appointment ${appointmentId}` },
		itemIndex,
	);
	return withLondonStart(appointment);
}
