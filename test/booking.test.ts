import type { INodeParameters } from 'n8n-workflow';
import { setGlobalState } from 'n8n-workflow';

import type { Standin } from './helpers';
import { byId, items, runHero, setUpTestStandin } from './helpers';
import {
	addSlot,
	answeredRequestsKeptContract,
	expectContractKept,
	freeSlotAfter,
	freeSlots,
	freeSlotsAfter,
	londonWallClock,
	nextSummerDay,
	pairing,
} from './bookingHelpers';
import { sleep } from './standin/helpers';

type Slot = ReturnType<typeof freeSlots>[number];

let standin: Standin;
setUpTestStandin((started) => (standin = started));

beforeAll(() => {
	// n8n reads a date-time without offset in the workflow's time zone; a practice's is London.
	setGlobalState({ defaultTimezone: 'Europe/London' });
});

beforeEach(() => standin.setConfig({ reservationTtlMs: 5 * 60_000 }));

function bookSlot(slot: Slot, extra: INodeParameters = {}, patientId = '1001') {
	return runHero(standin, {
		resource: 'appointment',
		operation: 'book',
		slotSelection: 'slot',
		slotId: slot.id,
		patientId: byId(patientId),
		...extra,
	});
}

/** A confirmed appointment two days out, with the stand-in log cleared so a test sees only its own requests. */
async function bookedAppointment() {
	const slot = freeSlotAfter(standin, 48);
	const booked = (await bookSlot(slot)).items[0].json;
	standin.clearLog();
	return { slot, booked };
}

/** The slot given by its details, as Book, Edit and Reschedule take it: practitioner, start time and 15 minutes. */
function byDetails(slot: Slot) {
	return { slotSelection: 'details', practitionerId: byId(slot.practitioner_id), startTime: slot.start_time, duration: 15 };
}

/** Book by details: a GP appointment (type 1) with GP 11 at the main surgery (location 1), 15 minutes from `startTime`. */
function bookWithGp11At(startTime: string, patientId: string, extra: INodeParameters = {}) {
	return runHero(standin, {
		resource: 'appointment',
		operation: 'book',
		slotSelection: 'details',
		appointmentTypeId: byId('1'),
		locationId: byId('1'),
		practitionerId: byId('11'),
		startTime,
		duration: 15,
		patientId: byId(patientId),
		...extra,
	});
}

/** Edit or Reschedule under Continue on Fail: one input item per appointment ID, each moved onto `slot` given by its details. */
function moveEachOnto(operation: 'edit' | 'reschedule', slot: Slot, appointmentIds: unknown[], extra: INodeParameters = {}) {
	return runHero(
		standin,
		{ resource: 'appointment', operation, appointmentId: '={{ $json.id }}', ...byDetails(slot), ...extra },
		{ items: items(appointmentIds.map((id) => ({ id }))), continueOnFail: true },
	);
}

function reserveSlot(slot: Slot, patientId = '1001') {
	return runHero(standin, {
		resource: 'appointment',
		operation: 'reserve',
		slotSelection: 'slot',
		slotId: slot.id,
		patientId: byId(patientId),
	});
}

/** Is the slot offered by the node's own Slot > Get Many (searching that slot's London day)? */
async function listedByGetMany(slot: Slot): Promise<boolean> {
	const day = londonWallClock(slot.start_time).slice(0, 10);
	const result = await runHero(standin, {
		resource: 'slot',
		operation: 'getAll',
		appointmentTypeId: byId(slot.appointment_type_id),
		locationId: byId(slot.location_id),
		practitionerId: byId(slot.practitioner_id),
		fromDate: day,
		toDate: day,
		returnAll: true,
	});
	expect(result.error).toBeUndefined();
	return result.items.some((item) => item.json.id === slot.id);
}

function appointmentRecord(id: unknown) {
	return standin.state.appointments.find((appointment) => appointment.id === String(id));
}

function slotRecord(slot: Slot) {
	return standin.state.slots.find((s) => s.id === slot.id)!;
}

/** The appointment now holds slot `to`, and slot `from` is free again. */
function expectMoved(appointmentId: unknown, from: Slot, to: Slot) {
	expect(slotRecord(from).appointment_id).toBeNull();
	expect(slotRecord(to).appointment_id).toBe(String(appointmentId));
}

