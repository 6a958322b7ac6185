import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { HeroItem } from '../../transport/request';
import { heroPaths, heroRequest } from '../../transport/request';
import { optionsCollection, requestsInFlightOption } from '../fields';
import { appointmentIdField, readAppointmentId } from './shared';

export const dropdownEntry = {
	name: 'Get Status',
	action: 'Get the status of an appointment',
	description: 'Get whether an appointment is reserved, confirmed, cancelled or expired',
};

export const independentItems = true;

const displayOptions = { show: { resource: ['appointment'], operation: ['getStatus'] } };

export const description: INodeProperties[] = updateDisplayOptions(displayOptions, [
	appointmentIdField,
	optionsCollection([requestsInFlightOption]),
]);

export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject> {
	const appointmentId = readAppointmentId.call(this, item.index);
	return await heroRequest.call(
		this,
		{ method: 'GET', path: heroPaths.appointmentStatus(appointmentId), subject: `appointment ${appointmentId}` },
		item,
	);
}
