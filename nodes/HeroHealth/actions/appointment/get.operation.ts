import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { withLondonStart } from '../../helpers/londonTime';
import type { HeroItem } from '../../transport/request';
import { heroPaths, heroRequest } from '../../transport/request';
import { optionsCollection, requestsInFlightOption } from '../fields';
import { appointmentIdField, readAppointmentId } from './shared';

export const dropdownEntry = {
	name: 'Get',
	action: 'Get an appointment',
	description: 'Get an appointment: time, practitioner, location, and whether it can still be cancelled or moved',
};

export const independentItems = true;

const displayOptions = { show: { resource: ['appointment'], operation: ['get'] } };

export const description: INodeProperties[] = updateDisplayOptions(displayOptions, [
	appointmentIdField,
	optionsCollection([requestsInFlightOption]),
]);

export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject> {
	const appointmentId = readAppointmentId.call(this, item.index);
	const appointment = await heroRequest.call(
		this,
		{ method: 'GET', path: heroPaths.appointment(appointmentId), subject: `appointment ${appointmentId}` },
		item,
	);
	return withLondonStart(appointment);
}
