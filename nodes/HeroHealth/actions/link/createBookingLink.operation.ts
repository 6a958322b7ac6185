import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { HeroItem } from '../../transport/request';
import { heroPaths, heroRequest } from '../../transport/request';
import {
	appointmentTypeLocator,
	locationLocator,
	optionsCollection,
	patientLocator,
	readNumericId,
	readOptionalNumericId,
	requestsInFlightOption,
} from '../fields';
import {
	checkedLinkLimits,
	expiryDateOption,
	fromDateOption,
	maximumUsesOption,
	practitionerOption,
	readBookingWindow,
	toDateOption,
} from './shared';

export const about = {
	name: 'Create Booking Link',
	action: 'Create a booking link',
	description:
		'Create a self-booking link for an appointment type at a location: a patient invite, or a generic link when no patient is given',
	independentItems: true,
};

export const description = updateDisplayOptions({ show: { resource: ['link'], operation: ['createBookingLink'] } }, [
	appointmentTypeLocator,
	locationLocator,
	{
		...patientLocator,
		required: false,
		description:
			'The patient to invite (they confirm their date of birth to book). Leave empty for a generic link that anyone can use after signing in with NHS login.',
	},
	optionsCollection([
		expiryDateOption,
		fromDateOption,
		maximumUsesOption,
		practitionerOption,
		requestsInFlightOption,
		toDateOption,
	]),
]);

/** A self-booking link: a patient invite when a patient is given, otherwise a generic link. */
export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject> {
	const body: IDataObject = {
		appointment_type_id: readNumericId.call(this, item.index, 'appointmentTypeId', 'Appointment Type'),
		location_id: readNumericId.call(this, item.index, 'locationId', 'Location'),
	};
	const patientId = readOptionalNumericId.call(this, item.index, 'patientId', 'Patient');
	if (patientId) body.patient_id = patientId;
	const options = this.getNodeParameter('options', item.index, {}) as { expiryDate?: string; maximumUses?: number };
	Object.assign(body, readBookingWindow.call(this, item.index, 'options'), checkedLinkLimits.call(this, item.index, options));
	return await heroRequest.call(
		this,
		{ method: 'POST', path: heroPaths.bookingLinks, body, subject: 'appointment type, location, practitioner or patient' },
		item,
	);
}
