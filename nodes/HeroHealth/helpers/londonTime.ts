import type { IDataObject } from 'n8n-workflow';

// Hero stores and answers in UTC; practices and their patients live on London time.
// Intl does the zone arithmetic, so the package needs no date library.
const PRACTICE_ZONE = 'Europe/London';

export interface WallClock {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	second: number;
	/** Mon, Tue, ... */
	weekday: string;
}

/** What a clock in `timeZone` (London unless given) shows at the instant `utcMs`. */
export function wallClock(utcMs: number, timeZone: string = PRACTICE_ZONE): WallClock {
	const parts = new Intl.DateTimeFormat('en-GB', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
		weekday: 'short',
	}).formatToParts(new Date(utcMs));
	const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
	return {
		year: Number(part('year')),
		month: Number(part('month')),
		day: Number(part('day')),
		hour: Number(part('hour')),
		minute: Number(part('minute')),
		second: Number(part('second')),
		weekday: part('weekday'),
	};
}

/** Minutes `timeZone` is ahead of UTC at the instant `utcMs`. */
function zoneOffsetMinutes(utcMs: number, timeZone: string): number {
	const clock = wallClock(utcMs, timeZone);
	const shown = Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second);
	return Math.round((shown - Math.floor(utcMs / 1000) * 1000) / 60_000);
}

/** The instant a clock in `timeZone` shows the wall-clock time `asIfUtc` (that time's fields read as if UTC). */
function instantOf(asIfUtc: number, timeZone: string): number {
	const guess = asIfUtc - zoneOffsetMinutes(asIfUtc, timeZone) * 60_000;
	// Near a clock change the offset at the true instant can differ from the first guess.
	return asIfUtc - zoneOffsetMinutes(guess, timeZone) * 60_000;
}

/** UTC milliseconds of a London wall-clock time; fields out of range roll over as in Date.UTC (day 32 is the 1st). */
export function londonWallTime(year: number, month: number, day: number, hour: number, minute: number): number {
	return instantOf(Date.UTC(year, month - 1, day, hour, minute), PRACTICE_ZONE);
}

/**
 * An ISO date-time as UTC. n8n's date picker gives wall-clock time without an offset; that time
 * is read in `timeZone` (the workflow's), so "09:30" means 09:30 in London, not on the server.
 * Call it after `dateTimeProblem` has accepted the value.
 */
export function utcDateTime(raw: unknown, timeZone: string): string {
	const value = raw instanceof Date ? raw.toISOString() : String(raw ?? '').trim();
	if (/(Z|[+-]\d{2}:?\d{2})$/.test(value)) return new Date(value).toISOString();
	return new Date(instantOf(Date.parse(`${value}Z`), timeZone)).toISOString();
}

/** A UTC timestamp from Hero as London wall-clock time with its offset, e.g. 2026-07-01T09:30:00+01:00. */
export function londonIso(utc: unknown): string | undefined {
	if (typeof utc !== 'string' || !utc) return undefined;
	const utcMs = Date.parse(utc);
	if (Number.isNaN(utcMs)) return undefined;
	const offset = zoneOffsetMinutes(utcMs, PRACTICE_ZONE);
	const wallClock = new Date(Math.floor(utcMs / 1000) * 1000 + offset * 60_000).toISOString().slice(0, 19);
	const sign = offset < 0 ? '-' : '+';
	const hours = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
	const minutes = String(Math.abs(offset) % 60).padStart(2, '0');
	return `${wallClock}${sign}${hours}:${minutes}`;
}

/** The London calendar date (YYYY-MM-DD) of a UTC instant, by default now: the practice's "today", whatever the server's zone. */
export function londonToday(now = Date.now()): string {
	return new Date(now + zoneOffsetMinutes(now, PRACTICE_ZONE) * 60_000).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
	return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** A slot or appointment as Hero sent it (start_time stays UTC), plus its start in London time for messages to patients. */
export function withLondonStart(record: IDataObject): IDataObject {
	return { ...record, start_time_london: londonIso(record.start_time) ?? null };
}
