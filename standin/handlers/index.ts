// Every operation of the contract and the function that handles it: the one map the server registers
// handlers from. The type makes it name exactly the operations the scope table (auth.ts) names; the server
// checks at startup that the contract has no other.

import type { OperationId } from '../auth';
import type { Handler } from '../model';
import {
	createAccessToken,
	getPracticeGroupById,
	updatePracticeGroup,
	getCapabilities,
	getConfiguration,
	listPracticeGroupElements,
} from './practice';
import {
	listAppointmentTypes,
	listLocations,
	listAdmins,
	listPractitioners,
	getPractitioner,
	listSlots,
	countSlots,
	getSlot,
} from './availability';
import {
	createAppointment,
	getAppointment,
	editAppointment,
	getAppointmentStatus,
	bookAppointment,
	cancelAppointment,
	rescheduleAppointment,
} from './appointments';
import {
	listBookingLinks,
	createBookingLink,
	getBookingLink,
	updateBookingLink,
	createFormLink,
	createAttachmentLink,
	createVideoLink,
	getLinkStatus,
} from './links';
import { getFormResponse } from './forms';
import { sendMessage, getMessage, listAutomatedMessages } from './messages';
import {
	createBatchMessage,
	listBatchMessages,
	getBatchMessage,
	sendBatchMessage,
	listBatchMessageSends,
	listSentMessages,
} from './batchMessages';
import {
	registerPatientPds,
	registerPatient,
	listPatients,
	listPatientsV2,
	listPatientsV3,
	getPatientById,
	listPatientAttachments,
} from './patients';
import { listPatientEhrCandidates, connectPatientEhr, previewPatientMerge, mergePatient } from './patientRecords';
import { createWebhook, listWebhooks, deleteWebhook } from './webhooks';

export const HANDLER_BY_OPERATION: Record<OperationId, Handler> = {
	// practice.ts
	createAccessToken,
	getPracticeGroupById,
	updatePracticeGroup,
	getCapabilities,
	getConfiguration,
	listPracticeGroupElements,
	// availability.ts
	listAppointmentTypes,
	listLocations,
	listAdmins,
	listPractitioners,
	getPractitioner,
	listSlots,
	countSlots,
	getSlot,
	// appointments.ts
	createAppointment,
	getAppointment,
	editAppointment,
	getAppointmentStatus,
	bookAppointment,
	cancelAppointment,
	rescheduleAppointment,
	// links.ts
	listBookingLinks,
	createBookingLink,
	getBookingLink,
	updateBookingLink,
	createFormLink,
	createAttachmentLink,
	createVideoLink,
	getLinkStatus,
	// forms.ts
	getFormResponse,
	// messages.ts
	sendMessage,
	getMessage,
	listAutomatedMessages,
	// batchMessages.ts
	createBatchMessage,
	listBatchMessages,
	getBatchMessage,
	sendBatchMessage,
	listBatchMessageSends,
	listSentMessages,
	// patients.ts
	registerPatientPds,
	registerPatient,
	listPatients,
	listPatientsV2,
	listPatientsV3,
	getPatientById,
	listPatientAttachments,
	// patientRecords.ts
	listPatientEhrCandidates,
	connectPatientEhr,
	previewPatientMerge,
	mergePatient,
	// webhooks.ts
	createWebhook,
	listWebhooks,
	deleteWebhook,
};
