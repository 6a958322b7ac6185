// Small shared helpers: seeded randomness, London time, NHS numbers, API errors and paging.

// London time comes from the node's own module: one piece of zone arithmetic for the package and its stand-in.
import { londonWallTime } from '../nodes/HeroHealth/helpers/londonTime';

export interface Rng {
	(): number;
	int(min: number, max: number): number;
	pick<T>(list: readonly T[]): T;
	hex(len: number): string;
}

// mulberry32: tiny deterministic PRNG, returns floats in [0, 1)
export function createRng(seed: number): Rng {
	let a = seed >>> 0 || 1;
	const next = () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	next.int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
	next.pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
	next.hex = (len: number) => Array.from({ length: len }, () => Math.floor(next() * 16).toString(16)).join('');
	return next;
}

// ---- time (Hero stores UTC; the practice works in Europe/London) -------------------------------

export function iso(ms: number): string {
	return new Date(ms).toISOString().replace('.000Z', 'Z');
}

export const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

// A query date: plain dates are London calendar days (start or end of day), date-times are instants.
export function parseQueryDate(value: string, endOfDay: boolean): number {
	if (DATE_RE.test(value)) {
		const [y, m, d] = value.split('-').map(Number);
		if (m < 1 || m > 12 || d < 1 || d > 31) return NaN;
		return endOfDay ? londonWallTime(y, m, d + 1, 0, 0) - 1 : londonWallTime(y, m, d, 0, 0);
	}
	if (/^\d{4}-\d{2}-\d{2}T/.test(value)) return Date.parse(value);
	return NaN;
}

// dob may be a plain date or a date-time (x-relaxed); compare on the date part
export function dobDate(value: string): string;
export function dobDate(value: unknown): string | null;
export function dobDate(value: unknown): string | null {
	return typeof value === 'string' ? value.slice(0, 10) : null;
}

// ---- NHS numbers ------------------------------------------------------------------------------

export function nhsCheckDigit(nine: string): number | null {
	const sum = nine.split('').reduce((acc, d, i) => acc + Number(d) * (10 - i), 0);
	const check = 11 - (sum % 11);
	if (check === 11) return 0;
	if (check === 10) return null; // no valid number with this stem
	return check;
}

export function normaliseNhs(value: unknown): string {
	return typeof value === 'string' ? value.replace(/[\s-]/g, '') : '';
}

export function isValidNhs(value: unknown): boolean {
	const n = normaliseNhs(value);
	if (!/^\d{10}$/.test(n)) return false;
	return nhsCheckDigit(n.slice(0, 9)) === Number(n[9]);
}

// ---- errors ------------------------------------------------------------------------------------

/** A zod-like issue: Hero's 400 bodies carry a list of these; the request log uses them too. */
export interface ValidationIssue {
	code: string;
	expected: string;
	received?: unknown;
	path: Array<string | number>;
	message: string;
	/** unrecognized_keys: the keys not in the schema */
	keys?: string[];
	[extra: string]: unknown;
}

export type ErrorBody = Record<string, unknown>;

export class ApiError extends Error {
	status: number;
	body: ErrorBody;
	headers: Record<string, string>;

	constructor(status: number, body: ErrorBody, headers?: Record<string, string>) {
		super(typeof body.message === 'string' ? body.message : `HTTP ${status}`);
		this.status = status;
		this.body = body;
		this.headers = headers || {};
	}
}

// Undocumented error bodies use {error, statusCode, message}
export function apiError(status: number, error: string, message: string, extra?: Record<string, unknown>): ApiError {
	return new ApiError(status, { error, statusCode: status, message, ...(extra || {}) });
}

export const notFound = (what: string, id?: unknown) =>
	apiError(404, 'not_found', id === undefined ? what : `${what} ${id} not found`);
/** The record with this id, or Hero's 404 naming it (and the body field that named it). */
export function requireById<T extends { id: string }>(list: readonly T[], id: unknown, what: string, field?: string): T {
	const item = list.find((x) => x.id === id);
	if (!item) throw apiError(404, 'not_found', `${what} ${id} not found`, field ? { field } : undefined);
	return item;
}
export const conflict = (error: string, message: string, extra?: Record<string, unknown>) => apiError(409, error, message, extra);

export const RATE_LIMIT_BODY: ErrorBody = { error: 'too_many_requests', statusCode: 429, message: 'Rate limit exceeded' };
const SERVER_ERRORS: Record<number, [string, string]> = {
	500: ['internal_server_error', 'Unknown error'],
	502: ['bad_gateway', 'Bad gateway'],
	503: ['service_unavailable', 'Service temporarily unavailable'],
	504: ['gateway_timeout', 'Gateway timeout'],
};

/** The body of an answer that is only its status: a 429 or a server error. */
export function statusErrorBody(status: number): ErrorBody {
	if (status === 429) return RATE_LIMIT_BODY;
	const [error, message] = SERVER_ERRORS[status] || ['error', `HTTP ${status}`];
	return { error, statusCode: status, message };
}

// Hero's 400 shape with zod-like issues
export function validationError(issues: ValidationIssue[]): ApiError {
	return new ApiError(400, { error: true, statusCode: 400, message: issues });
}

export function issue(
	path: string | number | Array<string | number>,
	code: string,
	expected: string,
	message: string,
	extra?: Record<string, unknown>,
): ValidationIssue {
	return { code, expected, path: ([] as Array<string | number>).concat(path), message, ...(extra || {}) };
}

// ---- paging ------------------------------------------------------------------------------------

export const PAGE_SIZE_DEFAULT = 50;
export const PAGE_SIZE_MAX = 100;

/** A request's query: strings from the URL, numbers/booleans/arrays where the contract coerced them. */
export type Query = Record<string, unknown>;

export interface Page<T> {
	data: T[];
	count: number;
}

function pageParam(query: Query, name: string, fallback: number): { value: number; issue?: ValidationIssue } {
	const raw = query[name];
	if (raw === undefined || raw === '') return { value: fallback };
	const n = typeof raw === 'number' ? raw : /^-?\d+$/.test(String(raw)) ? Number(raw) : NaN;
	if (!Number.isInteger(n))
		return {
			value: n,
			issue: issue(name, 'invalid_type', 'number', `Expected number, received ${typeof raw}`, { received: typeof raw }),
		};
	return { value: n };
}

/** Hero's (zod's) issue for a number outside [minimum, maximum]. */
function outOfRange(name: string, value: number, minimum: number, maximum = Infinity): ValidationIssue | undefined {
	if (value >= minimum && value <= maximum) return undefined;
	const [code, bound, limit, comparison] =
		value < minimum
			? (['too_small', 'minimum', minimum, 'greater'] as const)
			: (['too_big', 'maximum', maximum, 'less'] as const);
	const message = `Number must be ${comparison} than or equal to ${limit}`;
	return issue(name, code, 'number', message, { [bound]: limit, type: 'number', inclusive: true, exact: false });
}

// page_index (from 0) + page_size (default 50, max 100) over a full list -> {data, count}
export function paginate<T>(items: readonly T[], query: Query): Page<T> {
	const idx = pageParam(query, 'page_index', 0);
	const size = pageParam(query, 'page_size', PAGE_SIZE_DEFAULT);
	const issues = [
		idx.issue ?? outOfRange('page_index', idx.value, 0),
		size.issue ?? outOfRange('page_size', size.value, 1, PAGE_SIZE_MAX),
	].filter((i): i is ValidationIssue => !!i);
	if (issues.length) throw validationError(issues);
	const start = idx.value * size.value;
	return { data: items.slice(start, start + size.value), count: items.length };
}
