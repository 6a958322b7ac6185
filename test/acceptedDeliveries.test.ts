// The trigger's memory of accepted deliveries: the record kept in the node's static data (seen by every
// n8n process, kept across restarts) and the process's own memory, which also covers the moment before n8n saves.
import type { IDataObject } from 'n8n-workflow';

import {
	REPLAY_WINDOW_MS,
	AcceptedHere,
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
	recordAccepted(staticData, { [key]: now + REPLAY_WINDOW_MS }, now);
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
		for (let i = 0; i < 50; i++) accept(staticData, `old${i}`, NOW + i);
		accept(staticData, 'new', NOW + REPLAY_WINDOW_MS + 100);
		expect(Object.keys(acceptedIn(staticData))).toEqual(['new']);
		expect(staticData.registrations).toEqual({ 'appointment.confirmed': { id: '1', signingKey: 'k' } });
	});

	test('assigns a new record object, so that n8n marks static data changed', () => {
		const staticData: IDataObject = {};
		accept(staticData, 'd1', NOW);
		const first = staticData.acceptedDeliveries;
		accept(staticData, 'd2', NOW);
		expect(staticData.acceptedDeliveries).not.toBe(first);
	});

	test('forgetting removes the record; odd stored values read as nothing recorded', () => {
		const staticData: IDataObject = {};
		accept(staticData, 'd1', NOW);
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
	test('takes a delivery once, then refuses it for 10 minutes, then takes it again', () => {
		const accepted = new AcceptedHere();
		expect(accepted.add('wf/T', 'd1', NOW)).toBe(true);
		expect(accepted.add('wf/T', 'd1', NOW + REPLAY_WINDOW_MS)).toBe(false);
		expect(accepted.add('wf/T', 'd2', NOW + 1)).toBe(true);
		expect(accepted.add('wf/T', 'd1', NOW + REPLAY_WINDOW_MS + 1)).toBe(true);
		expect(accepted.add('wf/T', 'd2', NOW + REPLAY_WINDOW_MS + 1)).toBe(false);
	});

	test('keeps each trigger to its own deliveries, and gives back what it still keeps', () => {
		const accepted = new AcceptedHere();
		accepted.add('wf1/T', 'd1', NOW);
		accepted.add('wf2/T', 'd2', NOW + 1);
		expect(accepted.add('wf2/T', 'd1', NOW + 2)).toBe(true);
		expect(accepted.kept('wf1/T', NOW + 3)).toEqual({ d1: NOW + REPLAY_WINDOW_MS });
		expect(accepted.kept('wf1/T', NOW + REPLAY_WINDOW_MS + 1)).toEqual({});
		expect(accepted.kept('unknown', NOW)).toEqual({});
	});

	test("written back with each record, it restores an entry another process's save dropped", () => {
		// process A accepted d1 and saved {d1}; process B, which had read the record before that save,
		// accepted d2 and saved {d2} over it
		const inA = new AcceptedHere();
		inA.add('wf/T', 'd1', NOW);
		const saved: IDataObject = {};
		recordAccepted(saved, { d2: NOW + 1 + REPLAY_WINDOW_MS }, NOW + 1);
		expect(Object.keys(acceptedIn(saved))).toEqual(['d2']);
		// A's next delivery, d3, writes back d1 with it
		const loadedByA = reloaded(saved);
		inA.add('wf/T', 'd3', NOW + 2);
		recordAccepted(loadedByA, inA.kept('wf/T', NOW + 2), NOW + 2);
		expect(Object.keys(acceptedIn(loadedByA)).sort()).toEqual(['d1', 'd2', 'd3']);
		expect(acceptedIn(loadedByA).d1).toBe(NOW + REPLAY_WINDOW_MS);
	});
});
