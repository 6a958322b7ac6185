import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { withLondonStart } from '../../helpers/londonTime';
import type { HeroItem } from '../../transport/request';
import { heroGet, heroPaths } from '../../transport/request';
import { requestsInFlightOptions } from '../fields';
import { appointmentIdField, readAppointmentId } from './shared';

export const about = {
	name: 'Get',
	action: 'Get an appointment',
	description: 'Get an appointment: time, practitioner, location, and whether it can still be cancelled or moved',
	independentItems: true,
};

export const description = updateDisplayOptions({ show: { resource: ['appointment'], operation: ['get'] } }, [
	appointmentIdField(),
	requestsInFlightOptions,
]);

export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject> {
	const id = readAppointmentId.call(this, item.index);
	return withLondonStart(await heroGet.call(this, item, heroPaths.appointment(id), `appointment ${id}`));
}
