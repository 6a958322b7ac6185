// The trigger's memory of accepted deliveries: the record kept in the node's static data (seen by every
// n8n process, kept across restarts) and the process's own short memory that covers the hand-over.
import type { IDataObject } from 'n8n-workflow';

import {
	HAND_OVER_GRACE_MS,
	REPLAY_WINDOW_MS,
	RecentlyAccepted,
	acceptedIn,
	deliveryKey,
	forgetAccepted,
	isRecorded,
	recordAccepted,
} from '../nodes/HeroHealth/trigger/acceptedDeliveries';
import { MAX_CLOCK_SKEW_MS } from '../nodes/HeroHealth/trigger/signature';

const NOW = Date.UTC(2026, 10, 21, 9, 30, 0);

/** Accepts `key` into static data the way webhook() does; false when it was already recorded. */
function accept(staticData: IDataObject, key: string, now: number): boolean {
	if (isRecorded(acceptedIn(staticData), key, now)) return false;
	recordAccepted(staticData, key, now);
	return true;
}

/** Static data as n8n saves and loads it: JSON, so every process reads its own copy. */
const reloaded = (staticData: IDataObject): IDataObject => JSON.parse(JSON.stringify(staticData)) as IDataObject;

describe('the record in static data', () => {
	test('takes a delivery once, then refuses it for 10 minutes, then takes it again', () => {
		let staticData: IDataObject = {};
		expect(REPLAY_WINDOW_MS).toBe(2 * MAX_CLOCK_SKEW_MS);
		expect(accept(staticData, 'd1', NOW)).toBe(true);
		staticData = reloaded(staticData);
		expect(accept(staticData, 'd1', NOW + REPLAY_WINDOW_MS)).toBe(false);
		expect(accept(staticData, 'd2', NOW + 1)).toBe(true);
		// by now d1's timestamp can no longer pass verify, so it is forgotten
		expect(accept(staticData, 'd1', NOW + REPLAY_WINDOW_MS + 1)).toBe(true);
		expect(accept(staticData, 'd2', NOW + REPLAY_WINDOW_MS + 1)).toBe(false);
	});

	test('keeps only what is still in the replay window, next to what else static data holds', () => {
		const staticData: IDataObject = { registrations: { 'appointment.confirmed': { id: '1', signingKey: 'k' } } };
		for (let i = 0; i < 50; i++) recordAccepted(staticData, `old${i}`, NOW + i);
		recordAccepted(staticData, 'new', NOW + REPLAY_WINDOW_MS + 100);
		expect(Object.keys(acceptedIn(staticData))).toEqual(['new']);
		expect(staticData.registrations).toEqual({ 'appointment.confirmed': { id: '1', signingKey: 'k' } });
	});

	test('assigns a new record object, so that n8n marks static data changed', () => {
		const staticData: IDataObject = {};
		recordAccepted(staticData, 'd1', NOW);
		const first = staticData.acceptedDeliveries;
		recordAccepted(staticData, 'd2', NOW);
		expect(staticData.acceptedDeliveries).not.toBe(first);
	});

	test('forgetting removes the record; odd stored values read as nothing recorded', () => {
		const staticData: IDataObject = {};
		recordAccepted(staticData, 'd1', NOW);
		forgetAccepted(staticData);
		expect(staticData).toEqual({});
		for (const odd of [null, 'x', [], 5]) expect(acceptedIn({ acceptedDeliveries: odd as never })).toEqual({});
		expect(isRecorded({ d1: 'soon' as never }, 'd1', NOW)).toBe(false);
		expect(isRecorded({}, 'constructor', NOW)).toBe(false);
	});

	test('the key is 128 bits of the digest, the same whatever the case of the hex', () => {
		const digest = 'AB'.repeat(32);
		expect(deliveryKey(digest)).toBe('ab'.repeat(16));
		expect(deliveryKey(digest.toLowerCase())).toBe(deliveryKey(digest));
	});
});

describe("the process's own memory", () => {
	test('refuses a delivery it took less than the hand-over grace ago, and takes it after', () => {
		const recent = new RecentlyAccepted();
		expect(recent.add('d1', NOW)).toBe(true);
		expect(recent.add('d1', NOW + HAND_OVER_GRACE_MS - 1)).toBe(false);
		expect(recent.add('d2', NOW + 1)).toBe(true);
		expect(recent.add('d1', NOW + HAND_OVER_GRACE_MS)).toBe(true);
		expect(recent.add('d2', NOW + HAND_OVER_GRACE_MS)).toBe(false);
	});
});
