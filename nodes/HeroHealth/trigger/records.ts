import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { heroPaths, heroRequest } from '../transport/request';

/** Hero's delivery body: it names the event and the record it is about, and carries no copy of that record. */
export interface WebhookEnvelope {
	object?: unknown;
	id?: unknown;
	practice_group_id?: unknown;
	event?: unknown;
}

/** The envelope in a delivery's body, or an empty one when the body is not a JSON object. */
export function envelopeOf(text: string): WebhookEnvelope {
	try {
		const body: unknown = JSON.parse(text);
		return body && typeof body === 'object' && !Array.isArray(body) ? (body as WebhookEnvelope) : {};
	} catch {
		return {};
	}
}

// The records Hero documents a read for, by the envelope's `object`. Hero documents none for a Prescription.
const READS: Record<string, { path: (id: string) => string; noun: string }> = {
	Appointment: { path: heroPaths.appointment, noun: 'appointment' },
	FormSubmission: { path: heroPaths.formResponse, noun: 'form response' },
	Message: { path: heroPaths.message, noun: 'message' },
	Patient: { path: heroPaths.patient, noun: 'patient' },
};

/**
 * The record a delivery names, read from Hero with the trigger's credential, as output fields: `record`, or
 * `recordUnavailable` when Hero documents no way to read it, or `recordError` when the read failed. A failed
 * read never loses the delivery: the run starts with the error instead.
 */
export async function fetchRecord(this: IWebhookFunctions, envelope: WebhookEnvelope, secrets: string[]): Promise<IDataObject> {
	const { object, id } = envelope;
	if (typeof id !== 'string' || id === '' || typeof object !== 'string')
		return { record: null, recordUnavailable: 'The delivery names no record: it is not the envelope Hero documents' };
	const read = Object.hasOwn(READS, object) ? READS[object] : undefined;
	if (!read)
		return { record: null, recordUnavailable: `Hero documents no way to read a ${object} record, so only its ID is output` };
	try {
		return {
			record: await heroRequest.call(this, { method: 'GET', path: read.path(id), subject: `${read.noun} ${id}`, secrets }),
		};
	} catch (error) {
		const { message, description, httpCode } = error as { message: string; description?: string; httpCode?: string };
		return { record: null, recordError: { message, description: description ?? null, httpCode: httpCode ?? null } };
	}
}
