import type { IDataObject, IExecuteFunctions, INodeProperties, NodeApiError } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { utcDateTime, withLondonStart } from '../../helpers/londonTime';
import type { HeroItem } from '../../transport/request';
import { heroPaths, heroRequest } from '../../transport/request';
import { dateTimeProblem, positiveWholeNumberProblem, refuseInvalid } from '../../validation';
import {
	appointmentTypeLocator,
	heroFieldsFrom,
	locationLocator,
	optionsCollection,
	patientLocator,
	practitionerLocator,
	readNumericId,
	readPatientId,
} from '../fields';
import { fetchFreeSlot, slotIdField } from '../slot/shared';

/** The Appointment ID field; `description` says which appointment the operation acts on. */
export function appointmentIdField(
	description = 'The numeric Hero ID of the appointment (the ID returned by Book or Reserve)',
): INodeProperties {
	return {
		displayName: 'Appointment ID',
		name: 'appointmentId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 5001',
		description,
	};
}

export function readAppointmentId(this: IExecuteFunctions, itemIndex: number): string {
	return readNumericId.call(this, itemIndex, 'appointmentId', 'Appointment ID');
}

const whenDetails = { show: { slotSelection: ['details'] } };

/** Every appointment change can email the patient; `about` names what the email would be about. */
export function suppressMailOption(about: string): INodeProperties {
	return {
		displayName: 'Suppress Mail',
		name: 'suppressMail',
		type: 'boolean',
		default: false,
		description: `Whether to stop Hero emailing the patient about ${about}`,
	};
}

/**
 * Where and when an appointment goes: a free slot by ID, or the details themselves. New
 * appointments also need the appointment type and location; edits and reschedules keep theirs.
 */
export function slotChoiceFields(forNewAppointment: boolean): INodeProperties[] {
	const typeAndLocation = forNewAppointment
		? [
				{ ...appointmentTypeLocator, displayOptions: whenDetails },
				{ ...locationLocator, displayOptions: whenDetails },
			]
		: [];
	return [
		{
			displayName: 'Choose Slot By',
			name: 'slotSelection',
			type: 'options',
			default: 'slot',
			options: [
				{
					name: 'Appointment Details',
					value: 'details',
					description: forNewAppointment
						? 'Appointment type, location, practitioner, start time and duration'
						: 'Practitioner, start time and duration',
				},
				{
					name: 'Slot ID',
					value: 'slot',
					description: 'A free slot from Slot > Get Many; its practitioner, time and length are used',
				},
			],
		},
		{ ...slotIdField, displayOptions: { show: { slotSelection: ['slot'] } } },
		...typeAndLocation,
		{ ...practitionerLocator, displayOptions: whenDetails },
		{
			displayName: 'Start Time',
			name: 'startTime',
			type: 'dateTime',
			required: true,
			default: '',
			displayOptions: whenDetails,
			description: "When the appointment starts. A time without an offset is read in the workflow's time zone.",
		},
		{
			displayName: 'Duration (Minutes)',
			name: 'duration',
			type: 'number',
			required: true,
			typeOptions: { minValue: 1 },
			default: 15,
			displayOptions: whenDetails,
			description: 'Length of the appointment in minutes',
		},
	];
}

/** The chosen slot as Hero body fields: practitioner_id, start_time (UTC), duration, and for new appointments the type and location. */
async function fetchSlotFields(this: IExecuteFunctions, item: HeroItem, forNewAppointment: boolean): Promise<IDataObject> {
	if (this.getNodeParameter('slotSelection', item.index) === 'slot') {
		const slot = await fetchFreeSlot.call(this, item);
		const duration = Math.round((Date.parse(String(slot.finish_time)) - Date.parse(String(slot.start_time))) / 60_000);
		if (!(duration > 0)) {
			throw new NodeOperationError(
				this.getNode(),
				`Slot ${String(slot.id)} has no usable start and finish time, so its length is unknown`,
				{ itemIndex: item.index, description: "Choose the slot by 'Appointment Details' and give the duration." },
			);
		}
		const fields: IDataObject = { practitioner_id: String(slot.practitioner_id), start_time: slot.start_time, duration };
		if (forNewAppointment) {
			fields.appointment_type_id = String(slot.appointment_type_id);
			fields.location_id = String(slot.location_id);
		}
		return fields;
	}

	const fields: IDataObject = {};
	if (forNewAppointment) {
		fields.appointment_type_id = readNumericId.call(this, item.index, 'appointmentTypeId', 'Appointment Type');
		fields.location_id = readNumericId.call(this, item.index, 'locationId', 'Location');
	}
	fields.practitioner_id = readNumericId.call(this, item.index, 'practitionerId', 'Practitioner');
	const startTime = String(this.getNodeParameter('startTime', item.index, '')).trim();
	refuseInvalid.call(this, item.index, 'Start Time', dateTimeProblem(startTime));
	fields.start_time = utcDateTime(startTime, this.getTimezone());
	refuseInvalid.call(this, item.index, 'Start Time', dateTimeProblem(fields.start_time, { notPast: true }));
	const duration = this.getNodeParameter('duration', item.index);
	refuseInvalid.call(this, item.index, 'Duration (Minutes)', positiveWholeNumberProblem(duration));
	fields.duration = Number(duration);
	return fields;
}