describe('Appointment > Book', () => {
	it('reserves then confirms the slot; the slot is gone from Get Many and the appointment is confirmed', async () => {
		const slot = freeSlotAfter(standin, 48);
		expect(await listedByGetMany(slot)).toBe(true);
		standin.clearLog();

		const result = await bookSlot(slot, { options: { reason: 'Annual review', suppressMail: true } });

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		const appointment = result.items[0].json;
		expect(appointment).toMatchObject({ patient_id: '1001', start_time: slot.start_time, practitioner_id: slot.practitioner_id });
		expect(appointment.booking_confirmed_at).toEqual(expect.any(String));
		expect(String(appointment.start_time_london).slice(0, 19)).toBe(londonWallClock(slot.start_time));

		const requests = answeredRequestsKeptContract(standin);
		expect(requests.map((entry) => entry.operationId)).toEqual(['getSlot', 'createAppointment', 'bookAppointment']);
		expect(requests[1].body).toEqual({
			appointment_type_id: slot.appointment_type_id,
			location_id: slot.location_id,
			practitioner_id: slot.practitioner_id,
			start_time: slot.start_time,
			duration: 15,
			patient_id: '1001',
			reason: 'Annual review',
			suppress_mail: true,
		});
		expect(requests[2].path).toBe(`/v1/appointments/${String(appointment.id)}/book`);

		expect(appointmentRecord(appointment.id)).toMatchObject({ status: 'booked', slot_id: slot.id });
		expect(await listedByGetMany(slot)).toBe(false);
	});

	it('books by appointment details, reading a start time without offset in the workflow time zone (London)', async () => {
		// a slot in British Summer Time, so London (09:30) and UTC (08:30) differ
		const day = nextSummerDay();
		const summer = addSlot(standin, { id: '990002', start_time: `${day}T08:30:00Z`, finish_time: `${day}T08:45:00Z` });
		const result = await bookWithGp11At(`${day}T09:30:00`, '1002', { options: { suppressAvailabilityCheck: false } });
		expect(result.error).toBeUndefined();
		const [create] = answeredRequestsKeptContract(standin).filter((entry) => entry.operationId === 'createAppointment');
		expect(create.body).toEqual({
			appointment_type_id: '1',
			location_id: '1',
			practitioner_id: '11',
			start_time: `${day}T08:30:00.000Z`,
			duration: 15,
			patient_id: '1002',
			suppress_availability_check: false,
		});
		expect(result.items[0].json).toMatchObject({ start_time_london: `${day}T09:30:00+01:00` });
		expect(summer.appointment_id).toBe(String(result.items[0].json.id));
	});

	it('cancels the reservation when confirming fails, says so, and leaves the slot bookable', async () => {
		const slot = freeSlotAfter(standin, 48);
		standin.failNext({ method: 'PATCH', path: /\/book$/, status: 500 });

		const result = await bookSlot(slot);

		expect(result.items).toHaveLength(0);
		expect(result.error?.message).toMatch(
			/^The booking could not be confirmed, so its reservation \(appointment \d+\) was cancelled and the slot is free again\. Hero Health had a server error \(500\) on PATCH \/v1\/appointments\/\d+\/book/,
		);
		const appointmentId = /appointment (\d+)/.exec(String(result.error?.message))![1];

		const calls = standin.log.map((entry) => `${entry.method} ${entry.operationId} ${entry.status}`);
		expect(calls).toEqual([
			'GET getSlot 200',
			'POST createAppointment 200',
			'PATCH bookAppointment 500', // a write is never resent
			'PATCH cancelAppointment 200',
		]);
		const cancel = standin.log[3];
		expect(cancel.path).toBe(`/v1/appointments/${appointmentId}/cancel`);
		expect(cancel.body).toEqual({ suppress_mail: true, suppress_cancellation_policy: true });
		expectContractKept(standin);

		expect(appointmentRecord(appointmentId)).toMatchObject({ status: 'cancelled', booking_confirmed_at: null });
		expect(slotRecord(slot).appointment_id).toBeNull();
		expect(await listedByGetMany(slot)).toBe(true);
	});

	it('says the slot stays held until the reservation lapses when cancelling it fails too', async () => {
		const slot = freeSlotAfter(standin, 48);
		standin.failNext({ method: 'PATCH', path: /\/book$/, status: 500 });
		standin.failNext({ method: 'PATCH', path: /\/cancel$/, status: 503 });

		const result = await bookSlot(slot);

		expect(result.error?.message).toMatch(
			/cancelling its reservation \(appointment \d+\) failed too, so the slot stays held until the reservation lapses at \d{4}-\d{2}-\d{2}T/,
		);
		expect(result.error?.description).toMatch(/Cancelling the reservation failed: Hero Health had a server error \(503\)/);
		expect(standin.state.appointments.at(-1)).toMatchObject({ status: 'reserved' });
	});

	it('lets exactly one of two racing Book runs have the slot; the other fails clearly, with no double booking', async () => {
		const slot = freeSlotAfter(standin, 48);
		const bookByDetails = (patientId: string) =>
			runHero(standin, {
				resource: 'appointment',
				operation: 'book',
				...byDetails(slot),
				appointmentTypeId: byId(slot.appointment_type_id),
				locationId: byId(slot.location_id),
				patientId: byId(patientId),
			});

		const results = await Promise.all([bookByDetails('1001'), bookByDetails('1002')]);

		const won = results.filter((result) => !result.error);
		const lost = results.filter((result) => result.error);
		expect(won).toHaveLength(1);
		expect(lost).toHaveLength(1);
		expect(won[0].items[0].json.booking_confirmed_at).toEqual(expect.any(String));
		expect(lost[0].error?.message).toMatch(
			/^The slot is no longer free \(it was reserved or booked first\): Hero Health reported a conflict for POST \/v1\/appointments \(409\)/,
		);
		expect(lost[0].error?.description).toMatch(new RegExp(`Slot ${slot.id} .* already reserved or booked`));

		const reservations = standin.log.filter((entry) => entry.operationId === 'createAppointment');
		expect(reservations.map((entry) => entry.status).sort()).toEqual([200, 409]);
		const holders = standin.state.appointments.filter((a) => a.slot_id === slot.id && a.status !== 'cancelled');
		expect(holders).toHaveLength(1);
		expect(holders[0]).toMatchObject({ status: 'booked', id: String(won[0].items[0].json.id) });
		expect(slotRecord(slot).appointment_id).toBe(holders[0].id);
	});

	it('refuses an invalid patient or start time before any request, and an unknown slot fails as an error item', async () => {
		const slot = freeSlotAfter(standin, 48);
		const result = await runHero(
			standin,
			{
				resource: 'appointment',
				operation: 'book',
				slotSelection: 'slot',
				slotId: '={{ $json.slot }}',
				patientId: byId('={{ $json.patient }}'),
			},
			{
				items: items([
					{ slot: slot.id, patient: '1001' },
					{ slot: slot.id, patient: 'Olivia' },
					{ slot: '424242', patient: '1001' },
				]),
				continueOnFail: true,
			},
		);
		expect(pairing(result.items)).toEqual([0, 1, 2]);
		expect(result.items[0].json.booking_confirmed_at).toEqual(expect.any(String));
		expect(result.items[1].json.error).toMatch(/^Invalid Patient \[item 1\]: "Olivia" is not a numeric ID/);
		expect(result.items[2].json).toMatchObject({ httpCode: '404' });
		expect(result.items[2].json.error).toMatch(/no free slot 424242/);
		expect(answeredRequestsKeptContract(standin).map((entry) => entry.operationId)).toEqual([
			'getSlot',
			'createAppointment',
			'bookAppointment',
			'getSlot',
		]);

		const past = await bookWithGp11At('2020-01-06T09:00:00Z', '1001');
		expect(past.error?.message).toMatch(/^Invalid Start Time \[item 0\]: "2020-01-06T09:00:00.000Z" is in the past/);
	});
});

