// The HTTP server: routing through the contract, auth, rate limit, fault injection, the request log
// and the /_standin/ control endpoints.

import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';
import { loadContract, type Route, type Validation } from './contract';
import { createSeedState, KEYS, type Slot, type StandinKeys, type StandinState } from './seed';
import { SCOPE_BY_OPERATION, authenticate, authorise, createRateLimiter, type LabelledKey, type StandinKey } from './auth';
import { createDeliverer, type DeliverWebhookSpec, type DeliveryLogEntry } from './webhooks';
import { apiError, createRng, ApiError, validationError, type ErrorBody, type Query, type ValidationIssue } from './util';
import * as booking from './handlers/booking';
import * as messages from './handlers/messages';
import * as practice from './handlers/practice';
import * as links from './handlers/links';
import * as patients from './handlers/patients';
import * as webhooks from './handlers/webhooks';
import * as forms from './handlers/forms';

const HANDLER_MODULES: ReadonlyArray<Record<string, unknown>> = [practice, booking, links, messages, patients, webhooks, forms];

export type BatchListShape = 'list' | 'array' | 'object';

export interface StandinFaults {
	/** share (0..1) of requests answered 429 */
	rate429?: number;
	/** share (0..1) of requests answered 500/502/503 */
	rate5xx?: number;
	/** share (0..1) of requests whose socket is destroyed without an answer */
	rateDrop?: number;
}

export interface StandinConfig {
	/** per API key, sliding window; 0 or Infinity = off. Default 300 */
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
	batchListShape?: BatchListShape;
}

/** The configuration in force (s.config, GET /_standin/config, what handlers read). */
export type StandinSettings = Required<StandinConfig>;

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

/** setConfig's argument: rateLimitPerMinute null switches the limit off (JSON has no Infinity). */
export type ConfigUpdate = Omit<StandinConfig, 'rateLimitPerMinute'> & { rateLimitPerMinute?: number | null };

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

type QueuedFault = FailNextSpec & { times: number; regex: RegExp | null };

export type FaultKind = '429' | '5xx' | 'drop' | 'failNext' | 'ratelimit';

interface Fault {
	kind: FaultKind;
	status?: number;
	body?: unknown;
	headers?: Record<string, string>;
	drop?: boolean;
	processed?: boolean;
}

