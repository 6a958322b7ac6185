import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { londonToday } from '../helpers/londonTime';

// Pure checks return a problem in words, or undefined when the value is fine.
// `refuseInvalid` turns a problem into an error that names the field and the item,
// so bad input never reaches Hero.

export function nhsNumberDigits(raw: unknown): string {
	return String(raw ?? '').replace(/[\s-]/g, '');
}

/** 10 digits whose last is the modulus-11 check digit of the first nine. */
export function nhsNumberProblem(raw: unknown): string | undefined {
	const digits = nhsNumberDigits(raw);
	if (!digits) return 'it is empty';
	if (!/^\d{10}$/.test(digits)) return `"${String(raw)}" is not 10 digits (spaces and hyphens are allowed)`;
	const sum = [...digits.slice(0, 9)].reduce((total, digit, index) => total + Number(digit) * (10 - index), 0);
	const check = 11 - (sum % 11);
	const expected = check === 11 ? 0 : check;
	if (expected === 10 || expected !== Number(digits[9])) {
		return `"${String(raw)}" fails the NHS number check digit; check it was typed correctly`;
	}
	return undefined;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isRealDate(value: string): boolean {
	const match = ISO_DATE.exec(value);
	if (!match) return false;
	const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
	return date.toISOString().slice(0, 10) === value;
}

/**
 * Dates of birth: a plain ISO date (YYYY-MM-DD), not in the future. A date-time is cut to its date.
 * "Today" is London's (the practice's): in summer time London's day starts an hour before UTC's.
 */
export function dateOfBirthProblem(raw: unknown, now = new Date()): string | undefined {
	const value = plainDate(raw);
	if (!value) return 'it is empty';
	if (!isRealDate(value)) return `"${String(raw)}" is not a date in the form YYYY-MM-DD`;
	if (value > londonToday(now.getTime())) return `"${value}" is in the future`;
	return undefined;
}

/** A date as YYYY-MM-DD: a date-time string is cut to its own date; a Date instant is taken on London's calendar. */
export function plainDate(raw: unknown): string {
	if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? String(raw) : londonToday(raw.getTime());
	const value = String(raw ?? '').trim();
	return /^\d{4}-\d{2}-\d{2}T/.test(value) ? value.slice(0, 10) : value;
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** An ISO 8601 date-time; with `notPast`, it must not be earlier than now. */
export function dateTimeProblem(raw: unknown, options: { notPast?: boolean; now?: Date } = {}): string | undefined {
	const value = raw instanceof Date ? raw.toISOString() : String(raw ?? '').trim();
	if (!value) return 'it is empty';
	// Date.parse rolls 30 February over into March, so the date part is checked on its own.
	if (!ISO_DATE_TIME.test(value) || Number.isNaN(Date.parse(value)) || !isRealDate(value.slice(0, 10))) {
		return `"${value}" is not an ISO 8601 date-time such as 2026-03-01T09:30:00Z`;
	}
	if (options.notPast && Date.parse(value) < (options.now ?? new Date()).getTime()) {
		return `"${value}" is in the past`;
	}
	return undefined;
}

/** Hero's numeric IDs (the contract's ^\d+$). */
export function numericIdProblem(raw: unknown): string | undefined {
	const value = String(raw ?? '').trim();
	if (!value) return 'it is empty';
	if (!/^\d+$/.test(value)) return `"${value}" is not a numeric ID (digits only)`;
	return undefined;
}

export function emailProblem(raw: unknown): string | undefined {
	const value = String(raw ?? '').trim();
	if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) return `"${value}" is not an email address`;
	return undefined;
}

/** UK mobiles: 07… or +447… with 9 more digits; spaces, hyphens and brackets are ignored. */
export function ukMobileProblem(raw: unknown): string | undefined {
	const value = String(raw ?? '').replace(/[\s()-]/g, '');
	if (!/^(07\d{9}|\+447\d{9}|447\d{9})$/.test(value)) return `"${String(raw)}" is not a UK mobile number`;
	return undefined;
}

/** A calendar date, YYYY-MM-DD; a date-time is cut to its date. */
export function calendarDateProblem(raw: unknown): string | undefined {
	const value = plainDate(raw);
	if (!value) return 'it is empty';
	if (!isRealDate(value)) return `"${String(raw)}" is not a date in the form YYYY-MM-DD`;
	return undefined;
}

/**
 * Durations, usage caps, page limits and a credential's rate limit (Hero may raise a key above 300): a whole
 * number, at least 1, and at most `max` where there is one (Requests in Flight).
 */
export function positiveWholeNumberProblem(raw: unknown, max = Infinity): string | undefined {
	const value = Number(raw);
	if (raw === '' || raw === null || raw === undefined || typeof raw === 'boolean' || !Number.isInteger(value) || value < 1) {
		return `"${String(raw ?? '')}" is not a whole number of at least 1`;
	}
	if (value > max) return `"${String(raw)}" is more than ${max}`;
	return undefined;
}

/** Text (a string or a number), not a list, an object or true/false mapped in by mistake. */
export function notTextProblem(raw: unknown): string | undefined {
	if (Array.isArray(raw)) return 'it is a list, not text';
	if (raw !== null && typeof raw === 'object') return 'it is an object, not text';
	if (typeof raw === 'boolean') return `it is ${raw}, not text`;
	return undefined;
}

export function nonEmptyProblem(raw: unknown): string | undefined {
	return String(raw ?? '').trim() ? undefined : 'it is empty';
}

/**
 * Message text limits. Hero documents none; an SMS longer than six concatenated parts (6 × 153
 * characters) is almost certainly a mapping mistake, and other channels get a generous bound.
 */
const MESSAGE_LIMITS: Record<string, number> = { sms: 918, email: 20_000, nhs_app: 20_000, hero: 20_000 };

/** A message's length against the strictest channel it may go out on (an NHS App message's SMS fallback counts). */
export function messageLengthProblem(text: string, channels: string[]): string | undefined {
	const limited = channels.filter((channel) => MESSAGE_LIMITS[channel] !== undefined);
	if (!limited.length) return undefined;
	const strictest = limited.reduce((a, b) => (MESSAGE_LIMITS[a] <= MESSAGE_LIMITS[b] ? a : b));
	const limit = MESSAGE_LIMITS[strictest];
	if (text.length <= limit) return undefined;
	const by = strictest === 'sms' ? 'SMS (six text message parts)' : strictest.replace('_', ' ');
	return `it is ${text.length.toLocaleString('en-GB')} characters long; the limit for ${by} is ${limit.toLocaleString('en-GB')}`;
}

// host (name, IPv4 or [IPv6]), optional port, optional path of plain URL characters
const BASE_URL = /^https?:\/\/([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(:\d{1,5})?(\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*)?$/;

/** A custom base URL, http(s)://host[:port][/path]: no credentials, query, fragment or dot segments that could send the key elsewhere. */
export function baseUrlProblem(raw: unknown): string | undefined {
	const value = String(raw ?? '').trim();
	if (!value) return 'it is empty';
	if (/[?#]/.test(value)) return `"${value}" has a query (?…) or fragment (#…); give only http(s)://host[:port][/path]`;
	if (!BASE_URL.test(value)) return `"${value}" is not of the form http(s)://host[:port][/path]`;
	const path = value.replace(/^https?:\/\/[^/]+/, '');
	if (path.split('/').some((segment) => /^(\.|%2e){1,2}$/i.test(segment))) return `"${value}" has a "." or ".." path segment`;
	return undefined;
}

/** A character a request header cannot carry: header values are printable Latin-1 (U+0021 to U+007E, U+00A1 to U+00FF). */
const notInHeader = (char: string) => {
	const code = char.codePointAt(0)!;
	return code < 0x21 || (code > 0x7e && code < 0xa1) || code > 0xff;
};

/**
 * An HTTP header value from a credential (API key, practice group ID): printable Latin-1 without spaces. n8n's
 * HTTP client would drop a zero-width space or a typographic quote silently, sending a key other than the one stored.
 */
export function headerValueProblem(raw: unknown): string | undefined {
	const value = String(raw ?? '');
	if (!value.trim()) return 'it is empty';
	// The value itself is not quoted: it may be the API key.
	if ([...value].some((char) => char.charCodeAt(0) <= 0x20 || char.charCodeAt(0) === 0x7f))
		return 'it holds a space, line break or other control character (often from copy and paste)';
	const unsendable = [...value].find(notInHeader);
	if (unsendable !== undefined) {
		const code = `U+${unsendable.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
		return `it holds ${code}, a character a request header cannot carry (zero-width spaces and typographic quotes often come with copy and paste)`;
	}
	return undefined;
}

export function refuseInvalid(this: IExecuteFunctions, itemIndex: number, field: string, problem: string | undefined): void {
	if (problem === undefined) return;
	throw new NodeOperationError(this.getNode(), `Invalid ${field} [item ${itemIndex}]: ${problem}`, {
		itemIndex,
		description: `Correct '${field}' for item ${itemIndex}. Nothing was sent to Hero for this item.`,
	});
}
