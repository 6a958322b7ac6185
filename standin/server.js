'use strict';
// The HTTP server: routing through the contract, auth, rate limit, fault injection, the request log
// and the /_standin/ control endpoints.

const http = require('http');
const { loadContract } = require('./contract');
const { createSeedState, KEYS } = require('./seed');
const { SCOPE_BY_OPERATION, authenticate, authorise, createRateLimiter } = require('./auth');
const { createDeliverer } = require('./webhooks');
const { createRng, ApiError, validationError } = require('./util');
const booking = require('./handlers/booking');
const messages = require('./handlers/messages');

const HANDLER_MODULES = [
	require('./handlers/practice'),
	booking,
	require('./handlers/links'),
	messages,
	require('./handlers/patients'),
	require('./handlers/webhooks'),
];

const DEFAULTS = {
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

const RATE_LIMIT_BODY = { error: 'too_many_requests', statusCode: 429, message: 'Rate limit exceeded' };
const SERVER_ERRORS = {
	500: ['internal_server_error', 'Unknown error'],
	502: ['bad_gateway', 'Bad gateway'],
	503: ['service_unavailable', 'Service temporarily unavailable'],
	504: ['gateway_timeout', 'Gateway timeout'],
};

function errorBody(status) {
	if (status === 429) return RATE_LIMIT_BODY;
	const [error, message] = SERVER_ERRORS[status] || ['error', `HTTP ${status}`];
	return { error, statusCode: status, message };
}

function readBody(req) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

function queryObject(searchParams) {
	const out = {};
	for (const k of new Set(searchParams.keys())) {
		const all = searchParams.getAll(k);
		out[k] = all.length > 1 ? all : all[0];
	}
	return out;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function toRegex(path) {
	if (path instanceof RegExp) return path;
	if (path && typeof path === 'object' && typeof path.regex === 'string') return new RegExp(path.regex, path.flags || '');
	return null;
}

async function startStandin(options = {}) {
	const contract = loadContract(options.contractPath);
	const handlers = {};
	for (const m of HANDLER_MODULES) for (const [name, fn] of Object.entries(m)) if (name in SCOPE_BY_OPERATION) handlers[name] = fn;
	for (const op of contract.operations) {
		if (typeof handlers[op.operationId] !== 'function') throw new Error(`No stand-in handler for ${op.operationId}`);
		if (!(op.operationId in SCOPE_BY_OPERATION)) throw new Error(`No scope rule for ${op.operationId}`);
	}

	const config = {
		rateLimitPerMinute: options.rateLimitPerMinute !== undefined ? options.rateLimitPerMinute : DEFAULTS.rateLimitPerMinute,
		rateWindowMs: options.rateWindowMs || DEFAULTS.rateWindowMs,
		retryAfter: options.retryAfter !== undefined ? !!options.retryAfter : DEFAULTS.retryAfter,
		rateLimitHeaders: !!options.rateLimitHeaders,
		latencyMs: options.latencyMs || DEFAULTS.latencyMs,
		reservationTtlMs: options.reservationTtlMs || DEFAULTS.reservationTtlMs,
		batchListShape: options.batchListShape || DEFAULTS.batchListShape,
	};
	const seed = options.seed !== undefined ? options.seed : DEFAULTS.seed;
	let faults = { ...DEFAULTS.faults, ...(options.faults || {}) };
	let faultRng = createRng(seed + 1);
	let failQueue = [];
	let state = createSeedState({ seed, now: Date.now() });
	const log = [];
	const deliveries = [];
	let seq = 0;
	const maxLog = options.maxLogEntries || DEFAULTS.maxLogEntries;
	const trim = (list) => {
		if (list.length > maxLog) list.splice(0, list.length - maxLog);
	};
	const limiter = createRateLimiter();
	const deliverer = createDeliverer({ getState: () => state, deliveries });
	const keys = Object.entries(KEYS).map(([label, k]) => ({ label, ...k }));
	for (const [label, k] of Object.entries(options.extraKeys || {})) {
		keys.push({ label, practiceGroupId: KEYS.full.practiceGroupId, scopes: [...KEYS.full.scopes], ...k });
	}
	let baseUrl = '';

	function currentState() {
		booking.expireReservations(state, Date.now());
		return state;
	}

	function setFaults(f = {}) {
		for (const k of ['rate429', 'rate5xx', 'rateDrop']) if (f[k] !== undefined) faults[k] = Number(f[k]) || 0;
		if (f.latencyMs !== undefined) config.latencyMs = Number(f.latencyMs) || 0;
		return { ...faults, latencyMs: config.latencyMs };
	}

	function setConfig(c = {}) {
		if (c.rateLimitPerMinute !== undefined) config.rateLimitPerMinute = c.rateLimitPerMinute === null ? 0 : Number(c.rateLimitPerMinute);
		if (c.latencyMs !== undefined) config.latencyMs = Number(c.latencyMs) || 0;
		if (c.rateWindowMs !== undefined) config.rateWindowMs = Number(c.rateWindowMs) || DEFAULTS.rateWindowMs;
		if (c.retryAfter !== undefined) config.retryAfter = !!c.retryAfter;
		if (c.rateLimitHeaders !== undefined) config.rateLimitHeaders = !!c.rateLimitHeaders;
		if (c.reservationTtlMs !== undefined) config.reservationTtlMs = Number(c.reservationTtlMs);
		if (c.batchListShape !== undefined) config.batchListShape = c.batchListShape;
		return { ...config };
	}

	// failNext({method, path (string | RegExp | {regex, flags}), operationId, status, body, headers, times, after, drop, processed})
	function failNext(spec = {}) {
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

	function takeFault(method, pathname, search, operationId) {
		const i = failQueue.findIndex((f) => {
			const matches =
				(!f.method || f.method.toUpperCase() === method) &&
				(!f.operationId || f.operationId === operationId) &&
				(f.path === undefined || (f.regex ? f.regex.test(pathname) : f.path === pathname || f.path === pathname + search));
			if (matches && f.after > 0) {
				f.after -= 1; // let this matching request through
				return false;
			}
			return matches;
		});
		if (i >= 0) {
			const f = failQueue[i];
			f.times -= 1;
			if (f.times <= 0) failQueue.splice(i, 1);
			return { kind: 'failNext', status: f.status || 500, body: f.body, headers: f.headers, drop: !!f.drop, processed: !!f.processed };
		}
		const total = faults.rate429 + faults.rate5xx + faults.rateDrop;
		if (total <= 0) return null;
		const r = faultRng();
		if (r < faults.rate429) return { kind: '429', status: 429, headers: config.retryAfter ? { 'retry-after': '1' } : {} };
		if (r < faults.rate429 + faults.rate5xx) return { kind: '5xx', status: [500, 502, 503][Math.floor(faultRng() * 3)] };
		if (r < total) return { kind: 'drop', drop: true };
		return null;
	}

	function send(res, entry, status, body, headers = {}) {
		entry.status = status;
		entry.responseBody = body === undefined ? null : body;
		const text = body === undefined ? '' : JSON.stringify(body);
		res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
		res.end(text);
	}

	function applyFault(req, res, entry, fault) {
		entry.fault = fault.kind;
		if (fault.drop) {
			entry.status = null;
			req.socket.destroy();
			return;
		}
		send(res, entry, fault.status, fault.body !== undefined ? fault.body : errorBody(fault.status), fault.headers || {});
	}

	// auth -> rate limit -> scope -> validation -> handler; returns {status, body, headers}
	function processRequest(req, url, route, validation, body, entry) {
		const now = Date.now();
		if (route.status === 404) {
			return { status: 404, body: { error: 'not_found', statusCode: 404, message: `Cannot ${req.method} ${url.pathname}: no such path in the Hero API` } };
		}
		if (route.status === 405) {
			return {
				status: 405,
				body: { error: 'method_not_allowed', statusCode: 405, message: `Method ${req.method} is not allowed on ${url.pathname} (allowed: ${route.allow.join(', ')})` },
				headers: { allow: route.allow.join(', ') },
			};
		}
		try {
			const key = authenticate(keys, req.headers);
			const wait = limiter.check(key.apiKey, config.rateLimitPerMinute, now, config.rateWindowMs);
			const rateHeaders = config.rateLimitHeaders ? limiter.headers(key.apiKey, config.rateLimitPerMinute, now, config.rateWindowMs) : {};
			if (wait !== null) {
				entry.fault = 'ratelimit';
				return { status: 429, body: RATE_LIMIT_BODY, headers: { ...rateHeaders, ...(config.retryAfter ? { 'retry-after': String(wait) } : {}) } };
			}
			authorise(key, req.headers, route.op.operationId);
			if (validation.issues.length) throw validationError(validation.issues);
			booking.expireReservations(state, now);
			const result = handlers[route.op.operationId]({
				state,
				params: route.pathParams,
				query: { ...queryObject(url.searchParams), ...validation.query },
				body: body === undefined ? null : body,
				key,
				now,
				config,
				baseUrl,
				emit: deliverer.emit,
			});
			entry.responseErrors = contract.validateResponse(route.op, 200, result);
			return { status: 200, body: result, headers: rateHeaders };
		} catch (e) {
			if (e instanceof ApiError) return { status: e.status, body: e.body, headers: e.headers };
			entry.error = e && e.stack ? e.stack : String(e);
			return { status: 500, body: errorBody(500) };
		}
	}

	async function onApiRequest(req, res, url, raw) {
		const entry = {
			seq: ++seq,
			time: new Date().toISOString(),
			method: req.method,
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
		let body;
		let bodyError;
		if (raw.trim().length) {
			try {
				body = JSON.parse(raw);
				entry.body = body;
			} catch (e) {
				bodyError = e.message;
			}
		}
		const route = contract.match(req.method, url.pathname);
		let validation = null;
		if (route.op) {
			entry.operationId = route.op.operationId;
			validation = contract.validate(route.op, { pathParams: route.pathParams, searchParams: url.searchParams, body, bodyError });
			entry.valid = validation.issues.length === 0;
			entry.validationErrors = validation.issues;
		} else {
			entry.validationErrors = [
				{ code: route.status === 404 ? 'unknown_path' : 'method_not_allowed', expected: 'a contract operation', path: [], message: `${req.method} ${url.pathname} is not a contract operation` },
			];
		}
		if (config.latencyMs > 0) await sleep(config.latencyMs);
		const fault = takeFault(req.method, url.pathname, url.search, entry.operationId);
		if (fault && !fault.processed) return applyFault(req, res, entry, fault);
		const result = processRequest(req, url, route, validation, body, entry);
		if (fault) return applyFault(req, res, entry, fault); // processed: Hero did the work, the answer is lost
		send(res, entry, result.status, result.body, result.headers);
	}

	async function onControlRequest(req, res, url, raw) {
		const reply = (status, body) => {
			const text = body === undefined ? '' : JSON.stringify(body);
			res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
			res.end(text);
		};
		let body = {};
		if (raw.trim()) {
			try {
				body = JSON.parse(raw);
			} catch (e) {
				return reply(400, { error: 'bad_request', statusCode: 400, message: `Malformed JSON: ${e.message}` });
			}
		}
		const route = `${req.method} ${url.pathname.replace(/\/+$/, '')}`;
		let m;
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
				return reply(200, setFaults(body));
			case 'POST /_standin/fail-next':
				return reply(200, { queued: failNext(body) });
			case 'POST /_standin/config':
				return reply(200, setConfig(body));
			case 'GET /_standin/config':
				return reply(200, { ...config, faults: { ...faults }, failNextQueue: failQueue.length });
			case 'POST /_standin/reset':
				reset();
				return reply(200, { reset: true });
			case 'POST /_standin/webhooks/deliver':
				return reply(200, await deliverer.deliver(body));
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
			const spine = state.pds.find((r) => r.verifyToken === m[1]);
			if (!spine) return reply(404, { error: 'not_found', statusCode: 404, message: 'Unknown verification link' });
			spine.requiresVerification = false;
			return reply(200, { verified: true, message: 'Identity verified; retry the registration' });
		}
		if ((m = /^(GET|POST) \/_standin\/write-to-record\/([^/]+)\/confirm$/.exec(route))) {
			const r = messages.confirmWriteToRecord(state, m[2], url.searchParams.get('auth_token'), Date.now(), deliverer.emit);
			return reply(r.status, r.body);
		}
		return reply(404, { error: 'not_found', statusCode: 404, message: `Unknown stand-in control endpoint ${route}` });
	}

	function publicKeys() {
		const out = {};
		for (const k of keys) out[k.label] = { apiKey: k.apiKey, practiceGroupId: k.practiceGroupId, scopes: [...k.scopes] };
		return out;
	}

	const server = http.createServer(async (req, res) => {
		try {
			const url = new URL(req.url, 'http://standin.local');
			const raw = await readBody(req);
			if (url.pathname === '/_standin' || url.pathname.startsWith('/_standin/')) await onControlRequest(req, res, url, raw);
			else await onApiRequest(req, res, url, raw);
		} catch (e) {
			if (!res.headersSent && !res.destroyed) {
				res.writeHead(500, { 'content-type': 'application/json' });
				res.end(JSON.stringify(errorBody(500)));
			}
		}
	});

	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port || DEFAULTS.port, options.host || DEFAULTS.host, resolve);
	});
	const address = server.address();
	baseUrl = `http://${address.address}:${address.port}`;

	return {
		url: baseUrl,
		port: address.port,
		keys: publicKeys(),
		log,
		deliveries,
		contract,
		get state() {
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
		setFaults,
		setConfig,
		failNext,
		reset,
		deliverWebhook: (spec) => deliverer.deliver(spec),
		waitForDeliveries: () => deliverer.idle(),
		close() {
			return new Promise((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			});
		},
	};
}

module.exports = { startStandin, DEFAULTS };
