// Booking and list helpers shared by the node tests: free slots, the requests Hero answered, the contract check.
import type { INodeExecutionData } from 'n8n-workflow';

import { contractViolations } from '../standin';
import type { Standin } from './helpers';
import { londonDate } from './standin/helpers';

/**
 * "YYYY-MM-DDTHH:mm:ss" London wall-clock time of a UTC instant; deliberately apart from the node's London-time code,
 * to check it. Swedish dates are written "YYYY-MM-DD HH:mm:ss", so the locale does the formatting.
 */
export function londonWallClock(utc: string): string {
	return new Date(utc).toLocaleString('sv-SE', { timeZone: 'Europe/London' }).replace(' ', 'T');
}

/** Free, future slots straight from the stand-in's state, in Hero's order (the ground truth). */
export function freeSlots(standin: Standin, filter: { type: string; location: string; practitioner?: string }) {
	const now = Date.now();
	return standin.state.slots
		.filter(
			(slot) =>
				slot.appointment_id === null &&
				Date.parse(slot.start_time) > now &&
				slot.appointment_type_id === filter.type &&
				slot.location_id === filter.location &&
				(!filter.practitioner || slot.practitioner_id === filter.practitioner),
		)
		.sort((a, b) => a.start_time.localeCompare(b.start_time) || Number(a.id) - Number(b.id));
}

/** Free slots at least `hours` ahead, so cancelling one is outside the 24-hour cancellation policy. */
export function freeSlotsAfter(standin: Standin, hours: number, filter = { type: '1', location: '1' }) {
	return freeSlots(standin, filter).filter((s) => Date.parse(s.start_time) > Date.now() + hours * 3_600_000);
}

/** The first free slot at least `hours` ahead. */
export function freeSlotAfter(standin: Standin, hours: number, filter = { type: '1', location: '1' }) {
	const [slot] = freeSlotsAfter(standin, hours, filter);
	if (!slot) throw new Error(`no free slot ${hours} hours ahead`);
	return slot;
}

/** Every request the stand-in answered for real (not a fault it injected) since the last clearLog(). */
export function answeredRequests(standin: Standin) {
	return standin.log.filter((entry) => entry.fault === null);
}

/** Asserts that every request in the stand-in's log since the last clearLog(), and every answer to one, kept the contract. */
export function expectContractKept(standin: Standin) {
	expect(contractViolations(standin.log)).toEqual([]);
}

/** Asserts the contract was kept (expectContractKept), then returns the requests the stand-in answered for real (answeredRequests). */
export function answeredRequestsKeptContract(standin: Standin) {
	expectContractKept(standin);
	return answeredRequests(standin);
}

/**
 * Who the stand-in's clinical system has slots for, at any of `locations` and for any of `types` when given
 * (free, future ones only with `free`), sorted: the ground truth for the practitioner list and picker.
 */
export function practitionersWithSlots(standin: Standin, filter: { locations?: string[]; types?: string[]; free?: boolean }) {
	const now = Date.now();
	const ids = standin.state.slots
		.filter(
			(slot) =>
				(!filter.locations || filter.locations.includes(slot.location_id)) &&
				(!filter.types || filter.types.includes(slot.appointment_type_id)) &&
				(!filter.free || (slot.appointment_id === null && Date.parse(slot.start_time) > now)),
		)
		.map((slot) => slot.practitioner_id);
	return [...new Set(ids)].sort();
}

/** The pairing of each output item: which input item it belongs to. */
export function pairing(items: INodeExecutionData[]): number[] {
	return items.map((item) => {
		const paired = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
		return typeof paired === 'number' ? paired : (paired?.item ?? -1);
	});
}

/**
 * The next 1 July still ahead in London (this year's, or next year's once it has come): a day in British
 * Summer Time that is in the future whatever today's date, for a slot added with `addSlot`.
 */
export function nextSummerDay(): string {
	const today = londonDate(0);
	const thisYear = `${today.slice(0, 4)}-07-01`;
	return today < thisYear ? thisYear : `${Number(today.slice(0, 4)) + 1}-07-01`;
}

/** Has the stand-in offer an extra free slot (e.g. one in British Summer Time, whatever today's date): GP 11, type 1, location 1 unless given. */
export function addSlot(
	standin: Standin,
	slot: { id: string; start_time: string; finish_time: string; type?: string; location?: string; practitioner?: string },
) {
	return standin.addSlot({
		id: slot.id,
		practitioner_id: slot.practitioner ?? '11',
		appointment_type_id: slot.type ?? '1',
		location_id: slot.location ?? '1',
		start_time: slot.start_time,
		finish_time: slot.finish_time,
	});
}
