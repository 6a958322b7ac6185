import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { heroRequest } from '../../transport/request';
import { heroPaths } from '../../transport/paths';
import { withLondonStart } from '../../helpers/londonTime';
import { appointmentIdField, readAppointmentId } from './shared';
import type { HeroItem } from '../types';

export const independentItems = true;

export const description: INodeProperties[] = [appointmentIdField];

export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject> {
	const appointmentId = readAppointmentId.call(this, item.index);
	const appointment = await heroRequest.call(
		this,
		{ method: 'GET', path: heroPaths.appointment(appointmentId), subject: `appointment ${appointmentId}` },
		item,
	);
	return withLondonStart(appointment);
}
