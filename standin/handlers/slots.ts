// Slot bookkeeping the booking handlers share: which slots are free, which one an appointment body names,
// and taking or giving one back. Slots come from the clinical system; an appointment holds at most one.

import type { Appointment, Slot, StandinState } from '../model';
import { apiError, conflict, issue, parseQueryDate, validationError, type Query, type ValidationIssue } from '../util';

/** What an appointment body names: type + location + practitioner + start_time (null: the next free slot). */
export interface SlotTarget {
	appointment_type_id: string;
	location_id: string;
	practitioner_id: string;
	start_time?: string | null;
}

// slot start times parsed once (slot lists are read on almost every booking request)
const startCache = new WeakMap<Slot, { iso: string; ms: number }>();
function startMs(slot: Slot): number {
	let ms = startCache.get(slot);
	if (ms === undefined || slot.start_time !== ms.iso) {
		ms = { iso: slot.start_time, ms: Date.parse(slot.start_time) };
		startCache.set(slot, ms);
	}
	return ms.ms;
}

export function isFree(slot: Slot, now: number): boolean {
	return slot.appointment_id === null && startMs(slot) > now;
}

function parseWindow(query: Query, now: number): { from: number; to: number } {
	const issues: ValidationIssue[] = [];
	const read = (name: string, endOfDay: boolean) => {
		if (query[name] === undefined || query[name] === '') return undefined;
		const ms = parseQueryDate(String(query[name]), endOfDay);
		if (Number.isNaN(ms))
			issues.push(
				issue(name, 'invalid_string', 'date', 'Invalid date (use YYYY-MM-DD or an ISO 8601 date-time)', { validation: 'date' }),
			);
		return ms;
	};
	const from = read('start_date', false);
	const to = read('end_date', true);
	if (issues.length) throw validationError(issues);
	return { from: from === undefined ? now : Math.max(from, now), to: to === undefined ? Infinity : to };
}

export function freeSlots(state: StandinState, query: Query, now: number): Slot[] {
	const { from, to } = parseWindow(query, now);
	return state.slots
		.filter(
			(s) =>
				isFree(s, now) &&
				(!query.appointment_type_id || s.appointment_type_id === query.appointment_type_id) &&
				(!query.location_id || s.location_id === query.location_id) &&
				(!query.practitioner_id || s.practitioner_id === query.practitioner_id) &&
				startMs(s) >= from &&
				startMs(s) <= to,
		)
		.sort((a, b) => startMs(a) - startMs(b) || Number(a.id) - Number(b.id));
}

// the slot an appointment body points at (type + location + practitioner + start_time)
export function findSlot(
	state: StandinState,
	{ appointment_type_id, location_id, practitioner_id, start_time }: SlotTarget,
	now: number,
): Slot | null {
	if (start_time === null || start_time === undefined) {
		return freeSlots(state, { appointment_type_id, location_id, practitioner_id }, now)[0] || null;
	}
	const at = Date.parse(start_time);
	return (
		state.slots.find(
			(s) =>
				s.appointment_type_id === appointment_type_id &&
				s.location_id === location_id &&
				s.practitioner_id === practitioner_id &&
				startMs(s) === at,
		) || null
	);
}

export function takeSlot(state: StandinState, slot: Slot | null, appointmentId: string, now: number): void {
	if (!slot) return;
	if (slot.appointment_id !== null) {
		throw conflict('slot_unavailable', `Slot ${slot.id} (${slot.start_time}) is already reserved or booked`, {
			slot_id: slot.id,
		});
	}
	if (Date.parse(slot.start_time) <= now)
		throw conflict('slot_unavailable', `Slot ${slot.id} is in the past`, { slot_id: slot.id });
	slot.appointment_id = appointmentId;
}

export function releaseSlot(state: StandinState, appointment: Appointment): void {
	const slot = appointment.slot_id && state.slotById.get(appointment.slot_id);
	if (slot && slot.appointment_id === appointment.id) slot.appointment_id = null;
}

export function missingSlot(body: SlotTarget) {
	return apiError(
		404,
		'not_found',
		`No bookable slot for practitioner ${body.practitioner_id} at location ${body.location_id} (appointment type ${body.appointment_type_id}) starting ${body.start_time === null ? '(next available)' : body.start_time}`,
	);
}
