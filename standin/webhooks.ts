// Webhook deliveries: POST the JSON event to every registration of its event_type, signed like Hero:
// X-Herohealth-Timestamp = Unix seconds, X-Herohealth-Signature = lowercase hex
// HMAC-SHA256(signing_key, `${timestamp}.${rawBody}`). Unsigned registrations get neither header.

import crypto from 'crypto';
import http from 'http';
import https from 'https';
import type { Webhook } from './handlers/webhooks';
import type { StandinState } from './seed';
import { iso } from './util';

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

export interface DeliverWebhookSpec {
	event_type?: string;
	/** sent verbatim as JSON; without it an envelope {id, event_type, created_at, practice_group_id, data} is built */
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

export function createDeliverer({ getState, deliveries }: { getState: () => StandinState; deliveries: DeliveryLogEntry[] }) {
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

	// deliverWebhook({event_type, payload, webhookId, tamper}): payload is sent verbatim (JSON.stringify);
	// without one a default envelope is built.
	function deliver({ event_type, payload, webhookId, tamper }: DeliverWebhookSpec = {}, auto = false): Promise<DeliveryResult[]> {
		const state = getState();
		const targets = state.webhooks.filter((w) =>
			webhookId !== undefined ? w.id === String(webhookId) : w.event_type === event_type,
		);
		return track(
			Promise.all(
				targets.map((w) => {
					const type = event_type || w.event_type;
					const body = payload !== undefined ? payload : envelope(state, type, {});
					return deliverOne(w, type, JSON.stringify(body), tamper, auto);
				}),
			),
		);
	}

	function envelope(state: StandinState, eventType: string, data: unknown) {
		return {
			id: `evt_${state.rng.hex(16)}`,
			event_type: eventType,
			created_at: iso(Date.now()),
			practice_group_id: state.practiceGroup.id,
			data,
		};
	}

	// state changes raise events; they go out after the response has been sent
	function emit(eventType: string, data: unknown): void {
		const state = getState();
		if (!state.webhooks.some((w) => w.event_type === eventType)) return;
		const payload = envelope(state, eventType, data);
		track(new Promise((r) => setImmediate(r)).then(() => deliver({ event_type: eventType, payload }, true))).catch(() => {});
	}

	async function idle(): Promise<void> {
		while (pending.size) await Promise.allSettled([...pending]);
	}

	return { deliver, emit, idle, reset: () => (seq = 0) };
}