/** Book and Reserve take the same input: a slot, a patient, and these options. */
export const reservationFields: INodeProperties[] = [
	...slotChoiceFields(true),
	patientLocator,
	optionsCollection([
		{
			displayName: 'Reason',
			name: 'reason',
			type: 'string',
			default: '',
			description: 'Why the patient is being seen; shown to the practice with the appointment',
		},
		{
			displayName: 'Suppress Availability Check',
			name: 'suppressAvailabilityCheck',
			type: 'boolean',
			default: false,
			description: 'Whether Hero should book even if the time is not a free slot (e.g. an extra appointment)',
		},
		suppressMailOption('this appointment'),
	]),
];

/** The appointment operations' Options, as Hero's body fields; each operation offers its own few of them. */
export function readAppointmentOptions(this: IExecuteFunctions, itemIndex: number): IDataObject {
	return heroFieldsFrom(this.getNodeParameter('options', itemIndex, {}) as IDataObject, {
		reason: 'reason',
		suppressAvailabilityCheck: 'suppress_availability_check',
		suppressCancellationPolicy: 'suppress_cancellation_policy',
		suppressMail: 'suppress_mail',
	});
}

/** The body of POST /v1/appointments. Every parameter is checked before the slot is looked up. */
export async function fetchReservationBody(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject> {
	const patientId = readPatientId.call(this, item.index);
	const options = readAppointmentOptions.call(this, item.index);
	return { ...(await fetchSlotFields.call(this, item, true)), patient_id: patientId, ...options };
}

/** POST /v1/appointments: holds the slot until `reserved_until`. */
export async function reserve(this: IExecuteFunctions, item: HeroItem, body: IDataObject): Promise<IDataObject> {
	try {
		return await heroRequest.call(
			this,
			{
				method: 'POST',
				path: heroPaths.appointments,
				body,
				subject: 'matching slot, patient, practitioner, location or appointment type',
			},
			item,
		);
	} catch (error) {
		throw withSlotTakenExplained(error as NodeApiError);
	}
}

/** A 409 on reserving means another booking holds the slot; say so before Hero's own words. */
function withSlotTakenExplained(error: NodeApiError): NodeApiError {
	if (error.httpCode === '409') {
		error.message = `The slot is no longer free (it was reserved or booked first): ${error.message}`;
	}
	return error;
}

/** PATCH …/book: turns a reservation into a confirmed appointment. */
export async function confirm(this: IExecuteFunctions, item: HeroItem, appointmentId: string): Promise<IDataObject> {
	return await heroRequest.call(
		this,
		{ method: 'PATCH', path: heroPaths.appointmentBook(appointmentId), subject: `reservation ${appointmentId}` },
		item,
	);
}

/** Edit (a reservation, PUT) and Reschedule (a confirmed appointment, PATCH): to the slot chosen, with the Options given. */
export async function moveAppointment(
	this: IExecuteFunctions,
	item: HeroItem,
	method: 'PUT' | 'PATCH',
	pathOf: (appointmentId: string) => string,
): Promise<IDataObject> {
	const appointmentId = readAppointmentId.call(this, item.index);
	const body = { ...(await fetchSlotFields.call(this, item, false)), ...readAppointmentOptions.call(this, item.index) };
	const appointment = await heroRequest.call(
		this,
		{ method, path: pathOf(appointmentId), body, subject: `appointment ${appointmentId}` },
		item,
	);
	return withLondonStart(appointment);
}
