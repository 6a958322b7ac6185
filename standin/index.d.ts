// Types for the Hero Health Public API stand-in (standin/index.js).

export interface StandinFaults {
	/** share (0..1) of requests answered 429 */
	rate429?: number;
	/** share (0..1) of requests answered 500/502/503 */
	rate5xx?: number;
	/** share (0..1) of requests whose socket is destroyed without an answer */
	rateDrop?: number;
}

export interface StandinConfig {
	/** per API key, sliding 60 s window; 0 or Infinity = off. Default 300 */
	rateLimitPerMinute?: number;
	/** the sliding window's length; a shorter one allows rateLimitPerMinute * rateWindowMs / 60 s per window (time compressed for benchmarks). Default 60000 */
	rateWindowMs?: number;
	/** send Retry-After (seconds) on 429s. Default false (Hero documents none) */
	retryAfter?: boolean;
	/** send RateLimit-Limit, -Remaining and -Reset (seconds until one more is allowed) on every answer to a known key. Default false (Hero documents none) */
	rateLimitHeaders?: boolean;
	/** added latency per request. Default 0 */
	latencyMs?: number;
	/** how long a reservation holds its slot. Default 5 minutes */
	reservationTtlMs?: number;
	/** GET /v1/batch_message answers {data, count} ('list'), a bare array ('array') or the first batch alone ('object'). Default 'list' */
	batchListShape?: 'list' | 'array' | 'object';
}

export interface StandinOptions extends StandinConfig {
	/** 0 = random free port. Default 0 */
	port?: number;
	/** Default 127.0.0.1 */
	host?: string;
	/** more accepted keys by label (e.g. a recognisable key for secret scans); practice group and scopes default to the full key's */
	extraKeys?: Record<string, Partial<StandinKey> & { apiKey: string }>;
	faults?: StandinFaults;
	/** seeds the synthetic data and the fault RNG. Default 1 */
	seed?: number;
	/** request log and delivery log keep at most this many entries (oldest dropped). Default 10000 */
	maxLogEntries?: number;
	/** OpenAPI file; default the project's api/hero-health.openapi.yaml */
	contractPath?: string;
}

export interface StandinKey {
	apiKey: string;
	practiceGroupId: string;
	scopes: Array<'messaging' | 'booking' | 'booking_links'>;
}

export interface StandinKeys {
	full: StandinKey;
	messagingOnly: StandinKey;
	bookingOnly: StandinKey;
	bookingLinksOnly: StandinKey;
}

export interface ValidationIssue {
	code: string;
	expected: string;
	received?: unknown;
	path: Array<string | number>;
	message: string;
	[extra: string]: unknown;
}

export type FaultKind = '429' | '5xx' | 'drop' | 'failNext' | 'ratelimit';

export interface LogEntry {
	seq: number;
	/** ISO 8601 */
	time: string;
	method: string;
	path: string;
	query: Record<string, string | string[]>;
	/** lowercased, as received */
	headers: Record<string, string | string[] | undefined>;
	/** parsed JSON body or null */
	body: unknown;
	rawBody: string;
	/** null when the socket was dropped */
	status: number | null;
	fault: FaultKind | null;
	/** the request matched a contract operation and passed its schemas */
	valid: boolean;
	validationErrors: ValidationIssue[];
	/** where a 200 the stand-in sent broke the contract's response schema (empty when it matched) */
	responseErrors: ValidationIssue[];
	operationId: string | null;
	responseBody?: unknown;
	error?: string;
}

export interface FailNextSpec {
	method?: string;
	/** exact pathname (or pathname+query), a RegExp, or {regex, flags} (HTTP form) */
	path?: string | RegExp | { regex: string; flags?: string };
	operationId?: string;
	/** default 500 */
	status?: number;
	body?: unknown;
	headers?: Record<string, string>;
	/** how many matching requests to fail. Default 1 */
	times?: number;
	/** how many matching requests to let through before failing. Default 0 */
	after?: number;
	/** destroy the socket instead of answering */
	drop?: boolean;
	/** run the request for real first (state changes), then lose/replace the answer */
	processed?: boolean;
}

