import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { withLondonStart } from '../../helpers/londonTime';
import type { HeroItem } from '../../transport/request';
import { appointmentIdField, confirm, readAppointmentId } from './shared';

export const about = {
	name: 'Confirm',
	action: 'Confirm a reservation',
	description: 'Confirm a reservation made with Reserve, before its reserved_until time',
	// Two items may name the same appointment: they run one at a time, in input order.
	independentItems: false,
};

export const description = updateDisplayOptions({ show: { resource: ['appointment'], operation: ['confirm'] } }, [
	appointmentIdField('The ID of the reservation to confirm (the ID returned by Reserve)'),
]);

export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject> {
	return withLondonStart(await confirm.call(this, item, readAppointmentId.call(this, item.index)));
}
