import * as http from 'node:http';

import { addDays, londonToday } from '../../nodes/HeroHealth/helpers/londonTime';
import { startStandin } from '../../standin';
import type { Slot, Standin, StandinKey, StandinOptions, ValidationIssue } from '../../standin';

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

/** An answer of the stand-in; `body` is its JSON (undefined when empty or not JSON), of the shape the test names. */
export interface ApiResponse<T = unknown> {
	status: number;
	body: T;
	text: string;
	headers: Headers;
}

/** Hero's error answer: what went wrong, in a sentence. */
export interface HeroError {
	error: string;
	statusCode: number;
	message: string;
	/** gdpr_restriction: the channels the patient withheld */
	restrictions?: string[];
}

/** Hero's answer to a request that broke the contract (400): the issues, zod-like. */
export interface HeroValidationError {
	error: true;
	statusCode: 400;
	message: ValidationIssue[];
}

/** A slot as Hero lists it (which appointment holds it stays inside). */
export type SlotAnswer = Omit<Slot, 'appointment_id'>;

/** One page of one of Hero's lists, and how many there are in all. */
export interface Page<T> {
	data: T[];
	count: number;
}

/** A request to the stand-in; T is the shape of the answer's JSON the test reads. */
export type Call = <T = unknown>(
	method: string,
	path: string,
	body?: unknown,
	headers?: Record<string, string>,
) => Promise<ApiResponse<T>>;

/**
 * One HTTP request on a connection of its own (no keep-alive pool): a test never depends on a pooled
 * connection surviving a socket the stand-in dropped, or an idle one it closed, on a busy machine.
 */
export function request(
	url: string,
	{ method = 'GET', headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; text: string; headers: Headers }> {
	return new Promise((resolve, reject) => {
		const req = http.request(url, { method, headers, agent: false }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (chunk: Buffer) => chunks.push(chunk));
			res.on('error', reject);
			res.on('end', () => {
				const answered = new Headers();
				for (const [name, value] of Object.entries(res.headers))
					if (value !== undefined) answered.set(name, Array.isArray(value) ? value.join(', ') : value);
				resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), headers: answered });
			});
		});
		req.on('error', reject);
		req.end(body);
	});
}

/** A tiny Hero client over real HTTP with the given key. */
export function client(s: Standin, key: StandinKey | null = s.keys.full): Call {
	return async <T>(
		method: string,
		path: string,
		body?: unknown,
		headers: Record<string, string> = {},
	): Promise<ApiResponse<T>> => {
		const res = await request(s.url + path, {
			method,
			headers: {
				...(key ? { 'x-api-key': key.apiKey, 'x-practice-group-id': key.practiceGroupId } : {}),
				...(body !== undefined ? { 'content-type': 'application/json' } : {}),
				...headers,
			},
			body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
		});
		let parsed: unknown;
		try {
			parsed = res.text ? JSON.parse(res.text) : undefined;
		} catch {
			parsed = undefined;
		}
		return { status: res.status, body: parsed as T, text: res.text, headers: res.headers };
	};
}

/** The body of POST /v1/appointments that reserves `slot` for 15 minutes, for `patientId`. */
export function reservationBody(
	slot: Pick<Slot, 'appointment_type_id' | 'location_id' | 'practitioner_id' | 'start_time'>,
	patientId: string,
) {
	return {
		appointment_type_id: slot.appointment_type_id,
		location_id: slot.location_id,
		practitioner_id: slot.practitioner_id,
		duration: 15,
		start_time: slot.start_time,
		patient_id: patientId,
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