export interface WebhookTamper {
	/** raw string sent instead of the signed body */
	body?: string;
	/** sign with this key instead of the registration's */
	signingKey?: string;
	/** used in the header and in the signed string */
	timestamp?: number | string;
	signatureEncoding?: 'hex' | 'base64' | 'sha256=hex' | 'sha256=base64';
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

export interface SlotRecord {
	id: string;
	practitioner_id: string;
	appointment_type_id: string;
	location_id: string;
	start_time: string;
	finish_time: string;
	/** holder (reserved or booked appointment) or null when free */
	appointment_id: string | null;
}

export interface AppointmentRecord {
	id: string;
	patient_id: string | null;
	practitioner_id: string;
	location_id: string;
	appointment_type_id: string;
	slot_id: string | null;
	duration: number;
	start_time: string;
	status: 'reserved' | 'booked' | 'cancelled' | 'expired';
	reserved_until: string | null;
	booking_confirmed_at: string | null;
	cancelled_at: string | null;
	[extra: string]: unknown;
}

export interface StandinFixtures {
	practiceGroupId: string;
	patient: { id: string; nhs_number: string; dob: string };
	restrictedSms: { id: string; restrictions: string[] };
	restrictedSmsEmail: { id: string; restrictions: string[] };
	duplicatePair: { keep: string; duplicate: string };
	unlinkedEhrPatient: string;
	pdsNew: { nhs_number: string; dob: string; forename: string; surname: string; postcode: string };
	pdsVerification: { nhs_number: string; dob: string };
	unknownNhs: string;
	locations: string[];
	appointmentTypes: string[];
	practitioners: string[];
}

export interface StandinState {
	practiceGroup: Record<string, unknown>;
	locations: Array<Record<string, any>>;
	appointmentTypes: Array<Record<string, any>>;
	admins: Array<Record<string, any>>;
	patients: Array<Record<string, any>>;
	pds: Array<Record<string, any>>;
	ehrRecords: Array<Record<string, any>>;
	attachments: Array<Record<string, any>>;
	slots: SlotRecord[];
	appointments: AppointmentRecord[];
	messages: Array<Record<string, any>>;
	batchMessages: Array<Record<string, any>>;
	webhooks: Array<Record<string, any>>;
	links: Array<Record<string, any>>;
	mergeTokens: Array<Record<string, any>>;
	accessTokens: Array<Record<string, any>>;
	fixtures: StandinFixtures;
	[extra: string]: unknown;
}

export interface Contract {
	file: string;
	paths: string[];
	operations: Array<{ operationId: string; method: string; template: string; tags: string[] }>;
	/** issues when a response body does not match the contract schema for that status ([] when it does) */
	validateResponse(operation: string | { operationId: string }, status: number, body: unknown): ValidationIssue[];
}

export interface Standin {
	/** http://127.0.0.1:PORT */
	url: string;
	port: number;
	keys: StandinKeys & Record<string, StandinKey>;
	/** live array */
	log: LogEntry[];
	/** live array */
	deliveries: DeliveryLogEntry[];
	/** current state (expired reservations are released on every read) */
	readonly state: StandinState;
	readonly fixtures: StandinFixtures;
	readonly config: Required<StandinConfig> & { faults: Required<StandinFaults> };
	contract: Contract;
	clearLog(): void;
	setFaults(faults: StandinFaults & { latencyMs?: number }): StandinFaults & { latencyMs: number };
	setConfig(config: StandinConfig): Required<StandinConfig>;
	/** queue a deterministic fault; returns the queue length */
	failNext(spec: FailNextSpec): number;
	/** back to the seeded state; clears log, deliveries, random faults and the failNext queue (config is kept) */
	reset(): void;
	deliverWebhook(spec: DeliverWebhookSpec): Promise<DeliveryResult[]>;
	/** resolves when every webhook delivery under way has finished */
	waitForDeliveries(): Promise<void>;
	close(): Promise<void>;
}

export declare const DEFAULTS: Required<Omit<StandinOptions, 'contractPath'>>;
export declare function startStandin(options?: StandinOptions): Promise<Standin>;
/** One line per logged request that broke the contract, or whose 200 answer did. */
export declare function contractViolations(entries: LogEntry[]): string[];
/** HMAC-SHA256 over `${timestamp}.${rawBody}`; encoding default 'hex' */
export declare function signWebhook(signingKey: string, timestamp: string, rawBody: string, encoding?: WebhookTamper['signatureEncoding']): string;
export declare function loadContract(file?: string): Contract;