describe('Appointment > Reserve and Confirm', () => {
	it('reserves (the slot leaves Get Many), then confirms the reservation', async () => {
		const slot = freeSlotAfter(standin, 48);
		const reserved = await reserveSlot(slot);
		expect(reserved.error).toBeUndefined();
		expect(Object.keys(reserved.items[0].json).sort()).toEqual(['id', 'reserved_until']);
		expect(Date.parse(String(reserved.items[0].json.reserved_until))).toBeGreaterThan(Date.now());
		expect(appointmentRecord(reserved.items[0].json.id)).toMatchObject({ status: 'reserved' });
		expect(await listedByGetMany(slot)).toBe(false);
		expect(answeredRequestsKeptContract(standin).map((entry) => entry.operationId)).not.toContain('bookAppointment');

		standin.clearLog();
		const confirmed = await runHero(standin, {
			resource: 'appointment',
			operation: 'confirm',
			appointmentId: String(reserved.items[0].json.id),
		});
		expect(confirmed.error).toBeUndefined();
		expect(confirmed.items[0].json).toMatchObject({ id: reserved.items[0].json.id, reserved_until: null });
		expect(confirmed.items[0].json.booking_confirmed_at).toEqual(expect.any(String));
		expect(answeredRequestsKeptContract(standin).map((entry) => `${entry.method} ${entry.path}`)).toEqual([
			`PATCH /v1/appointments/${String(reserved.items[0].json.id)}/book`,
		]);
		expect(await listedByGetMany(slot)).toBe(false);
	});

	it('gives the slot back when the reservation lapses, and then Confirm fails clearly', async () => {
		standin.setConfig({ reservationTtlMs: 300 });
		const slot = freeSlotAfter(standin, 48);
		const reserved = await reserveSlot(slot);
		expect(await listedByGetMany(slot)).toBe(false);

		await sleep(400);
		expect(await listedByGetMany(slot)).toBe(true);
		const confirmed = await runHero(standin, {
			resource: 'appointment',
			operation: 'confirm',
			appointmentId: String(reserved.items[0].json.id),
		});
		expect(confirmed.error?.message).toMatch(/conflict for PATCH \/v1\/appointments\/\d+\/book \(409\)/);
		expect(confirmed.error?.description).toMatch(/reservation .* expired/);
	});

	it('pairs each reservation or confirmation with its item and reports failing items under Continue on Fail', async () => {
		const [first, second] = freeSlots(standin, { type: '3', location: '1' });
		const reserved = await runHero(
			standin,
			{
				resource: 'appointment',
				operation: 'reserve',
				slotSelection: 'slot',
				slotId: '={{ $json.slot }}',
				patientId: byId('1003'),
			},
			{ items: items([{ slot: first.id }, { slot: first.id }, { slot: second.id }]), continueOnFail: true },
		);
		expect(pairing(reserved.items)).toEqual([0, 1, 2]);
		expect(reserved.items[1].json.error).toMatch(/no free slot/); // item 0 holds it now
		expectContractKept(standin);

		const confirmed = await runHero(
			standin,
			{ resource: 'appointment', operation: 'confirm', appointmentId: '={{ $json.id }}' },
			{ items: items([{ id: 'abc' }, { id: reserved.items[2].json.id }]), continueOnFail: true },
		);
		expect(pairing(confirmed.items)).toEqual([0, 1]);
		expect(confirmed.items[0].json.error).toMatch(/^Invalid Appointment ID \[item 0\]/);
		expect(confirmed.items[1].json.booking_confirmed_at).toEqual(expect.any(String));
	});
});