export interface LogEntry {
	seq: number;
	/** ISO 8601 */
	time: string;
	method: string;
	path: string;
	query: Record<string, string | string[]>;
	/** lowercased, as received */
	headers: IncomingHttpHeaders;
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

/** state changes raise webhook events about the record they changed through this */
export type Emit = (eventType: string, id: string) => void;

/** What a handler gets. Body and query are typed by each handler as the contract's schemas describe them. */
export interface HandlerContext<B = unknown, Q extends Query = Query> {
	state: StandinState;
	params: Record<string, string>;
	query: Q;
	/** parsed JSON, null when there was none */
	body: B;
	key: LabelledKey;
	now: number;
	config: StandinSettings;
	baseUrl: string;
	emit: Emit;
}

type Handler = (context: HandlerContext<never, never>) => unknown;

interface Answer {
	status: number;
	body: unknown;
	headers?: Record<string, string>;
}

export const DEFAULTS: Required<Omit<StandinOptions, 'contractPath' | 'extraKeys'>> & { faults: Required<StandinFaults> } = {
	port: 0,
	host: '127.0.0.1',
	rateLimitPerMinute: 300,
	rateWindowMs: 60000,
	retryAfter: false,
	rateLimitHeaders: false,
	latencyMs: 0,
	faults: { rate429: 0, rate5xx: 0, rateDrop: 0 },
	reservationTtlMs: 5 * 60 * 1000,
	seed: 1,
	// GET /v1/batch_message answers {data, count} ('list'), a bare array ('array') or one batch ('object')
	batchListShape: 'list',
	maxLogEntries: 10000, // oldest request-log / delivery entries are dropped beyond this (long benchmarks)
};

const RATE_LIMIT_BODY: ErrorBody = { error: 'too_many_requests', statusCode: 429, message: 'Rate limit exceeded' };
const SERVER_ERRORS: Record<number, [string, string]> = {
	500: ['internal_server_error', 'Unknown error'],
	502: ['bad_gateway', 'Bad gateway'],
	503: ['service_unavailable', 'Service temporarily unavailable'],
	504: ['gateway_timeout', 'Gateway timeout'],
};

function errorBody(status: number): ErrorBody {
	if (status === 429) return RATE_LIMIT_BODY;
	const [error, message] = SERVER_ERRORS[status] || ['error', `HTTP ${status}`];
	return { error, statusCode: status, message };
}

function readBody(req: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

function queryObject(searchParams: URLSearchParams): Record<string, string | string[]> {
	const out: Record<string, string | string[]> = {};
	for (const k of new Set(searchParams.keys())) {
		const all = searchParams.getAll(k);
		out[k] = all.length > 1 ? all : all[0];
	}
	return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function toRegex(path: FailNextSpec['path']): RegExp | null {
	if (path instanceof RegExp) return path;
	if (path && typeof path === 'object' && typeof path.regex === 'string') return new RegExp(path.regex, path.flags || '');
	return null;
}

export async function startStandin(options: StandinOptions = {}) {
	const contract = loadContract(options.contractPath);
	const handlers: Record<string, Handler> = {};
	for (const m of HANDLER_MODULES)
		for (const [name, fn] of Object.entries(m))
			if (name in SCOPE_BY_OPERATION && typeof fn === 'function') handlers[name] = fn as Handler;
	for (const op of contract.operations) {
		if (typeof handlers[op.operationId] !== 'function') throw new Error(`No stand-in handler for ${op.operationId}`);
		if (!(op.operationId in SCOPE_BY_OPERATION)) throw new Error(`No scope rule for ${op.operationId}`);
	}

	const config: StandinSettings = {
		rateLimitPerMinute: options.rateLimitPerMinute !== undefined ? options.rateLimitPerMinute : DEFAULTS.rateLimitPerMinute,
		rateWindowMs: options.rateWindowMs || DEFAULTS.rateWindowMs,
		retryAfter: options.retryAfter !== undefined ? !!options.retryAfter : DEFAULTS.retryAfter,
		rateLimitHeaders: options.rateLimitHeaders !== undefined ? !!options.rateLimitHeaders : DEFAULTS.rateLimitHeaders,
		latencyMs: options.latencyMs || DEFAULTS.latencyMs,
		reservationTtlMs: options.reservationTtlMs || DEFAULTS.reservationTtlMs,
		batchListShape: options.batchListShape || DEFAULTS.batchListShape,
	};
	const seed = options.seed !== undefined ? options.seed : DEFAULTS.seed;
	let faults = { ...DEFAULTS.faults, ...(options.faults || {}) };
	let faultRng = createRng(seed + 1);
	let failQueue: QueuedFault[] = [];
	let state = createSeedState({ seed, now: Date.now() });
	const log: LogEntry[] = [];
	const deliveries: DeliveryLogEntry[] = [];
	let seq = 0;
	const maxLog = options.maxLogEntries || DEFAULTS.maxLogEntries;
	const trim = (list: unknown[]) => {
		if (list.length > maxLog) list.splice(0, list.length - maxLog);
	};
	const limiter = createRateLimiter();
	const deliverer = createDeliverer({ getState: () => state, deliveries, validateDelivery: contract.validateDelivery });
	const keys: LabelledKey[] = Object.entries(KEYS).map(([label, k]) => ({ label, ...k }));
	for (const [label, k] of Object.entries(options.extraKeys || {})) {
		keys.push({ label, practiceGroupId: KEYS.full.practiceGroupId, scopes: [...KEYS.full.scopes], ...k });
	}
	let baseUrl = '';

	function currentState() {
		booking.expireReservations(state, Date.now());
		return state;
	}

	function setFaults(f: StandinFaults & { latencyMs?: number } = {}) {
		for (const k of ['rate429', 'rate5xx', 'rateDrop'] as const) if (f[k] !== undefined) faults[k] = Number(f[k]) || 0;
		if (f.latencyMs !== undefined) config.latencyMs = Number(f.latencyMs) || 0;
		return { ...faults, latencyMs: config.latencyMs };
	}

	function setConfig(c: ConfigUpdate = {}): StandinSettings {
		if (c.rateLimitPerMinute !== undefined)
			config.rateLimitPerMinute = c.rateLimitPerMinute === null ? 0 : Number(c.rateLimitPerMinute);
		if (c.latencyMs !== undefined) config.latencyMs = Number(c.latencyMs) || 0;
		if (c.rateWindowMs !== undefined) config.rateWindowMs = Number(c.rateWindowMs) || DEFAULTS.rateWindowMs;
		if (c.retryAfter !== undefined) config.retryAfter = !!c.retryAfter;
		if (c.rateLimitHeaders !== undefined) config.rateLimitHeaders = !!c.rateLimitHeaders;
		if (c.reservationTtlMs !== undefined) config.reservationTtlMs = Number(c.reservationTtlMs);
		if (c.batchListShape !== undefined) config.batchListShape = c.batchListShape;
		return { ...config };
	}

	// failNext({method, path (string | RegExp | {regex, flags}), operationId, status, body, headers, times, after, drop, processed})
	function failNext(spec: FailNextSpec = {}): number {
		failQueue.push({ ...spec, times: spec.times === undefined ? 1 : Number(spec.times), regex: toRegex(spec.path) });
		return failQueue.length;
	}

	function reset() {
		state = createSeedState({ seed, now: Date.now() });
		log.length = 0;
		deliveries.length = 0;
		failQueue = [];
		faults = { ...DEFAULTS.faults };
		faultRng = createRng(seed + 1);
		limiter.reset();
		deliverer.reset();
		seq = 0;
	}

	function takeFault(method: string, pathname: string, search: string, operationId: string | null): Fault | null {
		const i = failQueue.findIndex((f) => {
			const matches =
				(!f.method || f.method.toUpperCase() === method) &&
				(!f.operationId || f.operationId === operationId) &&
				(f.path === undefined || (f.regex ? f.regex.test(pathname) : f.path === pathname || f.path === pathname + search));
			if (matches && f.after !== undefined && f.after > 0) {
				f.after -= 1; // let this matching request through
				return false;
			}
			return matches;
		});
		if (i >= 0) {
			const f = failQueue[i];
			f.times -= 1;
			if (f.times <= 0) failQueue.splice(i, 1);
			return {
				kind: 'failNext',
				status: f.status || 500,
				body: f.body,
				headers: f.headers,
				drop: !!f.drop,
				processed: !!f.processed,
			};
		}
		const total = faults.rate429 + faults.rate5xx + faults.rateDrop;
		if (total <= 0) return null;
		const r = faultRng();
		if (r < faults.rate429) return { kind: '429', status: 429, headers: config.retryAfter ? { 'retry-after': '1' } : {} };
		if (r < faults.rate429 + faults.rate5xx) return { kind: '5xx', status: [500, 502, 503][Math.floor(faultRng() * 3)] };
		if (r < total) return { kind: 'drop', drop: true };
		return null;
	}

	function send(res: ServerResponse, entry: LogEntry, status: number, body: unknown, headers: Record<string, string> = {}): void {
		entry.status = status;
		entry.responseBody = body === undefined ? null : body;
		const text = body === undefined ? '' : JSON.stringify(body);
		res.writeHead(status, {
			'content-type': 'application/json; charset=utf-8',
			'content-length': Buffer.byteLength(text),
			...headers,
		});
		res.end(text);
	}

	function applyFault(req: IncomingMessage, res: ServerResponse, entry: LogEntry, fault: Fault): void {
		entry.fault = fault.kind;
		if (fault.drop) {
			entry.status = null;
			req.socket.destroy();
			return;
		}
		const status = fault.status!; // every fault that answers has a status
		send(res, entry, status, fault.body !== undefined ? fault.body : errorBody(status), fault.headers || {});
	}

	const answer = (e: ApiError): Answer => ({ status: e.status, body: e.body, headers: e.headers });

	// auth -> rate limit -> scope -> validation -> handler; returns {status, body, headers}
	function processRequest(
		req: IncomingMessage,
		url: URL,
		route: Route,
		validation: Validation | null,
		body: unknown,
		entry: LogEntry,
	): Answer {
		const now = Date.now();
		if (route.status === 404) {
			return answer(apiError(404, 'not_found', `Cannot ${req.method} ${url.pathname}: no such path in the Hero API`));
		}
		if (route.status === 405) {
			const allow = route.allow.join(', ');
			const refusal = apiError(
				405,
				'method_not_allowed',
				`Method ${req.method} is not allowed on ${url.pathname} (allowed: ${allow})`,
			);
			return answer(Object.assign(refusal, { headers: { allow } }));
		}
		try {
			const key = authenticate(keys, req.headers);
			const wait = limiter.check(key.apiKey, config.rateLimitPerMinute, now, config.rateWindowMs);
			const rateHeaders = config.rateLimitHeaders
				? limiter.headers(key.apiKey, config.rateLimitPerMinute, now, config.rateWindowMs)
				: {};
			if (wait !== null) {
				entry.fault = 'ratelimit';
				return {
					status: 429,
					body: RATE_LIMIT_BODY,
					headers: { ...rateHeaders, ...(config.retryAfter ? { 'retry-after': String(wait) } : {}) },
				};
			}
			authorise(key, req.headers, route.op.operationId);
			// a routed request always has its validation
			const { issues, query } = validation!;
			if (issues.length) throw validationError(issues);
			booking.expireReservations(state, now);
			const context: HandlerContext = {
				state,
				params: route.pathParams,
				query: { ...queryObject(url.searchParams), ...query },
				body: body === undefined ? null : body,
				key,
				now,
				config,
				baseUrl,
				emit: deliverer.emit,
			};
			// the JSON edge: Ajv has checked body and query against the operation's schemas, the shapes its handler is typed with
			const result = handlers[route.op.operationId](context as HandlerContext<never, never>);
			entry.responseErrors = contract.validateResponse(route.op, 200, result);
			return { status: 200, body: result, headers: rateHeaders };
		} catch (e) {
			if (e instanceof ApiError) return answer(e);
			entry.error = e && e.stack ? e.stack : String(e);
			return { status: 500, body: errorBody(500) };
		}
	}

	async function onApiRequest(req: IncomingMessage, res: ServerResponse, url: URL, raw: string): Promise<void> {
		const method = req.method || 'GET';
		const entry: LogEntry = {
			seq: ++seq,
			time: new Date().toISOString(),
			method,
			path: url.pathname,
			query: queryObject(url.searchParams),
			headers: { ...req.headers },
			body: null,
			rawBody: raw,
			status: null,
			fault: null,
			valid: false,
			validationErrors: [],
			responseErrors: [],
			operationId: null,
		};
		log.push(entry);
		trim(log);
		trim(deliveries);
		let body: unknown;
		let bodyError: string | undefined;
		if (raw.trim().length) {
			try {
				body = JSON.parse(raw);
				entry.body = body;
			} catch (e) {
				bodyError = e.message;
			}
		}
		const route = contract.match(method, url.pathname);
		let validation: Validation | null = null;
		if (route.op) {
			entry.operationId = route.op.operationId;
			validation = contract.validate(route.op, { pathParams: route.pathParams, searchParams: url.searchParams, body, bodyError });
			entry.valid = validation.issues.length === 0;
			entry.validationErrors = validation.issues;
		} else {
			entry.validationErrors = [
				{
					code: route.status === 404 ? 'unknown_path' : 'method_not_allowed',
					expected: 'a contract operation',
					path: [],
					message: `${method} ${url.pathname} is not a contract operation`,
				},
			];
		}
		if (config.latencyMs > 0) await sleep(config.latencyMs);
		const fault = takeFault(method, url.pathname, url.search, entry.operationId);
		if (fault && !fault.processed) return applyFault(req, res, entry, fault);
		const result = processRequest(req, url, route, validation, body, entry);
		if (fault) return applyFault(req, res, entry, fault); // processed: Hero did the work, the answer is lost
		send(res, entry, result.status, result.body, result.headers);
	}

	async function onControlRequest(req: IncomingMessage, res: ServerResponse, url: URL, raw: string): Promise<void> {
		const reply = (status: number, body: unknown) => {
			const text = body === undefined ? '' : JSON.stringify(body);
			res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
			res.end(text);
		};
		const replyOrError = (happen: () => unknown) => {
			try {
				return reply(200, happen());
			} catch (e) {
				if (e instanceof ApiError) return reply(e.status, e.body);
				throw e;
			}
		};
		// a control body is the argument of the Standin method of the same name, as JSON (dev tooling: not validated)
		let body: unknown = {};
		if (raw.trim()) {
			try {
				body = JSON.parse(raw);
			} catch (e) {
				return reply(400, { error: 'bad_request', statusCode: 400, message: `Malformed JSON: ${e.message}` });
			}
		}
		const route = `${req.method} ${url.pathname.replace(/\/+$/, '')}`;
		let m: RegExpExecArray | null;
		switch (route) {
			case 'GET /_standin/log':
				return reply(200, log);
			case 'DELETE /_standin/log':
				log.length = 0;
				return reply(200, { cleared: true });
			case 'GET /_standin/deliveries':
				return reply(200, deliveries);
			case 'DELETE /_standin/deliveries':
				deliveries.length = 0;
				return reply(200, { cleared: true });
			case 'POST /_standin/faults':
				return reply(200, setFaults(body as StandinFaults));
			case 'POST /_standin/fail-next':
				return reply(200, { queued: failNext(body as FailNextSpec) });
			case 'POST /_standin/config':
				return reply(200, setConfig(body as ConfigUpdate));
			case 'GET /_standin/config':
				return reply(200, { ...config, faults: { ...faults }, failNextQueue: failQueue.length });
			case 'POST /_standin/reset':
				reset();
				return reply(200, { reset: true });
			case 'POST /_standin/webhooks/deliver':
				return reply(200, await deliverer.deliver(body as DeliverWebhookSpec));
			case 'GET /_standin/idle':
				await deliverer.idle();
				return reply(200, { idle: true });
			case 'GET /_standin/state':
				return reply(200, currentState());
			case 'GET /_standin/keys':
				return reply(200, { keys: publicKeys(), fixtures: state.fixtures });
			default:
		}
		if ((m = /^GET \/_standin\/verify\/([^/]+)$/.exec(route))) {
			const token = m[1];
			const spine = state.pds.find((r) => r.verifyToken === token);
			if (!spine) return reply(404, { error: 'not_found', statusCode: 404, message: 'Unknown verification link' });
			spine.requiresVerification = false;
			return reply(200, { verified: true, message: 'Identity verified; retry the registration' });
		}
		// what happens outside the API: a patient submitting a form, the clinical system changing a patient
		if ((m = /^POST \/_standin\/form-links\/([^/]+)\/submit$/.exec(route)))
			return replyOrError(() => forms.submitFormLink(state, m![1], Date.now(), deliverer.emit));
		if ((m = /^POST \/_standin\/patients\/([^/]+)\/(prescription|record-update|sequence)$/.exec(route))) {
			const [patientId, change] = [m[1], m[2]];
			return replyOrError(() =>
				change === 'prescription'
					? patients.issuePrescription(state, patientId, Date.now(), deliverer.emit)
					: change === 'record-update'
						? patients.updateMedicalRecord(state, patientId, Date.now(), deliverer.emit)
						: patients.addToSequence(state, patientId, deliverer.emit),
			);
		}
		if ((m = /^(GET|POST) \/_standin\/write-to-record\/([^/]+)\/confirm$/.exec(route))) {
			const r = messages.confirmWriteToRecord(state, m[2], url.searchParams.get('auth_token'), Date.now(), deliverer.emit);
			return reply(r.status, r.body);
		}
		return reply(404, { error: 'not_found', statusCode: 404, message: `Unknown stand-in control endpoint ${route}` });
	}

	function publicKeys(): StandinKeys & Record<string, StandinKey> {
		const out: Record<string, StandinKey> = {};
		for (const k of keys) out[k.label] = { apiKey: k.apiKey, practiceGroupId: k.practiceGroupId, scopes: [...k.scopes] };
		return out as StandinKeys & Record<string, StandinKey>; // keys starts with every label of KEYS
	}

	const server = http.createServer(async (req, res) => {
		try {
			const url = new URL(req.url || '/', 'http://standin.local');
			const raw = await readBody(req);
			if (url.pathname === '/_standin' || url.pathname.startsWith('/_standin/')) await onControlRequest(req, res, url, raw);
			else await onApiRequest(req, res, url, raw);
		} catch {
			if (!res.headersSent && !res.destroyed) {
				res.writeHead(500, { 'content-type': 'application/json' });
				res.end(JSON.stringify(errorBody(500)));
			}
		}
	});

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port || DEFAULTS.port, options.host || DEFAULTS.host, resolve);
	});
	const address = server.address() as AddressInfo; // listening on host:port, not a pipe
	baseUrl = `http://${address.address}:${address.port}`;

