// Booking: appointment types, locations, admins, practitioners, slots and the
// reserve -> book (confirm) / cancel / expire appointment lifecycle.

import type { Admin, AppointmentType, Slot, StandinState } from '../seed';
import { SESSIONS } from '../seed';
import type { HandlerContext } from '../server';
import {
	iso,
	parseQueryDate,
	apiError,
	notFound,
	conflict,
	validationError,
	issue,
	paginate,
	type Query,
	type ValidationIssue,
} from '../util';

const CANCELLATION_POLICY_HOURS = 24;

export type AppointmentStatus = 'reserved' | 'booked' | 'cancelled' | 'expired';

export interface Appointment {
	id: string;
	patient_id: string | null;
	practitioner_id: string;
	location_id: string;
	appointment_type_id: string;
	/** null when booked with suppress_availability_check and no slot matched */
	slot_id: string | null;
	duration: number;
	start_time: string;
	status: AppointmentStatus;
	reserved_until: string | null;
	booking_confirmed_at: string | null;
	cancelled_at: string | null;
	created_at: string;
	reason: string | null;
	billpayer_id: string | null;
	suppress_mail: boolean;
	link_id: string | null;
	expired_at?: string;
	rescheduled_at?: string;
}

/** What an appointment body names: type + location + practitioner + start_time (null: the next free slot). */
interface SlotTarget {
	appointment_type_id: string;
	location_id: string;
	practitioner_id: string;
	start_time?: string | null;
}

export interface CreateAppointmentBody extends SlotTarget {
	duration: number;
	start_time: string | null;
	patient_id?: string;
	billpayer_id?: string;
	reason?: string;
	suppress_mail?: boolean;
	suppress_availability_check?: boolean;
}

export interface EditAppointmentBody {
	start_time: string | null;
	duration: number;
	practitioner_id: string;
	suppress_availability_check?: boolean;
	suppress_mail?: boolean;
}

export interface CancelAppointmentBody {
	suppress_mail?: boolean;
	suppress_cancellation_policy?: boolean;
}

export interface RescheduleAppointmentBody {
	start_time?: string | null;
	duration?: number;
	practitioner_id?: string;
	suppress_mail?: boolean;
	/** not in the contract's schema (its body is open): the stand-in takes it too */
	slot_id?: unknown;
}

type AvailabilityQuery = Query & { location_ids?: string[]; appointment_type_ids?: string[]; has_availability?: boolean };

// Reservations lapse lazily: every request (and every read of s.state) sweeps expired ones.
export function expireReservations(state: StandinState, now: number): void {
	for (const a of state.appointments) {
		if (a.status === 'reserved' && a.reserved_until !== null && Date.parse(a.reserved_until) <= now) {
			a.status = 'expired';
			a.expired_at = iso(now);
			releaseSlot(state, a);
		}
	}
}

