import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { HeroItem } from '../../transport/request';
import { heroPaths, heroRequest } from '../../transport/request';
import { refuseInvalid } from '../../validation';
import { appointmentTypeLocator, locationLocator, readOptionalNumericId } from '../fields';
import { fromDateOption, linkIdField, practitionerOption, readBookingWindow, readLinkId, toDateOption } from './shared';

export const about = {
	name: 'Update',
	action: 'Update a booking link',
	description: 'Change the appointment type, location, practitioner or date window a booking link offers',
	// Two items may change the same booking link: they run one at a time, in input order, so the last one wins.
	independentItems: false,
};

export const description = updateDisplayOptions({ show: { resource: ['link'], operation: ['update'] } }, [
	linkIdField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ ...appointmentTypeLocator, required: false, description: 'Offer this appointment type instead' },
			fromDateOption,
			{ ...locationLocator, required: false, description: 'Offer slots at this location instead' },
			practitionerOption,
			toDateOption,
		],
	},
]);

export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject> {
	const linkId = readLinkId.call(this, item.index);
	const body: IDataObject = {};
	const appointmentTypeId = readOptionalNumericId.call(this, item.index, 'updateFields.appointmentTypeId', 'Appointment Type');
	if (appointmentTypeId) body.appointment_type_id = appointmentTypeId;
	const locationId = readOptionalNumericId.call(this, item.index, 'updateFields.locationId', 'Location');
	if (locationId) body.location_id = locationId;
	Object.assign(body, readBookingWindow.call(this, item.index, 'updateFields'));
	if (Object.keys(body).length === 0) {
		refuseInvalid.call(this, item.index, 'Update Fields', 'nothing to change was given; add at least one field');
	}
	return await heroRequest.call(
		this,
		{ method: 'PATCH', path: heroPaths.bookingLink(linkId), body, subject: `booking link ${linkId}` },
		item,
	);
}
