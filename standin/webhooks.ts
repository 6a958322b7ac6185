// Webhook deliveries: POST Hero's envelope {object, id, practice_group_id, event} (the contract's WebhookDelivery,
// compact JSON) to every registration of its event_type, signed like Hero: X-Herohealth-Timestamp = Unix seconds,
// X-Herohealth-Signature = lowercase hex HMAC-SHA256(signing_key, `${timestamp}.${rawBody}`). Unsigned
// registrations get neither header. The envelope carries no copy of the record: subscribers fetch it.

import crypto from 'crypto';
import http from 'http';
import https from 'https';
import type { StandinState, Webhook } from './model';
import { iso, type ValidationIssue } from './util';

const DELIVERY_TIMEOUT_MS = 5000;

export type SignatureEncoding = 'hex' | 'base64' | 'sha256=hex' | 'sha256=base64';

export interface WebhookTamper {
	/** raw string sent instead of the signed body */
	body?: string;
	/** sign with this key instead of the registration's */
	signingKey?: string;
	/** used in the header and in the signed string */
	timestamp?: number | string;
	signatureEncoding?: SignatureEncoding;
	/** literal X-Herohealth-Signature value */
	signature?: string;
	/** header names to leave out, case-insensitive */
	omitHeaders?: string[];
}

/** The object each event's envelope names (Hero's AsyncAPI pages; write-to-record and added-to-sequence inferred). */
export const OBJECT_OF_EVENT: Record<string, string> = {
	'appointment.confirmed': 'Appointment',
	'appointment.cancelled': 'Appointment',
	'appointment.rescheduled': 'Appointment',
	'prescription.issued': 'Prescription',
	'patient.medical-record-updated': 'Patient',
	'patient.added-to-sequence': 'Patient',
	'write-to-record.succeeded': 'Message',
	'write-to-record.failed': 'Message',
	'form-submission.created': 'FormSubmission',
};

/** The body Hero POSTs for an event about the record `id`. */
export interface WebhookEnvelope {
	object: string;
	id: string;
	practice_group_id: string;
	event: string;
}

export interface DeliverWebhookSpec {
	event_type?: string;
	/** the record the envelope names; its object follows from the event */
	id?: string;
	/** sent verbatim as JSON instead of the envelope */
	payload?: unknown;
	/** deliver to this registration only */
	webhookId?: string;
	tamper?: WebhookTamper;
}

export interface DeliveryResult {
	webhookId: string;
	url: string;
	/** null when the subscriber could not be reached */
	status: number | null;
	responseBody: string | null;
	error: string | null;
}

export interface DeliveryLogEntry extends DeliveryResult {
	seq: number;
	time: string;
	event_type: string;
	/** raised by a state change (not by deliverWebhook) */
	auto: boolean;
	headers: Record<string, string>;
	body: string;
	/** where the body the stand-in signed breaks the contract's WebhookDelivery (empty when it matches) */
	contractErrors: ValidationIssue[];
}

export function signature(key: string, timestamp: string, rawBody: string, encoding: SignatureEncoding = 'hex'): string {
	const mac = crypto.createHmac('sha256', key).update(`${timestamp}.${rawBody}`);
	const [prefix, enc] = encoding.startsWith('sha256=') ? ['sha256=', encoding.slice(7)] : ['', encoding];
	return prefix + mac.digest(enc === 'base64' ? 'base64' : 'hex');
}

function post(
	url: string,
	headers: Record<string, string>,
	body: string,
): Promise<Pick<DeliveryResult, 'status' | 'responseBody' | 'error'>> {
	return new Promise((resolve) => {
		let target: URL;
		try {
			target = new URL(url);
		} catch {
			resolve({ status: null, responseBody: null, error: `Invalid URL: ${url}` });
			return;
		}
		const lib = target.protocol === 'https:' ? https : http;
		const req = lib.request(
			target,
			{ method: 'POST', headers: { ...headers, 'content-length': Buffer.byteLength(body), connection: 'close' }, agent: false },
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () =>
					resolve({ status: res.statusCode ?? null, responseBody: Buffer.concat(chunks).toString('utf8'), error: null }),
				);
				res.on('error', (e) => resolve({ status: res.statusCode ?? null, responseBody: null, error: e.message }));
			},
		);
		req.setTimeout(DELIVERY_TIMEOUT_MS, () => req.destroy(new Error('timeout')));
		req.on('error', (e) => resolve({ status: null, responseBody: null, error: e.message }));
		req.end(body);
	});
}

