// API keys, scopes and the per-key sliding-window rate limit.

import type { IncomingHttpHeaders } from 'http';
import { apiError } from './util';

export type Scope = 'messaging' | 'booking' | 'booking_links';

export interface StandinKey {
	apiKey: string;
	practiceGroupId: string;
	scopes: Scope[];
}

/** A key the server accepts: a seeded one (KEYS) or an extra one, by label. */
export interface LabelledKey extends StandinKey {
	label: string;
}

// Which scope each operation needs (README: messaging / booking / booking links). Practice group
// operations (/v1/me*, /v1/access_token) need any valid key. One place to correct if Hero differs.
export const SCOPE_BY_OPERATION = {
	createAccessToken: null,
	getPracticeGroupById: null,
	updatePracticeGroup: null,
	getCapabilities: null,
	getConfiguration: null,
	listPracticeGroupElements: null,

	listAppointmentTypes: 'booking',
	listLocations: 'booking',
	listAdmins: 'booking',
	listPractitioners: 'booking',
	getPractitioner: 'booking',
	listSlots: 'booking',
	countSlots: 'booking',
	getSlot: 'booking',
	createAppointment: 'booking',
	getAppointment: 'booking',
	editAppointment: 'booking',
	getAppointmentStatus: 'booking',
	bookAppointment: 'booking',
	cancelAppointment: 'booking',
	rescheduleAppointment: 'booking',

	listBookingLinks: 'booking_links',
	createBookingLink: 'booking_links',
	getBookingLink: 'booking_links',
	updateBookingLink: 'booking_links',
	createFormLink: 'booking_links',
	createAttachmentLink: 'booking_links',
	createVideoLink: 'booking_links',
	getLinkStatus: 'booking_links',

	sendMessage: 'messaging',
	getMessage: 'messaging',
	listAutomatedMessages: 'messaging',
	createBatchMessage: 'messaging',
	listBatchMessages: 'messaging',
	getBatchMessage: 'messaging',
	sendBatchMessage: 'messaging',
	listBatchMessageSends: 'messaging',
	listSentMessages: 'messaging',
	registerPatientPds: 'messaging',
	registerPatient: 'messaging',
	listPatients: 'messaging',
	listPatientsV2: 'messaging',
	listPatientsV3: 'messaging',
	getPatientById: 'messaging',
	listPatientAttachments: 'messaging',
	listPatientEhrCandidates: 'messaging',
	connectPatientEhr: 'messaging',
	previewPatientMerge: 'messaging',
	mergePatient: 'messaging',
	createWebhook: 'messaging',
	listWebhooks: 'messaging',
	deleteWebhook: 'messaging',

	// the scope is not documented; form responses come from form links
	getFormResponse: 'booking_links',
} as const satisfies Record<string, Scope | null>;

/** An operation of the contract the stand-in serves: the scope table names each one. */
export type OperationId = keyof typeof SCOPE_BY_OPERATION;

export const isOperationId = (name: string): name is OperationId => Object.hasOwn(SCOPE_BY_OPERATION, name);

const SCOPE_NAMES: Record<Scope, string> = { messaging: 'Messaging', booking: 'Booking', booking_links: 'Booking links' };

// headers are node's lowercased req.headers; returns the key record or throws 401
export function authenticate(keys: LabelledKey[], headers: IncomingHttpHeaders): LabelledKey {
	const apiKey = headers['x-api-key'];
	const pg = headers['x-practice-group-id'];
	if (!apiKey) throw apiError(401, 'unauthorized', 'Missing x-api-key header');
	const key = keys.find((k) => k.apiKey === apiKey);
	if (!key) throw apiError(401, 'unauthorized', 'Invalid API key');
	if (!pg) throw apiError(401, 'unauthorized', 'Missing x-practice-group-id header');
	return key;
}

// wrong practice group or missing scope -> 403
export function authorise(key: StandinKey, headers: IncomingHttpHeaders, operationId: string): void {
	const pg = headers['x-practice-group-id'];
	if (pg !== key.practiceGroupId) {
		throw apiError(403, 'forbidden', `This API key does not have access to practice group ${pg}`);
	}
	const scope = isOperationId(operationId) ? SCOPE_BY_OPERATION[operationId] : null;
	if (scope && !key.scopes.includes(scope)) {
		throw apiError(403, 'forbidden', `This API key lacks the ${SCOPE_NAMES[scope]} scope required for ${operationId}`);
	}
}

export function createRateLimiter() {
	const hits = new Map<string, number[]>(); // apiKey -> timestamps (ms) of accepted requests in the window
	// A window shorter than a minute allows the same rate over it (limit * windowMs / 60 s), so benchmarks can
	// compress time. `untilFree` is the seconds until the oldest counted request leaves the window.
	const windowOf = (apiKey: string, limit: number, now: number, windowMs: number) => {
		const allowed = Math.max(1, Math.floor((limit * windowMs) / 60000));
		const list = (hits.get(apiKey) || []).filter((t) => t > now - windowMs);
		hits.set(apiKey, list);
		const untilFree = list.length ? Math.max(1, Math.ceil((list[0] + windowMs - now) / 1000)) : 0;
		return { allowed, list, untilFree };
	};
	return {
		// returns null when allowed, else seconds until a slot frees up
		check(apiKey: string, limit: number, now: number, windowMs = 60000): number | null {
			if (!limit || limit === Infinity) return null;
			const { allowed, list, untilFree } = windowOf(apiKey, limit, now, windowMs);
			if (list.length >= allowed) return untilFree;
			list.push(now);
			return null;
		},
		// RateLimit-* header fields for the key after check(): what is left in the window, and when one more is allowed
		headers(apiKey: string, limit: number, now: number, windowMs = 60000): Record<string, string> {
			if (!limit || limit === Infinity) return {};
			const { allowed, list, untilFree } = windowOf(apiKey, limit, now, windowMs);
			return {
				'ratelimit-limit': String(allowed),
				'ratelimit-remaining': String(Math.max(0, allowed - list.length)),
				'ratelimit-reset': String(untilFree),
			};
		},
		reset: () => hits.clear(),
	};
}
