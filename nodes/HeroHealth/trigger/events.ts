import type { INodePropertyOptions } from 'n8n-workflow';

/** Hero's webhook event types (WebhookEventType in the contract), in the order the editor lists them. */
export const heroWebhookEvents: INodePropertyOptions[] = [
	{ name: 'Appointment Cancelled', value: 'appointment.cancelled' },
	{ name: 'Appointment Confirmed', value: 'appointment.confirmed' },
	{ name: 'Appointment Rescheduled', value: 'appointment.rescheduled' },
	{ name: 'Form Submission Created', value: 'form-submission.created' },
	{ name: 'Patient Added to Sequence', value: 'patient.added-to-sequence' },
	{ name: 'Patient Medical Record Updated', value: 'patient.medical-record-updated' },
	{ name: 'Prescription Issued', value: 'prescription.issued' },
	{ name: 'Write to Record Failed', value: 'write-to-record.failed' },
	{ name: 'Write to Record Succeeded', value: 'write-to-record.succeeded' },
];

/**
 * Every event is registered at the same URL, so each registration asks Hero to send this extra header
 * naming its event (Hero's Create Webhook takes extra headers). It picks the signing key to check
 * against, which is what ties the label to the signature: a delivery relabelled as another event fails
 * that event's key. A delivery without it is checked against the key of the event its body names.
 */
export const EVENT_HEADER = 'x-n8n-hero-event';
