import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { heroRequest } from '../../transport/request';
import { heroPaths } from '../../transport/paths';
import { refuseInvalid } from '../../validation';
import { appointmentTypeLocator, locationLocator } from '../common.descriptions';
import { readOptionalNumericId } from '../common.parameters';
import { fromDateOption, linkIdField, practitionerOption, readBookingWindow, readLinkId, toDateOption } from './shared';

export const description: INodeProperties[] = [
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
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const linkId = readLinkId.call(this, itemIndex);
	const body: IDataObject = {};
	const appointmentTypeId = readOptionalNumericId.call(this, itemIndex, 'updateFields.appointmentTypeId', 'Appointment Type');
	if (appointmentTypeId) body.appointment_type_id = appointmentTypeId;
	const locationId = readOptionalNumericId.call(this, itemIndex, 'updateFields.locationId', 'Location');
	if (locationId) body.location_id = locationId;
	Object.assign(body, readBookingWindow.call(this, itemIndex, 'updateFields'));
	if (Object.keys(body).length === 0) {
		refuseInvalid.call(this, itemIndex, 'Update Fields', 'nothing to change was given; add at least one field');
	}
	return await heroRequest.call(
		this,
		{ method: 'PATCH', path: heroPaths.bookingLink(linkId), body, subject: `booking link ${linkId}` },
		itemIndex,
	);
}
