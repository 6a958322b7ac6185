// Appointments: the reserve -> book (confirm) / cancel / expire lifecycle, editing a reservation and
// rescheduling a confirmed appointment.

import type { Appointment, AppointmentType, HandlerContext, Slot, StandinState } from '../model';
import { apiError, conflict, iso, issue, notFound, requireById, validationError } from '../util';
import { findSlot, missingSlot, releaseSlot, takeSlot, type SlotTarget } from './slots';

const CANCELLATION_POLICY_HOURS = 24;

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

function appointmentView(state: StandinState, a: Appointment, now: number) {
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
	return appointmentView(state, requireById(state.appointments, params.id, 'Appointment'), now);
}

export function getAppointmentStatus({ state, params }: HandlerContext) {
	const a = requireById(state.appointments, params.id, 'Appointment');
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
	const a = requireById(state.appointments, params.id, 'Appointment');
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
	const a = requireById(state.appointments, params.id, 'Appointment');
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
	const a = requireById(state.appointments, params.id, 'Appointment');
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
	const a = requireById(state.appointments, params.id, 'Appointment');
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
