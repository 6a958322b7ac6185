import { addDays, londonToday } from '../../nodes/HeroHealth/actions/londonTime';
import { startStandin } from '../../standin';
import type { Standin, StandinKey, StandinOptions } from '../../standin';

/**
 * One stand-in for the enclosing test file or describe block: started before its first test, reset
 * before each test and closed after its last. `started` is handed it once it listens, for the suite
 * to keep in its own variable.
 */
export function setUpStandin(started: (standin: Standin) => void, options: StandinOptions = {}): void {
	let standin: Standin;
	beforeAll(async () => {
		standin = await startStandin({ port: 0, ...options });
		started(standin);
	});
	beforeEach(() => standin.reset());
	afterAll(async () => await standin.close());
}

export interface ApiResponse {
	status: number;
	body: any;
	text: string;
	headers: Headers;
}

export type Call = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<ApiResponse>;

/** A tiny Hero client over real HTTP (Node's global fetch) with the given key. */
export function client(s: Standin, key: StandinKey | null = s.keys.full): Call {
	return async (method, path, body, headers = {}) => {
		const res = await fetch(s.url + path, {
			method,
			headers: {
				...(key ? { 'x-api-key': key.apiKey, 'x-practice-group-id': key.practiceGroupId } : {}),
				...(body !== undefined ? { 'content-type': 'application/json' } : {}),
				...headers,
			},
			body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
		});
		const text = await res.text();
		let parsed: any;
		try {
			parsed = text ? JSON.parse(text) : undefined;
		} catch {
			parsed = undefined;
		}
		return { status: res.status, body: parsed, text, headers: res.headers };
	};
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * YYYY-MM-DD of London's calendar day `daysFromNow` days after today's. Calendar days, not 24-hour steps:
 * across a clock change, "now + 24 hours" late in the evening is already the day after tomorrow.
 */
export function londonDate(daysFromNow = 0): string {
	return addDays(londonToday(), daysFromNow);
}
