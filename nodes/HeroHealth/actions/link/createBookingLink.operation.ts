import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { heroRequest } from '../../transport/request';
import { heroPaths } from '../../transport/paths';
import { appointmentTypeLocator, locationLocator, optionsCollection, patientLocator } from '../common.descriptions';
import { readNumericId, readOptionalNumericId } from '../common.parameters';
import {
	expiryDateOption,
	fromDateOption,
	maximumUsesOption,
	practitionerOption,
	readBookingWindow,
	readLinkLimits,
	toDateOption,
} from './shared';

export const description: INodeProperties[] = [
	appointmentTypeLocator,
	locationLocator,
	{
		...patientLocator,
		required: false,
		description:
			'The patient to invite (they confirm their date of birth to book). Leave empty for a generic link that anyone can use after signing in with NHS login.',
	},
	optionsCollection([expiryDateOption, fromDateOption, maximumUsesOption, practitionerOption, toDateOption]),
];

/** A self-booking link: a patient invite when a patient is given, otherwise a generic link. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const body: IDataObject = {
		appointment_type_id: readNumericId.call(this, itemIndex, 'appointmentTypeId', 'Appointment Type'),
		location_id: readNumericId.call(this, itemIndex, 'locationId', 'Location'),
	};
	const patientId = readOptionalNumericId.call(this, itemIndex, 'patientId', 'Patient');
	if (patientId) body.patient_id = patientId;
	const options = this.getNodeParameter('options', itemIndex, {}) as { expiryDate?: string; maximumUses?: number };
	Object.assign(body, readBookingWindow.call(this, itemIndex, 'options'), readLinkLimits.call(this, itemIndex, options));
	return await heroRequest.call(
		this,
		{ method: 'POST', path: heroPaths.bookingLinks, body, subject: 'appointment type, location, practitioner or patient' },
		itemIndex,
	);
}
