// Fault injection: the failNext queue (deterministic: "fail the next matching request") first, then random
// 429s, 5xxs and dropped sockets at the rates set (seeded, so a run repeats).

import type { IncomingMessage, ServerResponse } from 'http';
import { DEFAULTS, type StandinFaults, type StandinSettings } from './config';
import type { FaultKind, LogEntry } from './model';
import { answerLogged } from './respond';
import { createRng, statusErrorBody } from './util';

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

/** What happens to one request instead of (or after) its real answer. */
export interface Fault {
	kind: FaultKind;
	status?: number;
	body?: unknown;
	headers?: Record<string, string>;
	drop?: boolean;
	processed?: boolean;
}

function toRegex(path: FailNextSpec['path']): RegExp | null {
	if (path instanceof RegExp) return path;
	if (path && typeof path === 'object' && typeof path.regex === 'string') return new RegExp(path.regex, path.flags || '');
	return null;
}

/** The faults of one stand-in. `settings` is read for Retry-After and written by setFaults' latencyMs. */
export function createFaultInjector(seed: number, initial: StandinFaults, settings: StandinSettings) {
	let rates = { ...DEFAULTS.faults, ...initial };
	let rng = createRng(seed + 1);
	let queue: QueuedFault[] = [];

	// the first queued fault the request matches, counting down its `after` and `times`
	function takeQueued(method: string, pathname: string, search: string, operationId: string | null): Fault | null {
		const i = queue.findIndex((f) => {
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
		if (i < 0) return null;
		const f = queue[i];
		f.times -= 1;
		if (f.times <= 0) queue.splice(i, 1);
		return {
			kind: 'failNext',
			status: f.status || 500,
			body: f.body,
			headers: f.headers,
			drop: !!f.drop,
			processed: !!f.processed,
		};
	}

	function takeRandom(): Fault | null {
		const total = rates.rate429 + rates.rate5xx + rates.rateDrop;
		if (total <= 0) return null;
		const r = rng();
		if (r < rates.rate429) return { kind: '429', status: 429, headers: settings.retryAfter ? { 'retry-after': '1' } : {} };
		if (r < rates.rate429 + rates.rate5xx) return { kind: '5xx', status: [500, 502, 503][Math.floor(rng() * 3)] };
		if (r < total) return { kind: 'drop', drop: true };
		return null;
	}

	return {
		/** the fault for this request, if any: the failNext queue first, then the random rates */
		take(method: string, pathname: string, search: string, operationId: string | null): Fault | null {
			return takeQueued(method, pathname, search, operationId) ?? takeRandom();
		},
		// failNext({method, path (string | RegExp | {regex, flags}), operationId, status, body, headers, times, after, drop, processed})
		failNext(spec: FailNextSpec = {}): number {
			queue.push({ ...spec, times: spec.times === undefined ? 1 : Number(spec.times), regex: toRegex(spec.path) });
			return queue.length;
		},
		setFaults(f: StandinFaults & { latencyMs?: number } = {}) {
			for (const k of ['rate429', 'rate5xx', 'rateDrop'] as const) if (f[k] !== undefined) rates[k] = Number(f[k]) || 0;
			if (f.latencyMs !== undefined) settings.latencyMs = Number(f.latencyMs) || 0;
			return { ...rates, latencyMs: settings.latencyMs };
		},
		/** the random rates in force */
		rates: (): Required<StandinFaults> => ({ ...rates }),
		queued: () => queue.length,
		/** no random faults, an empty queue, the RNG from its seed again */
		reset() {
			queue = [];
			rates = { ...DEFAULTS.faults };
			rng = createRng(seed + 1);
		},
	};
}

export type FaultInjector = ReturnType<typeof createFaultInjector>;

/** Answers with the fault (its body, or Hero's for its status) or drops the socket without an answer. */
export function answerWithFault(req: IncomingMessage, res: ServerResponse, entry: LogEntry, fault: Fault): void {
	entry.fault = fault.kind;
	if (fault.drop) {
		entry.status = null;
		req.socket.destroy();
		return;
	}
	const status = fault.status!; // every fault that answers has a status
	answerLogged(res, entry, status, fault.body !== undefined ? fault.body : statusErrorBody(status), fault.headers || {});
}