describe('Appointment > Get, Get Status', () => {
	it('gets an appointment (with London start) and its status; an unknown one is a clear 404 error item', async () => {
		const { slot, booked } = await bookedAppointment();

		const got = await runHero(
			standin,
			{ resource: 'appointment', operation: 'get', appointmentId: '={{ $json.id }}' },
			{ items: items([{ id: booked.id }, { id: '424242' }]), continueOnFail: true },
		);
		expect(pairing(got.items)).toEqual([0, 1]);
		expect(got.items[0].json).toMatchObject({ id: booked.id, start_time: slot.start_time, can_be_cancelled: true });
		expect(String(got.items[0].json.start_time_london).slice(0, 19)).toBe(londonWallClock(slot.start_time));
		expect(got.items[1].json.error).toMatch(/Not found: Hero Health has no appointment 424242 \(404\)/);

		const status = await runHero(
			standin,
			{ resource: 'appointment', operation: 'getStatus', appointmentId: '={{ $json.id }}' },
			{ items: items([{ id: '424242' }, { id: booked.id }]), continueOnFail: true },
		);
		expect(pairing(status.items)).toEqual([0, 1]);
		expect(status.items[0].json).toMatchObject({ httpCode: '404' });
		expect(status.items[1].json).toMatchObject({ id: booked.id, status: 'booked' });
		expect(answeredRequestsKeptContract(standin).map((entry) => `${entry.method} ${entry.path}`)).toEqual([
			`GET /v1/appointments/${String(booked.id)}`,
			'GET /v1/appointments/424242',
			'GET /v1/appointments/424242/status',
			`GET /v1/appointments/${String(booked.id)}/status`,
		]);
	});
});