function releaseSlot(state: StandinState, appointment: Appointment): void {
	const slot = appointment.slot_id && state.slotById.get(appointment.slot_id);
	if (slot && slot.appointment_id === appointment.id) slot.appointment_id = null;
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

function isFree(slot: Slot, now: number): boolean {
	return slot.appointment_id === null && startMs(slot) > now;
}

function practitionerView(a: Admin) {
	return { id: a.id, first_name: a.first_name, last_name: a.last_name, type: a.role, email: a.email };
}

function slotView(s: Slot) {
	const { appointment_id, ...rest } = s;
	return rest;
}

export function appointmentView(state: StandinState, a: Appointment, now: number) {
	const type: Partial<AppointmentType> = state.appointmentTypes.find((t) => t.id === a.appointment_type_id) || {};
	const hoursToStart = (Date.parse(a.start_time) - now) / 3600000;
	const view = {
		id: a.id,
		patient_id: a.patient_id,
		practitioner_id: a.practitioner_id,
		location_id: a.location_id,
		appointment_type_id: a.appointment_type_id,
		duration: a.duration,
		start_time: a.start_time,
		video: !!type.video,
		in_person: !!type.in_person,
		telephone: !!type.telephone,
		link_id: a.link_id,
		reserved_until: a.status === 'reserved' || a.status === 'expired' ? a.reserved_until : null,
		booking_confirmed_at: a.booking_confirmed_at,
		can_be_cancelled: a.status === 'reserved' || (a.status === 'booked' && hoursToStart >= CANCELLATION_POLICY_HOURS),
		can_be_rescheduled: a.status === 'booked',
		cancellation_policy_hours: CANCELLATION_POLICY_HOURS,
		suppress_mail: !!a.suppress_mail,
	};
	return type.video ? { ...view, video_url: `https://video.example.com/standin/${a.id}` } : view;
}

function getAppointmentRecord(state: StandinState, id: string): Appointment {
	const a = state.appointments.find((x) => x.id === id);
	if (!a) throw notFound('Appointment', id);
	return a;
}

function requireById<T extends { id: string }>(list: T[], id: unknown, what: string, field?: string): T {
	const item = list.find((x) => x.id === id);
	if (!item) throw apiError(404, 'not_found', `${what} ${id} not found`, field ? { field } : undefined);
	return item;
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

function freeSlots(state: StandinState, query: Query, now: number): Slot[] {
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
function findSlot(
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

function takeSlot(state: StandinState, slot: Slot | null, appointmentId: string, now: number): void {
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

function missingSlot(body: SlotTarget) {
	return apiError(
		404,
		'not_found',
		`No bookable slot for practitioner ${body.practitioner_id} at location ${body.location_id} (appointment type ${body.appointment_type_id}) starting ${body.start_time === null ? '(next available)' : body.start_time}`,
	);
}

function statusConflict(a: Appointment, action: string) {
	if (a.status === 'booked')
		return conflict('appointment_confirmed', `Appointment ${a.id} is already confirmed; it cannot be ${action}`);
	if (a.status === 'cancelled')
		return conflict('appointment_cancelled', `Appointment ${a.id} was cancelled at ${a.cancelled_at}; it cannot be ${action}`);
	if (a.status === 'expired')
		return conflict(
			'reservation_expired',
			`The reservation of appointment ${a.id} expired at ${a.reserved_until}; it cannot be ${action}`,
		);
	return conflict('invalid_state', `Appointment ${a.id} is ${a.status}; it cannot be ${action}`);
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
	const items = state.admins
		.filter((a) => SESSIONS[a.role])
		.filter((a) => {
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
	const admin = state.admins.find((a) => a.id === params.id && SESSIONS[a.role]);
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

export function createAppointment({ state, body, now, config }: HandlerContext<CreateAppointmentBody>) {
	requireById(state.appointmentTypes, body.appointment_type_id, 'Appointment type', 'appointment_type_id');
	requireById(state.locations, body.location_id, 'Location', 'location_id');
	requireById(state.admins, body.practitioner_id, 'Practitioner', 'practitioner_id');
	if (body.patient_id !== undefined) {
		const p = state.patients.find((x) => x.id === body.patient_id);
		if (!p || p.status === 'archived')
			throw apiError(404, 'not_found', `Patient ${body.patient_id} not found`, { field: 'patient_id' });
	}
	const slot = findSlot(state, body, now);
	if (!slot && !body.suppress_availability_check) {
		if (body.start_time === null)
			throw conflict('slot_unavailable', 'No free slot matches this appointment type, location and practitioner');
		throw missingSlot(body);
	}
	const id = String(state.nextId.appointment++);
	takeSlot(state, slot, id, now); // synchronous check-and-set: of two concurrent reservations exactly one wins
	const start = slot ? slot.start_time : iso(Date.parse(String(body.start_time)));
	const appointment: Appointment = {
		id,
		patient_id: body.patient_id || null,
		practitioner_id: body.practitioner_id,
		location_id: body.location_id,
		appointment_type_id: body.appointment_type_id,
		slot_id: slot ? slot.id : null,
		duration: body.duration,
		start_time: start,
		status: 'reserved',
		reserved_until: iso(now + config.reservationTtlMs),
		booking_confirmed_at: null,
		cancelled_at: null,
		created_at: iso(now),
		reason: body.reason || null,
		billpayer_id: body.billpayer_id || null,
		suppress_mail: !!body.suppress_mail,
		link_id: null,
	};
	state.appointments.push(appointment);
	return { id, reserved_until: appointment.reserved_until };
}

export function getAppointment({ state, params, now }: HandlerContext) {
	return appointmentView(state, getAppointmentRecord(state, params.id), now);
}

export function getAppointmentStatus({ state, params }: HandlerContext) {
	const a = getAppointmentRecord(state, params.id);
	return {
		id: a.id,
		status: a.status,
		reserved_until: a.status === 'reserved' || a.status === 'expired' ? a.reserved_until : null,
		booking_confirmed_at: a.booking_confirmed_at,
		cancelled_at: a.cancelled_at,
		start_time: a.start_time,
	};
}

// PUT: only appointments that are not yet confirmed (live reservations)
export function editAppointment({ state, params, body, now }: HandlerContext<EditAppointmentBody>) {
	const a = getAppointmentRecord(state, params.id);
	if (a.status !== 'reserved') throw statusConflict(a, 'edited');
	requireById(state.admins, body.practitioner_id, 'Practitioner', 'practitioner_id');
	const target = {
		appointment_type_id: a.appointment_type_id,
		location_id: a.location_id,
		practitioner_id: body.practitioner_id,
		start_time: body.start_time === null ? a.start_time : body.start_time,
	};
	const slot = findSlot(state, target, now);
	if (!slot && !body.suppress_availability_check) throw missingSlot(target);
	if (!slot || slot.id !== a.slot_id) {
		takeSlot(state, slot, a.id, now);
		releaseSlot(state, a);
		a.slot_id = slot ? slot.id : null;
	}
	a.practitioner_id = body.practitioner_id;
	a.start_time = slot ? slot.start_time : iso(Date.parse(target.start_time));
	a.duration = body.duration;
	if (body.suppress_mail !== undefined) a.suppress_mail = body.suppress_mail;
	return appointmentView(state, a, now);
}

// PATCH .../book: confirm a live reservation (the contract leaves its body open)
export function bookAppointment({ state, params, body, now, emit }: HandlerContext<Record<string, unknown> | null>) {
	const a = getAppointmentRecord(state, params.id);
	if (a.status !== 'reserved') throw statusConflict(a, 'confirmed');
	const patientId = (body && body.patient_id) || a.patient_id;
	if (!patientId)
		throw validationError([
			issue(
				'patient_id',
				'invalid_type',
				'string',
				'A patient_id is required to confirm a booking (set it on the reservation or in this body)',
				{ received: 'undefined' },
			),
		]);
	const patient = state.patients.find((p) => p.id === patientId);
	if (!patient) throw notFound('Patient', patientId);
	a.patient_id = patient.id;
	a.status = 'booked';
	a.booking_confirmed_at = iso(now);
	a.reserved_until = null;
	emit('appointment.confirmed', a.id);
	return appointmentView(state, a, now);
}

export function cancelAppointment({ state, params, body, now, emit }: HandlerContext<CancelAppointmentBody | null>) {
	const a = getAppointmentRecord(state, params.id);
	if (a.status !== 'reserved' && a.status !== 'booked') throw statusConflict(a, 'cancelled');
	const hoursToStart = (Date.parse(a.start_time) - now) / 3600000;
	if (a.status === 'booked' && hoursToStart < CANCELLATION_POLICY_HOURS && !(body && body.suppress_cancellation_policy)) {
		throw conflict(
			'cancellation_policy',
			`Appointment ${a.id} starts in less than ${CANCELLATION_POLICY_HOURS} hours; send suppress_cancellation_policy: true to cancel anyway`,
		);
	}
	const wasBooked = a.status === 'booked';
	a.status = 'cancelled';
	a.cancelled_at = iso(now);
	// The appointment record's suppress_mail says whether the last change was made with mail suppressed (as an edit
	// sets it): what a listener to appointment.cancelled can read to tell a quiet practice cancellation.
	if (body && body.suppress_mail !== undefined) a.suppress_mail = body.suppress_mail;
	releaseSlot(state, a);
	// only confirmed appointments raise appointment.cancelled; dropping a reservation is silent
	if (wasBooked) emit('appointment.cancelled', a.id);
	return { id: a.id, status: a.status, cancelled_at: a.cancelled_at };
}

// PATCH .../reschedule: move a confirmed appointment to another free slot (same type + location)
export function rescheduleAppointment({ state, params, body, now, emit }: HandlerContext<RescheduleAppointmentBody>) {
	const a = getAppointmentRecord(state, params.id);
	if (a.status !== 'booked') {
		if (a.status === 'reserved')
			throw conflict(
				'appointment_not_confirmed',
				`Appointment ${a.id} is not confirmed yet; use PUT /v1/appointments/${a.id} to edit a reservation`,
			);
		throw statusConflict(a, 'rescheduled');
	}
	let slot: Slot | null | undefined;
	if (body.slot_id !== undefined) {
		slot = state.slotById.get(String(body.slot_id));
		if (!slot) throw notFound('Slot', body.slot_id);
		if (slot.appointment_type_id !== a.appointment_type_id || slot.location_id !== a.location_id) {
			throw validationError([
				issue(
					'slot_id',
					'custom',
					'slot of the same appointment type and location',
					'The slot belongs to another appointment type or location',
				),
			]);
		}
	} else {
		if (body.start_time === undefined || body.start_time === null) {
			throw validationError([issue('start_time', 'invalid_type', 'string', 'Required', { received: 'undefined' })]);
		}
		const target = {
			appointment_type_id: a.appointment_type_id,
			location_id: a.location_id,
			practitioner_id: body.practitioner_id || a.practitioner_id,
			start_time: body.start_time,
		};
		slot = findSlot(state, target, now);
		if (!slot) throw missingSlot(target);
	}
	if (slot.id === a.slot_id) throw conflict('same_slot', `Appointment ${a.id} is already in slot ${slot.id}`);
	takeSlot(state, slot, a.id, now);
	releaseSlot(state, a);
	const previous = a.start_time;
	a.slot_id = slot.id;
	a.start_time = slot.start_time;
	a.practitioner_id = slot.practitioner_id;
	if (body.duration !== undefined) a.duration = body.duration;
	a.rescheduled_at = iso(now);
	emit('appointment.rescheduled', a.id);
	return { ...appointmentView(state, a, now), previous_start_time: previous };
}
