// The request pipeline for the API (everything outside /_standin/): log entry → route → validate → latency →
// fault → 404/405 → auth (401) → rate limit (429) → scope (403) → validation (400) → reservation expiry →
// handler, whose answer is checked against the contract's response schema.

import type { IncomingMessage, ServerResponse } from 'http';
import { authenticate, authorise, isOperationId, type createRateLimiter, type LabelledKey } from './auth';
import type { StandinSettings } from './config';
import type { Contract, Route, Validation } from './contract';
import { answerWithFault, type FaultInjector } from './faults';
import { expireReservations } from './handlers/appointments';
import { HANDLER_BY_OPERATION } from './handlers';
import type { Emit, HandlerContext, LogEntry, StandinState } from './model';
import { answerLogged, queryObject } from './respond';
import { apiError, ApiError, RATE_LIMIT_BODY, statusErrorBody, validationError } from './util';

interface Answer {
	status: number;
	body: unknown;
	headers?: Record<string, string>;
}

/** What the pipeline works with; state and the base URL are read per request (reset replaces the state). */
export interface PipelineParts {
	contract: Contract;
	settings: StandinSettings;
	keys: LabelledKey[];
	limiter: ReturnType<typeof createRateLimiter>;
	faults: FaultInjector;
	log: LogEntry[];
	/** drops the oldest entries of a log beyond maxLogEntries */
	trim: (list: unknown[]) => void;
	/** the delivery log, trimmed with the request log */
	deliveries: unknown[];
	state: () => StandinState;
	baseUrl: () => string;
	emit: Emit;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const answerError = (e: ApiError): Answer => ({ status: e.status, body: e.body, headers: e.headers });

export function createRequestPipeline(parts: PipelineParts) {
	const { contract, settings, keys, limiter, faults, log } = parts;
	let seq = 0;

	function openLogEntry(req: IncomingMessage, url: URL, raw: string): LogEntry {
		const entry: LogEntry = {
			seq: ++seq,
			time: new Date().toISOString(),
			method: req.method || 'GET',
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
		parts.trim(log);
		parts.trim(parts.deliveries);
		return entry;
	}

	// route and validate every request, whatever happens next, so the log says whether it was well-formed
	function routeAndValidate(entry: LogEntry, url: URL, raw: string) {
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
		const route = contract.match(entry.method, url.pathname);
		let validation: Validation | null = null;
		if (route.op) {
			entry.operationId = route.op.operationId;
			validation = contract.validate(route.op, { pathParams: route.pathParams, searchParams: url.searchParams, body, bodyError });
			entry.valid = validation.issues.length === 0;
			entry.validationErrors = validation.issues;
		} else {
			const code = route.status === 404 ? 'unknown_path' : 'method_not_allowed';
			const message = `${entry.method} ${url.pathname} is not a contract operation`;
			entry.validationErrors = [{ code, expected: 'a contract operation', path: [], message }];
		}
		return { route, validation, body };
	}

	// 404 for a path the contract does not have, 405 (with Allow) for a method it does not have there
	function refuseUnrouted(method: string, url: URL, route: Exclude<Route, { op: object }>): Answer {
		if (route.status === 404) {
			return answerError(apiError(404, 'not_found', `Cannot ${method} ${url.pathname}: no such path in the Hero API`));
		}
		const allow = route.allow.join(', ');
		const message = `Method ${method} is not allowed on ${url.pathname} (allowed: ${allow})`;
		return answerError(Object.assign(apiError(405, 'method_not_allowed', message), { headers: { allow } }));
	}

	// auth -> rate limit -> scope -> validation -> handler
	function answerRequest(
		req: IncomingMessage,
		url: URL,
		route: Route,
		validation: Validation | null,
		body: unknown,
		entry: LogEntry,
	): Answer {
		if (!route.op) return refuseUnrouted(entry.method, url, route);
		const now = Date.now();
		try {
			const key = authenticate(keys, req.headers);
			const { rateLimitPerMinute: limit, rateWindowMs: windowMs } = settings;
			const wait = limiter.check(key.apiKey, limit, now, windowMs);
			const rateHeaders = settings.rateLimitHeaders ? limiter.headers(key.apiKey, limit, now, windowMs) : {};
			if (wait !== null) {
				entry.fault = 'ratelimit';
				const retryAfter: Record<string, string> = settings.retryAfter ? { 'retry-after': String(wait) } : {};
				return { status: 429, body: RATE_LIMIT_BODY, headers: { ...rateHeaders, ...retryAfter } };
			}
			const { operationId } = route.op;
			authorise(key, req.headers, operationId);
			// a routed request always has its validation
			const { issues, query } = validation!;
			if (issues.length) throw validationError(issues);
			const state = parts.state();
			expireReservations(state, now);
			const context: HandlerContext = {
				state,
				params: route.pathParams,
				query: { ...queryObject(url.searchParams), ...query },
				body: body === undefined ? null : body,
				key,
				now,
				config: settings,
				baseUrl: parts.baseUrl(),
				emit: parts.emit,
			};
			// startup checked that every contract operation has a handler
			if (!isOperationId(operationId)) throw new Error(`No stand-in handler for ${operationId}`);
			// the JSON edge: Ajv has checked body and query against the operation's schemas, the shapes its handler is typed with
			const result = HANDLER_BY_OPERATION[operationId](context as HandlerContext<never, never>);
			entry.responseErrors = contract.validateResponse(route.op, 200, result);
			return { status: 200, body: result, headers: rateHeaders };
		} catch (e) {
			if (e instanceof ApiError) return answerError(e);
			entry.error = e && e.stack ? e.stack : String(e);
			return { status: 500, body: statusErrorBody(500) };
		}
	}

	return {
		async handle(req: IncomingMessage, res: ServerResponse, url: URL, raw: string): Promise<void> {
			const entry = openLogEntry(req, url, raw);
			const { route, validation, body } = routeAndValidate(entry, url, raw);
			if (settings.latencyMs > 0) await sleep(settings.latencyMs);
			const fault = faults.take(entry.method, url.pathname, url.search, entry.operationId);
			if (fault && !fault.processed) return answerWithFault(req, res, entry, fault);
			const result = answerRequest(req, url, route, validation, body, entry);
			if (fault) return answerWithFault(req, res, entry, fault); // processed: Hero did the work, the answer is lost
			answerLogged(res, entry, result.status, result.body, result.headers);
		},
		/** the next request is #1 again */
		reset: () => (seq = 0),
	};
}
