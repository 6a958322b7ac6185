// Every operation of the contract and the function that handles it: the one map the server registers
// handlers from. The type makes it name exactly the operations the scope table (auth.ts) names; the server
// checks at startup that the contract has no other.

import type { OperationId } from '../auth';
import type { Handler } from '../model';
import * as practice from './practice';
import * as availability from './availability';
import * as appointments from './appointments';
import * as links from './links';
import * as forms from './forms';
import * as messages from './messages';
import * as batchMessages from './batchMessages';
import * as patients from './patients';
import * as patientRecords from './patientRecords';
import * as webhooks from './webhooks';

export const HANDLER_BY_OPERATION: Record<OperationId, Handler> = {
	createAccessToken: practice.createAccessToken,
	getPracticeGroupById: practice.getPracticeGroupById,
	updatePracticeGroup: practice.updatePracticeGroup,
	getCapabilities: practice.getCapabilities,
	getConfiguration: practice.getConfiguration,
	listPracticeGroupElements: practice.listPracticeGroupElements,
	listAppointmentTypes: availability.listAppointmentTypes,
	listLocations: availability.listLocations,
	listAdmins: availability.listAdmins,
	listPractitioners: availability.listPractitioners,
	getPractitioner: availability.getPractitioner,
	listSlots: availability.listSlots,
	countSlots: availability.countSlots,
	getSlot: availability.getSlot,
	createAppointment: appointments.createAppointment,
	getAppointment: appointments.getAppointment,
	editAppointment: appointments.editAppointment,
	getAppointmentStatus: appointments.getAppointmentStatus,
	bookAppointment: appointments.bookAppointment,
	cancelAppointment: appointments.cancelAppointment,
	rescheduleAppointment: appointments.rescheduleAppointment,
	listBookingLinks: links.listBookingLinks,
	createBookingLink: links.createBookingLink,
	getBookingLink: links.getBookingLink,
	updateBookingLink: links.updateBookingLink,
	createFormLink: links.createFormLink,
	createAttachmentLink: links.createAttachmentLink,
	createVideoLink: links.createVideoLink,
	getLinkStatus: links.getLinkStatus,
	getFormResponse: forms.getFormResponse,
	sendMessage: messages.sendMessage,
	getMessage: messages.getMessage,
	listAutomatedMessages: messages.listAutomatedMessages,
	createBatchMessage: batchMessages.createBatchMessage,
	listBatchMessages: batchMessages.listBatchMessages,
	getBatchMessage: batchMessages.getBatchMessage,
	sendBatchMessage: batchMessages.sendBatchMessage,
	listBatchMessageSends: batchMessages.listBatchMessageSends,
	listSentMessages: batchMessages.listSentMessages,
	registerPatientPds: patients.registerPatientPds,
	registerPatient: patients.registerPatient,
	listPatients: patients.listPatients,
	listPatientsV2: patients.listPatientsV2,
	listPatientsV3: patients.listPatientsV3,
	getPatientById: patients.getPatientById,
	listPatientAttachments: patients.listPatientAttachments,
	listPatientEhrCandidates: patientRecords.listPatientEhrCandidates,
	connectPatientEhr: patientRecords.connectPatientEhr,
	previewPatientMerge: patientRecords.previewPatientMerge,
	mergePatient: patientRecords.mergePatient,
	createWebhook: webhooks.createWebhook,
	listWebhooks: webhooks.listWebhooks,
	deleteWebhook: webhooks.deleteWebhook,
};