describe('Appointment > Edit', () => {
	it('moves a reservation to another slot (PUT with practitioner, start and duration) and refuses a confirmed one', async () => {
		const [first, second] = freeSlotsAfter(standin, 48);
		const reservation = (await reserveSlot(first)).items[0].json;
		standin.clearLog();

		const edited = await runHero(standin, {
			resource: 'appointment',
			operation: 'edit',
			appointmentId: String(reservation.id),
			slotSelection: 'slot',
			slotId: second.id,
			options: { suppressMail: true },
		});
		expect(edited.error).toBeUndefined();
		expect(edited.items[0].json).toMatchObject({ id: reservation.id, start_time: second.start_time });
		const [, put] = answeredRequestsKeptContract(standin);
		expect(put).toMatchObject({ method: 'PUT', path: `/v1/appointments/${String(reservation.id)}` });
		expect(put.body).toEqual({
			practitioner_id: second.practitioner_id,
			start_time: second.start_time,
			duration: 15,
			suppress_mail: true,
		});
		expectMoved(reservation.id, first, second);

		const confirmed = (await bookSlot(freeSlotAfter(standin, 72))).items[0].json;
		const refused = await moveEachOnto('edit', second, [confirmed.id, reservation.id]);
		expect(pairing(refused.items)).toEqual([0, 1]);
		expect(refused.items[0].json.error).toMatch(/conflict for PUT \/v1\/appointments\/\d+ \(409\)/);
		expect(refused.items[0].json.description).toMatch(/already confirmed/);
		expect(refused.items[1].json).toMatchObject({ id: reservation.id, start_time: second.start_time });
	});
});

describe('Appointment > Reschedule', () => {
	it('moves a confirmed appointment to another time, freeing the old slot', async () => {
		const [first, second] = freeSlotsAfter(standin, 48);
		const booked = (await bookSlot(first)).items[0].json;
		standin.clearLog();

		const moved = await moveEachOnto('reschedule', second, [booked.id, 'x1'], { options: { suppressMail: false } });
		expect(pairing(moved.items)).toEqual([0, 1]);
		expect(moved.items[0].json).toMatchObject({
			id: booked.id,
			start_time: second.start_time,
			previous_start_time: first.start_time,
		});
		expect(moved.items[1].json.error).toMatch(/^Invalid Appointment ID \[item 1\]/);
		const [reschedule] = answeredRequestsKeptContract(standin);
		expect(reschedule).toMatchObject({ method: 'PATCH', path: `/v1/appointments/${String(booked.id)}/reschedule` });
		expect(reschedule.body).toEqual({
			practitioner_id: second.practitioner_id,
			start_time: new Date(second.start_time).toISOString(),
			duration: 15,
			suppress_mail: false,
		});
		expectMoved(booked.id, first, second);
	});
});

describe('Appointment > Cancel', () => {
	it('cancels with the chosen options, returns what Hero answered and frees the slot', async () => {
		const { slot, booked } = await bookedAppointment();

		const cancelled = await runHero(
			standin,
			{
				resource: 'appointment',
				operation: 'cancel',
				appointmentId: '={{ $json.id }}',
				options: { suppressMail: true, suppressCancellationPolicy: true },
			},
			{ items: items([{ id: booked.id }, { id: booked.id }]), continueOnFail: true },
		);
		expect(pairing(cancelled.items)).toEqual([0, 1]);
		expect(cancelled.items[0].json).toMatchObject({ id: booked.id, status: 'cancelled' });
		expect(cancelled.items[1].json.error).toMatch(/conflict .* \(409\)/); // already cancelled
		expect(answeredRequestsKeptContract(standin)[0].body).toEqual({ suppress_mail: true, suppress_cancellation_policy: true });
		expect(slotRecord(slot).appointment_id).toBeNull();
		expect(await listedByGetMany(slot)).toBe(true);
	});

	it('returns {cancelled: true} when Hero answers a cancel with no body', async () => {
		const { booked } = await bookedAppointment();
		standin.failNext({ method: 'PATCH', path: /\/cancel$/, status: 200, body: null, processed: true });

		const cancelled = await runHero(standin, {
			resource: 'appointment',
			operation: 'cancel',
			appointmentId: String(booked.id),
		});
		expect(cancelled.error).toBeUndefined();
		expect(cancelled.items.map((item) => item.json)).toEqual([{ cancelled: true }]);
		expect(standin.log.at(-1)?.rawBody).toBe(''); // no options chosen, so no body
		expect(appointmentRecord(booked.id)).toMatchObject({ status: 'cancelled' });
	});
});
