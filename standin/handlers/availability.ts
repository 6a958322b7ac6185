// What can be booked: appointment types, locations, practitioners (the clinical admins) and admins, each
// with its free slots, and the slots themselves.

import type { Admin, HandlerContext, Slot } from '../model';
import { isPractitioner } from '../seed/practice';
import { apiError, notFound, paginate, type Query } from '../util';
import { freeSlots, isFree } from './slots';

type AvailabilityQuery = Query & { location_ids?: string[]; appointment_type_ids?: string[]; has_availability?: boolean };

function practitionerView(a: Admin) {
	return { id: a.id, first_name: a.first_name, last_name: a.last_name, type: a.role, email: a.email };
}

function slotView(s: Slot) {
	const { appointment_id, ...rest } = s;
	return rest;
}

export function listAppointmentTypes({ state, query, now }: HandlerContext<unknown, AvailabilityQuery>) {
	const locs = query.location_ids && query.location_ids.length ? query.location_ids : null;
	let items = state.appointmentTypes.map((t) => {
		const free = state.slots.filter(
			(s) => s.appointment_type_id === t.id && isFree(s, now) && (!locs || locs.includes(s.location_id)),
		);
		const next = free.reduce<string | null>((min, s) => (min === null || s.start_time < min ? s.start_time : min), null);
		return { ...t, slot_count: free.length, next_available_at: next };
	});
	if (locs) items = items.filter((t) => state.slots.some((s) => s.appointment_type_id === t.id && locs.includes(s.location_id)));
	if (query.has_availability !== undefined) items = items.filter((t) => t.slot_count > 0 === query.has_availability);
	return paginate(items, query);
}

// A location offers a type when it has any slot of that type; has_availability asks for a free one.
export function listLocations({ state, query, now }: HandlerContext<unknown, AvailabilityQuery>) {
	const types = query.appointment_type_ids && query.appointment_type_ids.length ? query.appointment_type_ids : null;
	const items = state.locations.filter((l) => {
		const slots = state.slots.filter((s) => s.location_id === l.id && (!types || types.includes(s.appointment_type_id)));
		if (types && !slots.length) return false;
		return query.has_availability === undefined || slots.some((s) => isFree(s, now)) === query.has_availability;
	});
	return paginate(items, query);
}

// Practitioners are the clinical admins: those with sessions in the clinical system (slots).
export function listPractitioners({ state, query, now }: HandlerContext<unknown, AvailabilityQuery>) {
	const locations = query.location_ids && query.location_ids.length ? query.location_ids : null;
	const types = query.appointment_type_ids && query.appointment_type_ids.length ? query.appointment_type_ids : null;
	const items = state.admins.filter(isPractitioner).filter((a) => {
		const slots = state.slots.filter(
			(s) =>
				s.practitioner_id === a.id &&
				(!locations || locations.includes(s.location_id)) &&
				(!types || types.includes(s.appointment_type_id)),
		);
		if ((locations || types) && !slots.length) return false;
		return query.has_availability === undefined || slots.some((s) => isFree(s, now)) === query.has_availability;
	});
	return paginate(items.map(practitionerView), query);
}

export function getPractitioner({ state, params }: HandlerContext) {
	const admin = state.admins.find((a) => a.id === params.id && isPractitioner(a));
	if (!admin) throw notFound('Practitioner', params.id);
	return practitionerView(admin);
}

export function listAdmins({
	state,
	query,
}: HandlerContext<unknown, Query & { order_by?: 'first_name'; order_descending?: boolean }>) {
	let items = state.admins.map(({ locations, ...a }) => a);
	if (query.order_by === 'first_name') {
		items = items.sort((a, b) => a.first_name.localeCompare(b.first_name));
		if (query.order_descending) items.reverse();
	}
	return paginate(items, query);
}

export function listSlots({ state, query, now }: HandlerContext) {
	const page = paginate(freeSlots(state, query, now), query);
	return { data: page.data.map(slotView), count: page.count };
}

export function countSlots({ state, query, now }: HandlerContext) {
	return { count: freeSlots(state, query, now).length };
}

export function getSlot({ state, params, now }: HandlerContext) {
	const slot = state.slotById.get(params.id);
	if (!slot) throw notFound('Slot', params.id);
	if (!isFree(slot, now))
		throw apiError(404, 'not_found', `Slot ${params.id} is no longer available (reserved, booked or in the past)`);
	return slotView(slot);
}
