// Every Hero call the node makes, as steps in the order the probe runs them, and which steps each setting of
// `calls` allows.

import { dateOfBirthProblem, nhsNumberProblem } from '../../../nodes/HeroHealth/validation';
import { appointmentDetails, byId, firstOf, keepId, keepText, limited, numeric, onRecord } from './step';
import type { ProbeCalls, Step } from './step';

const SLOTS = ['slotA', 'slotB', 'slotC', 'slotD'];
const [BATCH, LINK, APPOINTMENT]: Array<[string, string]> = [
	['batchId', 'batchMessageId'],
	['linkId', 'linkId'],
	['appointmentId', 'appointmentId'],
];

/** Every Hero call the node makes, in an order where each step finds the records it needs. */
export const STEPS: Step[] = [
	{ operation: 'practiceGroup.get', calls: 'read', operationIds: ['getPracticeGroupById'] },
	{ operation: 'practiceGroup.getCapabilities', calls: 'read', operationIds: ['getCapabilities'] },
	{ operation: 'practiceGroup.getConfiguration', calls: 'read', operationIds: ['getConfiguration'] },
	{ operation: 'practiceGroup.getElements', calls: 'read', operationIds: ['listPracticeGroupElements'] },
	firstOf('location.getAll', 'listLocations', 'locationId'),
	firstOf('appointmentType.getAll', 'listAppointmentTypes', 'appointmentTypeId'),
	firstOf('practitioner.getAll', 'listPractitioners', 'practitionerId'),
	{
		operation: 'practitioner.get',
		calls: 'read',
		operationIds: ['getPractitioner'],
		needs: ['practitionerId'],
		parameters: (known) => ({ practitionerId: byId(known.practitionerId) }),
	},
	{
		operation: 'slot.getAll',
		calls: 'read',
		operationIds: ['listSlots'],
		parameters: (known) => ({
			appointmentTypeId: byId(known.appointmentTypeId),
			locationId: byId(known.locationId),
			returnAll: false,
			limit: SLOTS.length,
		}),
		keep: (output, known) => {
			output.slice(0, SLOTS.length).forEach((slot, index) => {
				const minutes = (Date.parse(String(slot.finish_time)) - Date.parse(String(slot.start_time))) / 60_000;
				const [id, practitioner] = [numeric(slot.id), numeric(slot.practitioner_id)];
				if (!id || !practitioner || !(minutes > 0)) return;
				Object.assign(known, {
					[SLOTS[index]]: id,
					[`${SLOTS[index]}Start`]: String(slot.start_time),
					[`${SLOTS[index]}Practitioner`]: practitioner,
					[`${SLOTS[index]}Minutes`]: String(minutes),
				});
			});
		},
	},
	{
		operation: 'slot.count',
		calls: 'read',
		operationIds: ['countSlots'],
		parameters: (known) => ({ appointmentTypeId: byId(known.appointmentTypeId), locationId: byId(known.locationId) }),
	},
	onRecord('slot.get', 'read', 'getSlot', ['slotA', 'slotId']),
	{
		operation: 'patient.get',
		calls: 'read',
		operationIds: ['getPatientById'],
		needs: ['patientId'],
		parameters: (known) => ({ patientId: byId(known.patientId), simplify: false }),
		keep: (output, known) => {
			const [patient] = output;
			keepText('lastName', 'last_name')(output, known);
			keepText('emisId', 'emis_id')(output, known);
			// for the PDS registration and the batch, when the node would take them
			if (nhsNumberProblem(patient?.nhs_number) === undefined) known.nhsNumber = String(patient.nhs_number);
			if (dateOfBirthProblem(patient?.dob) === undefined) known.dob = String(patient.dob);
		},
	},
	{
		operation: 'patient.search',
		calls: 'read',
		operationIds: ['listPatientsV3'],
		parameters: (known) => ({ searchFields: { lastName: known.lastName ?? 'Smith' }, ...limited }),
	},
	{
		operation: 'patient.search',
		calls: 'read',
		operationIds: ['listPatients'],
		parameters: (known) => ({ searchFields: { emisId: known.emisId ?? '1' }, ...limited }),
	},
	{
		operation: 'patient.getAttachments',
		calls: 'read',
		operationIds: ['listPatientAttachments'],
		needs: ['patientId'],
		parameters: (known) => ({ patientId: byId(known.patientId), ...limited }),
		keep: keepText('ehrFileId', 'ehr_file_id'),
	},
	{
		operation: 'patient.getEhrCandidates',
		calls: 'read',
		operationIds: ['listPatientEhrCandidates'],
		needs: ['patientId'],
		parameters: (known) => ({ patientId: byId(known.patientId), ...limited }),
		keep: keepText('ehrPartnerId', 'ehr_partner_id'),
	},
	// on a mock, records are made first, so that the reads after them find one
	{
		operation: 'batchMessage.create',
		calls: 'all',
		operationIds: ['createBatchMessage'],
		parameters: (known) => ({
			name: 'Hero probe',
			channel: 'sms',
			message: 'A batch from the Hero probe',
			recipientSource: 'list',
			recipientList: { recipient: [{ nhsNumber: known.nhsNumber ?? '943 476 5919', dateOfBirth: known.dob ?? '1986-01-15' }] },
		}),
		keep: keepId('batchId'),
	},
	onRecord('batchMessage.send', 'all', 'sendBatchMessage', BATCH),
	firstOf('batchMessage.getAll', 'listBatchMessages', 'batchId'),
	onRecord('batchMessage.get', 'read', 'getBatchMessage', BATCH),
	onRecord('batchMessage.getRecipients', 'read', 'listBatchMessageSends', BATCH, () => limited),
	{
		...onRecord('batchMessage.getMessages', 'read', 'listSentMessages', BATCH, () => limited),
		keep: keepId('messageId', 'message_id'),
	},
	{
		operation: 'message.send',
		calls: 'all',
		operationIds: ['sendMessage'],
		needs: ['patientId'],
		parameters: (known) => ({ patientId: byId(known.patientId), channel: 'sms', message: 'A message from the Hero probe' }),
		keep: keepId('messageId', 'message_id'),
	},
	onRecord('message.get', 'read', 'getMessage', ['messageId', 'messageId']),
	onRecord('formResponse.get', 'read', 'getFormResponse', ['formResponseId', 'formResponseId']),
	{
		operation: 'link.createBookingLink',
		calls: 'all',
		operationIds: ['createBookingLink'],
		parameters: (known) => ({ appointmentTypeId: byId(known.appointmentTypeId), locationId: byId(known.locationId) }),
		keep: keepId('linkId'),
	},
	firstOf('link.getAll', 'listBookingLinks', 'linkId'),
	onRecord('link.get', 'read', 'getBookingLink', LINK),
	onRecord('link.getStatus', 'read', 'getLinkStatus', LINK, () => ({ lookupBy: 'id' })),
	onRecord('link.update', 'all', 'updateBookingLink', LINK, () => ({
		updateFields: { fromDate: new Date(Date.now() + 86_400_000).toISOString().slice(0, 10) },
	})),
	{
		operation: 'link.createFormLink',
		calls: 'all',
		operationIds: ['createFormLink'],
		needs: ['patientId'],
		parameters: (known) => ({ formId: 'hero-probe-form', patientId: byId(known.patientId) }),
	},
	{
		operation: 'link.createAttachmentLink',
		calls: 'all',
		operationIds: ['createAttachmentLink'],
		needs: ['patientId', 'ehrFileId'],
		parameters: (known) => ({ patientId: byId(known.patientId), fileSource: 'ehrFile', ehrFileId: known.ehrFileId }),
	},
	{ operation: 'link.createVideoLink', calls: 'all', operationIds: ['createVideoLink'] },
	// a reservation, read back, then (on a mock) edited, confirmed and moved; cancelled in the end
	{
		operation: 'appointment.reserve',
		calls: 'reservation',
		operationIds: ['createAppointment'],
		needs: ['patientId'],
		parameters: (known) => ({ ...appointmentDetails(known, 'slotA'), patientId: byId(known.patientId) }),
		keep: keepId('appointmentId'),
	},
	onRecord('appointment.get', 'read', 'getAppointment', APPOINTMENT),
	onRecord('appointment.getStatus', 'read', 'getAppointmentStatus', APPOINTMENT),
	onRecord('appointment.edit', 'all', 'editAppointment', APPOINTMENT, (known) => appointmentDetails(known, 'slotB')),
	onRecord('appointment.confirm', 'all', 'bookAppointment', APPOINTMENT),
	onRecord('appointment.reschedule', 'all', 'rescheduleAppointment', APPOINTMENT, (known) => appointmentDetails(known, 'slotC')),
	// the probe's own appointment goes, even when it starts within the practice's cancellation window
	onRecord('appointment.cancel', 'reservation', 'cancelAppointment', APPOINTMENT, () => ({
		options: { suppressCancellationPolicy: true, suppressMail: true },
	})),
	{
		operation: 'appointment.book',
		calls: 'all',
		operationIds: ['createAppointment', 'bookAppointment'],
		needs: ['patientId'],
		parameters: (known) => ({ ...appointmentDetails(known, 'slotD'), patientId: byId(known.patientId) }),
	},
	{ operation: 'practiceGroup.createAccessToken', calls: 'all', operationIds: ['createAccessToken'] },
	{
		operation: 'patient.registerFromPds',
		calls: 'all',
		operationIds: ['registerPatientPds'],
		parameters: (known) => ({
			findBy: 'nhsNumber',
			nhsNumber: known.nhsNumber ?? '943 476 5919',
			dateOfBirth: known.dob ?? '1986-01-15',
		}),
	},
	{
		operation: 'patient.createOrUpdate',
		calls: 'all',
		operationIds: ['registerPatient'],
		parameters: () => ({ firstName: 'Hero', lastName: 'Probe', dateOfBirth: '1985-12-10', mobile: '07700 900123' }),
	},
	{
		operation: 'patient.connectEhr',
		calls: 'all',
		operationIds: ['connectPatientEhr'],
		needs: ['patientId', 'ehrPartnerId'],
		parameters: (known) => ({ patientId: byId(known.patientId), ehrPartnerId: byId(known.ehrPartnerId) }),
	},
	{
		operation: 'patient.merge',
		calls: 'all',
		operationIds: ['previewPatientMerge', 'mergePatient'],
		needs: ['patientId', 'duplicatePatientId'],
		parameters: (known) => ({
			patientId: byId(known.patientId),
			tokenSource: 'preview',
			duplicatePatientId: byId(known.duplicatePatientId),
		}),
	},
	{ operation: 'trigger', calls: 'all', operationIds: ['createWebhook', 'listWebhooks', 'deleteWebhook'] },
];

/** The Hero operations the node uses: every operation some step calls. */
export const PROBED_OPERATIONS = [...new Set(STEPS.flatMap((step) => step.operationIds))];

export const CALLS_OF: Record<ProbeCalls, Array<Step['calls']>> = {
	read: ['read'],
	reservation: ['read', 'reservation'],
	all: ['read', 'reservation', 'all'],
};
