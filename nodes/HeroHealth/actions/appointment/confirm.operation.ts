import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { withLondonStart } from '../../helpers/londonTime';
import { appointmentIdField, confirm, readAppointmentId } from './shared';
import type { HeroItem } from '../types';

export const description: INodeProperties[] = [
	{ ...appointmentIdField, description: 'The ID of the reservation to confirm (the ID returned by Reserve)' },
];

export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject> {
	return withLondonStart(await confirm.call(this, item, readAppointmentId.call(this, item.index)));
}