	return {
		/** http://127.0.0.1:PORT */
		url: baseUrl,
		port: address.port,
		keys: publicKeys(),
		/** live array */
		log,
		/** live array */
		deliveries,
		contract,
		/** current state (expired reservations are released on every read) */
		get state(): StandinState {
			return currentState();
		},
		get fixtures() {
			return state.fixtures;
		},
		get config() {
			return { ...config, faults: { ...faults } };
		},
		clearLog() {
			log.length = 0;
		},
		/** a free slot the clinical system offers besides the seeded ones (e.g. one in summer time, whatever today is) */
		addSlot(slot: Omit<Slot, 'appointment_id'>): Slot {
			const record: Slot = { ...slot, appointment_id: null };
			state.slots.push(record);
			state.slotById.set(record.id, record);
			return record;
		},
		setFaults,
		setConfig,
		/** queue a deterministic fault; returns the queue length */
		failNext,
		/** back to the seeded state; clears log, deliveries, random faults and the failNext queue (config is kept) */
		reset,
		deliverWebhook: (spec: DeliverWebhookSpec) => deliverer.deliver(spec),
		/** the patient submits the form behind a form link (form-submission.created) */
		submitForm: (linkId: string) => forms.submitFormLink(state, linkId, Date.now(), deliverer.emit),
		/** the clinical system issues a prescription for the patient (prescription.issued) */
		issuePrescription: (patientId: string) => patients.issuePrescription(state, patientId, Date.now(), deliverer.emit),
		/** the patient's clinical record changes (patient.medical-record-updated) */
		updateMedicalRecord: (patientId: string) => patients.updateMedicalRecord(state, patientId, Date.now(), deliverer.emit),
		/** the practice adds the patient to a message sequence in Hero's app (patient.added-to-sequence) */
		addToSequence: (patientId: string) => patients.addToSequence(state, patientId, deliverer.emit),
		/** resolves when every webhook delivery under way has finished */
		waitForDeliveries: () => deliverer.idle(),
		close(): Promise<void> {
			return new Promise((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			});
		},
	};
}

export type Standin = Awaited<ReturnType<typeof startStandin>>;
