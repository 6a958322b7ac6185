// Which deliveries a Hero Health Trigger has already accepted, so that the same delivery sent again
// (Hero resending after a lost answer, or a replay) starts no second run. Pure: no n8n imports.
//
// The record lives in the trigger node's workflow static data, which n8n keeps in its database: every
// n8n process of the instance (main, webhook processors) reads it when a delivery arrives, and a
// restart keeps it. Entries are kept only while the delivery could still pass the signature check.
//
// When n8n saves it (n8n 2.41.1, packages/cli webhooks/live-webhooks.ts, webhook-helpers.ts and
// workflow-runner.ts): after webhook() returns, n8n saves changed static data in its response callback.
// When the node answers the request itself (`noWebhookResponse`), n8n calls that callback at once and
// only then hands the run over, so the record is saved moments after the node's answer. When n8n
// answers for the node (`responseMode: 'onReceived'`), the callback runs only after the hand-over, and
// building the run's Workflow over the same static data has by then reset n8n's "changed" flag:
// nothing is saved. So the trigger answers Hero itself.
//
// What static data cannot do: n8n reads it when the request arrives and writes the whole of it back,
// with no compare-and-set. The same delivery reaching two processes within the few milliseconds
// between one's read and its save can start two runs. Two different deliveries taken by two processes
// that close together can drop one's entry from the record; so every process writes back, with each
// record it saves, all it accepted itself within the window (`AcceptedHere`), which restores such an
// entry at that process's next delivery. Within one process, `AcceptedHere` also catches repeats
// before n8n has saved.
import type { IDataObject } from 'n8n-workflow';

import { MAX_CLOCK_SKEW_MS } from './signature';

/** A delivery passes the signature check for at most this long after we first see it (its timestamp may be 5 minutes ahead). */
export const REPLAY_WINDOW_MS = 2 * MAX_CLOCK_SKEW_MS;

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
 * Writes into static data a new record: the old one and `additions` (key → kept until), without what
 * has expired. A new object is assigned (not the old one changed in place) so that n8n's change
 * tracking marks static data changed.
 */
export function recordAccepted(staticData: IDataObject, additions: AcceptedRecord, now: number): void {
	const kept: AcceptedRecord = {};
	for (const record of [acceptedIn(staticData), additions]) {
		for (const [key, until] of Object.entries(record)) {
			if (typeof until === 'number' && until >= now && (kept[key] === undefined || until > kept[key])) kept[key] = until;
		}
	}
	staticData[RECORD_FIELD] = kept;
}

export function forgetAccepted(staticData: IDataObject): void {
	delete staticData[RECORD_FIELD];
}

/**
 * This process's own memory of the deliveries it accepted within the replay window, by trigger (workflow
 * and node), so that each trigger writes back only its own.
 */
export class AcceptedHere {
	private readonly byTrigger = new Map<string, Map<string, number>>();

	/** Remembers `key` for `trigger`; false when this process accepted it within the replay window. */
	add(trigger: string, key: string, now: number): boolean {
		let keptUntil = this.byTrigger.get(trigger);
		if (keptUntil === undefined) {
			keptUntil = new Map();
			this.byTrigger.set(trigger, keptUntil);
		}
		for (const [known, until] of keptUntil) {
			if (until >= now) break; // kept in arrival order, so the rest are newer
			keptUntil.delete(known);
		}
		if (keptUntil.has(key)) return false;
		keptUntil.set(key, now + REPLAY_WINDOW_MS);
		return true;
	}

	/** What this process accepted for `trigger` and still keeps at `now`. */
	kept(trigger: string, now: number): AcceptedRecord {
		const record: AcceptedRecord = {};
		for (const [key, until] of this.byTrigger.get(trigger) ?? []) if (until >= now) record[key] = until;
		return record;
	}
}