export function createDeliverer({
	getState,
	deliveries,
	validateDelivery,
}: {
	getState: () => StandinState;
	deliveries: DeliveryLogEntry[];
	validateDelivery: (body: unknown) => ValidationIssue[];
}) {
	const pending = new Set<Promise<unknown>>();
	let seq = 0;

	async function deliverOne(
		webhook: Webhook,
		eventType: string,
		rawBody: string,
		tamper: WebhookTamper | undefined,
		auto: boolean,
	): Promise<DeliveryResult> {
		const t = tamper || {};
		const timestamp = t.timestamp !== undefined ? String(t.timestamp) : String(Math.floor(Date.now() / 1000));
		const headers: Record<string, string> = { 'content-type': 'application/json', ...(webhook.headers || {}) };
		const key = t.signingKey !== undefined ? t.signingKey : webhook.signing_key;
		if (key || t.signature !== undefined) {
			headers['X-Herohealth-Timestamp'] = timestamp;
			headers['X-Herohealth-Signature'] =
				t.signature !== undefined ? t.signature : signature(key!, timestamp, rawBody, t.signatureEncoding);
		}
		for (const name of t.omitHeaders || []) {
			for (const h of Object.keys(headers)) if (h.toLowerCase() === String(name).toLowerCase()) delete headers[h];
		}
		const sentBody = t.body !== undefined ? String(t.body) : rawBody;
		const result = await post(webhook.url, headers, sentBody);
		deliveries.push({
			seq: ++seq,
			time: iso(Date.now()),
			webhookId: webhook.id,
			url: webhook.url,
			event_type: eventType,
			auto,
			status: result.status,
			error: result.error,
			headers,
			body: sentBody,
			responseBody: result.responseBody,
			contractErrors: validateDelivery(JSON.parse(rawBody)),
		});
		return {
			webhookId: webhook.id,
			url: webhook.url,
			status: result.status,
			responseBody: result.responseBody,
			error: result.error,
		};
	}

	function track<T>(promise: Promise<T>): Promise<T> {
		pending.add(promise);
		promise.finally(() => pending.delete(promise));
		return promise;
	}

	function envelope(eventType: string, id: string): WebhookEnvelope {
		return {
			object: OBJECT_OF_EVENT[eventType] ?? 'Unknown',
			id,
			practice_group_id: getState().practiceGroup.id,
			event: eventType,
		};
	}

	// deliverWebhook({event_type, id, payload, webhookId, tamper}): the envelope naming record `id`, or `payload` verbatim.
	function deliver(
		{ event_type, id, payload, webhookId, tamper }: DeliverWebhookSpec = {},
		auto = false,
	): Promise<DeliveryResult[]> {
		const targets = getState().webhooks.filter((w) =>
			webhookId !== undefined ? w.id === String(webhookId) : w.event_type === event_type,
		);
		return track(
			Promise.all(
				targets.map((w) => {
					const type = event_type || w.event_type;
					const body = payload !== undefined ? payload : envelope(type, String(id ?? ''));
					return deliverOne(w, type, JSON.stringify(body), tamper, auto);
				}),
			),
		);
	}

	// state changes raise events about the record they changed; they go out after the response has been sent
	function emit(eventType: string, id: string): void {
		if (!getState().webhooks.some((w) => w.event_type === eventType)) return;
		track(new Promise((r) => setImmediate(r)).then(() => deliver({ event_type: eventType, id }, true))).catch(() => {});
	}

	async function idle(): Promise<void> {
		while (pending.size) await Promise.allSettled([...pending]);
	}

	return { deliver, emit, idle, reset: () => (seq = 0) };
}
