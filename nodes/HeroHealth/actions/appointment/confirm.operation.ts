import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { withLondonStart } from '../londonTime';
import { appointmentIdField, confirm, readAppointmentId } from './shared';

export const description: INodeProperties[] = [
	{ ...appointmentIdField, description: 'The ID of the reservation to confirm (the ID returned by Reserve)' },
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	return withLondonStart(await confirm.call(this, itemIndex, readAppointmentId.call(this, itemIndex)));
}
