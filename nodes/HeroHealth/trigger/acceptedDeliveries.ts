// Which deliveries a Hero Health Trigger has already accepted, so that the same delivery sent again
// (Hero resending after a lost answer, or a replay) starts no second run. Pure: no n8n imports.
//
// The record lives in the trigger node's workflow static data, which n8n keeps in its database: every
// n8n process of the instance (main, webhook processors) reads it when a delivery arrives, and a
// restart keeps it. n8n saves static data changed in webhook() once it has handed the run over (in
// queue mode: put it on the queue) and before it answers the delivery; when the hand-over fails it
// does not save, so Hero's resend of that delivery runs. Entries are kept only while the delivery
// could still pass the signature check.
//
// What static data cannot do: n8n reads it when the request arrives and writes the whole of it back,
// with no compare-and-set. The same delivery reaching two processes within the few milliseconds
// between one's read and its save can start two runs, and two different deliveries saved at the same
// moment by two processes can drop one's entry (a later resend of that one would run again). Within
// one process, `RecentlyAccepted` closes that gap for the time a hand-over takes.
import type { IDataObject } from 'n8n-workflow';

import { MAX_CLOCK_SKEW_MS } from './signature';

/** A delivery passes the signature check for at most this long after we first see it (its timestamp may be 5 minutes ahead). */
export const REPLAY_WINDOW_MS = 2 * MAX_CLOCK_SKEW_MS;

/**
 * How long this process alone trusts its own memory of a delivery it accepted, before n8n's save of
 * the record is certain: n8n hands a run over and saves within milliseconds. After that only the
 * shared record counts, so a resend after a failed hand-over (which n8n did not save) runs.
 */
export const HAND_OVER_GRACE_MS = 10_000;

/** The record in static data: delivery key → the time (ms) until which it is kept. */
export type AcceptedRecord = Record<string, number>;

const RECORD_FIELD = 'acceptedDeliveries';

/** 128 bits of the delivery's HMAC (hex) identify it; half the digest keeps the stored record small. */
export function deliveryKey(digest: string): string {
	return digest.slice(0, 32).toLowerCase();
}

export function acceptedIn(staticData: IDataObject): AcceptedRecord {
	const record = staticData[RECORD_FIELD];
	return record !== null && typeof record === 'object' && !Array.isArray(record) ? (record as AcceptedRecord) : {};
}

/** True when the record holds `key` and still keeps it at `now`. */
export function isRecorded(record: AcceptedRecord, key: string, now: number): boolean {
	return Object.hasOwn(record, key) && typeof record[key] === 'number' && record[key] >= now;
}

/**
 * Writes into static data a new record: the old one without expired entries, plus `key`. A new object
 * is assigned (not the old one changed in place) so that n8n's change tracking marks static data changed.
 */
export function recordAccepted(staticData: IDataObject, key: string, now: number): void {
	const kept: AcceptedRecord = {};
	for (const [known, until] of Object.entries(acceptedIn(staticData))) {
		if (typeof until === 'number' && until >= now) kept[known] = until;
	}
	kept[key] = now + REPLAY_WINDOW_MS;
	staticData[RECORD_FIELD] = kept;
}

export function forgetAccepted(staticData: IDataObject): void {
	delete staticData[RECORD_FIELD];
}

/** This process's own memory of the deliveries it accepted in the last `HAND_OVER_GRACE_MS`. */
export class RecentlyAccepted {
	private readonly acceptedAt = new Map<string, number>();

	/** Remembers `key`; false when this process accepted it less than `HAND_OVER_GRACE_MS` ago. */
	add(key: string, now: number): boolean {
		for (const [known, at] of this.acceptedAt) {
			if (at + HAND_OVER_GRACE_MS > now) break; // kept in arrival order, so the rest are newer
			this.acceptedAt.delete(known);
		}
		if (this.acceptedAt.has(key)) return false;
		this.acceptedAt.set(key, now);
		return true;
	}
}
