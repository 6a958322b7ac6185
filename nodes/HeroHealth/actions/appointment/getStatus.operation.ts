import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { HeroItem } from '../../transport/request';
import { heroGet, heroPaths } from '../../transport/request';
import { requestsInFlightOptions } from '../fields';
import { appointmentIdField, readAppointmentId } from './shared';

export const about = {
	name: 'Get Status',
	action: 'Get the status of an appointment',
	description: 'Get whether an appointment is reserved, confirmed, cancelled or expired',
	independentItems: true,
};

export const description = updateDisplayOptions({ show: { resource: ['appointment'], operation: ['getStatus'] } }, [
	appointmentIdField(),
	requestsInFlightOptions,
]);

export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject> {
	const id = readAppointmentId.call(this, item.index);
	return await heroGet.call(this, item, heroPaths.appointmentStatus(id), `appointment ${id}`);
}
