import type { IDataObject } from 'n8n-workflow';
import { DateTime } from 'luxon';

// Hero stores and answers in UTC; practices and their patients live on London time.
const PRACTICE_ZONE = 'Europe/London';

/** A UTC timestamp from Hero as London wall-clock time with its offset, e.g. 2026-07-01T09:30:00+01:00. */
export function londonIso(utc: unknown): string | undefined {
	if (typeof utc !== 'string' || !utc) return undefined;
	const time = DateTime.fromISO(utc, { zone: 'utc' });
	return time.isValid ? (time.setZone(PRACTICE_ZONE).toISO({ suppressMilliseconds: true }) ?? undefined) : undefined;
}

/** Today's date in London (YYYY-MM-DD): the practice's "today", whatever the server's zone. */
export function londonToday(): string {
	return DateTime.now().setZone(PRACTICE_ZONE).toISODate() as string;
}

export function addDays(date: string, days: number): string {
	return DateTime.fromISO(date, { zone: 'utc' }).plus({ days }).toISODate() as string;
}


/** A slot or appointment as Hero sent it (start_time stays UTC), plus its start in London time for messages to patients. */
export function withLondonStart(record: IDataObject): IDataObject {
	return { ...record, start_time_london: londonIso(record.start_time) ?? null };
}
