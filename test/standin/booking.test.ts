import type { Standin } from '../../standin';
import { client, londonDate, reservationBody, setUpStandin, sleep } from './helpers';
import type { Call, HeroError, Page, SlotAnswer } from './helpers';

/** An appointment as Hero answers for it: the fields the tests read. */
interface AppointmentAnswer {
	id: string;
	reserved_until: string | null;
	booking_confirmed_at?: string | null;
}

describe('stand-in: slots and the reservation lifecycle', () => {
	let s: Standin;
	let api: Call;
	setUpStandin((started) => (s = started), { rateLimitPerMinute: 0 });
	beforeAll(() => (api = client(s)));
	beforeEach(() => s.setConfig({ reservationTtlMs: 5 * 60 * 1000 }));

	async function firstFreeSlot(query = 'appointment_type_id=1&location_id=1') {
		const res = await api<Page<SlotAnswer>>('GET', `/v1/slots?${query}&page_size=1`);
		expect(res.status).toBe(200);
		return res.body.data[0];
	}

	function reserve(slot: SlotAnswer, extra: Record<string, unknown> = {}) {
		return api<AppointmentAnswer>('POST', '/v1/appointments', { ...reservationBody(slot, '1001'), ...extra });
	}

	async function slotIsListed(slot: SlotAnswer) {
		const q = `appointment_type_id=${slot.appointment_type_id}&location_id=${slot.location_id}&practitioner_id=${slot.practitioner_id}&start_date=${encodeURIComponent(slot.start_time)}&end_date=${encodeURIComponent(slot.start_time)}`;
		const list = await api<Page<SlotAnswer>>('GET', `/v1/slots?${q}`);
		const count = await api<{ count: number }>('GET', `/v1/slots/count?${q}`);
		const listed = list.body.data.some((x) => x.id === slot.id);
		expect(count.body.count).toBe(listed ? 1 : 0);
		return listed;
	}

	it('pages through one type + location over 14 days, covering every slot exactly once', async () => {
		const q = `appointment_type_id=1&location_id=1&start_date=${londonDate(0)}&end_date=${londonDate(14)}`;
		const { body: counted } = await api<{ count: number }>('GET', `/v1/slots/count?${q}`);
		expect(counted.count).toBeGreaterThan(100);
		const seen: string[] = [];
		let pages = 0;
		for (let page = 0; ; page++) {
			const res = await api<Page<SlotAnswer>>('GET', `/v1/slots?${q}&page_index=${page}&page_size=50`);
			expect(res.status).toBe(200);
			expect(res.body.count).toBe(counted.count);
			if (!res.body.data.length) break;
			pages++;
			for (const slot of res.body.data) {
				expect(slot).toMatchObject({ appointment_type_id: '1', location_id: '1' });
				seen.push(slot.id);
			}
		}
		expect(pages).toBeGreaterThanOrEqual(3);
		expect(seen).toHaveLength(counted.count);
		expect(new Set(seen).size).toBe(seen.length);
		// default page size is 50
		expect((await api<Page<SlotAnswer>>('GET', `/v1/slots?${q}`)).body.data).toHaveLength(50);
	});

	it('reserve -> slot gone -> cancel -> slot back', async () => {
		const slot = await firstFreeSlot();
		const res = await reserve(slot);
		expect(res.status).toBe(200);
		expect(res.body).toEqual({ id: expect.stringMatching(/^\d+$/), reserved_until: expect.any(String) });
		expect(Date.parse(res.body.reserved_until!) - Date.now()).toBeGreaterThan(4 * 60 * 1000);
		expect(await slotIsListed(slot)).toBe(false);
		expect((await api('GET', `/v1/slots/${slot.id}`)).status).toBe(404);
		expect((await api<{ status: string }>('GET', `/v1/appointments/${res.body.id}/status`)).body.status).toBe('reserved');

		const cancel = await api('PATCH', `/v1/appointments/${res.body.id}/cancel`, { suppress_mail: true });
		expect(cancel.status).toBe(200);
		// the record keeps that the cancellation was made with mail suppressed
		expect((await api<{ suppress_mail: boolean }>('GET', `/v1/appointments/${res.body.id}`)).body.suppress_mail).toBe(true);
		expect(await slotIsListed(slot)).toBe(true);
		expect((await api('GET', `/v1/slots/${slot.id}`)).status).toBe(200);
		const book = await api<HeroError>('PATCH', `/v1/appointments/${res.body.id}/book`, {});
		expect(book.status).toBe(409);
		expect(book.body.error).toBe('appointment_cancelled');
	});

	it('releases a reservation that was not confirmed in time', async () => {
		s.setConfig({ reservationTtlMs: 150 });
		const slot = await firstFreeSlot();
		const res = await reserve(slot);
		expect(await slotIsListed(slot)).toBe(false);
		await sleep(250);
		expect(await slotIsListed(slot)).toBe(true);
		const status = await api<{ status: string }>('GET', `/v1/appointments/${res.body.id}/status`);
		expect(status.body.status).toBe('expired');
		const book = await api<HeroError>('PATCH', `/v1/appointments/${res.body.id}/book`, {});
		expect(book.status).toBe(409);
		expect(book.body).toMatchObject({ error: 'reservation_expired', statusCode: 409 });
		expect(book.body.message).toMatch(/expired/);
		// and someone else can now take it
		expect((await reserve(slot, { patient_id: '1002' })).status).toBe(200);
	});

	it('lets exactly one of two concurrent reservations of one slot win', async () => {
		const slot = await firstFreeSlot();
		const results = await Promise.all([
			reserve(slot),
			reserve(slot, { patient_id: '1002' }),
			reserve(slot, { patient_id: '1003' }),
		]);
		const statuses = results.map((r) => r.status).sort();
		expect(statuses).toEqual([200, 409, 409]);
		const loser = results.find((r) => r.status === 409)!;
		expect(loser.body).toMatchObject({ error: 'slot_unavailable', statusCode: 409 });
		expect(s.state.appointments.filter((a) => a.slot_id === slot.id)).toHaveLength(1);
	});

	it('confirms a reservation for good, then reschedules and cancels it', async () => {
		const slot = await firstFreeSlot('appointment_type_id=1&location_id=1&start_date=' + londonDate(7));
		const { body: reservation } = await reserve(slot);
		const booked = await api<AppointmentAnswer>('PATCH', `/v1/appointments/${reservation.id}/book`, {});
		expect(booked.status).toBe(200);
		expect(booked.body).toMatchObject({ id: reservation.id, reserved_until: null, can_be_cancelled: true });
		expect(Date.parse(booked.body.booking_confirmed_at!)).toBeGreaterThan(0);
		expect(await slotIsListed(slot)).toBe(false);
		expect((await api('PATCH', `/v1/appointments/${reservation.id}/book`, {})).status).toBe(409);
		// confirmed appointments cannot be edited, only rescheduled
		const edit = await api('PUT', `/v1/appointments/${reservation.id}`, {
			start_time: slot.start_time,
			duration: 15,
			practitioner_id: slot.practitioner_id,
		});
		expect(edit.status).toBe(409);

		const other = (
			await api<Page<SlotAnswer>>('GET', `/v1/slots?appointment_type_id=1&location_id=1&start_date=${londonDate(9)}&page_size=1`)
		).body.data[0];
		const moved = await api('PATCH', `/v1/appointments/${reservation.id}/reschedule`, {
			start_time: other.start_time,
			practitioner_id: other.practitioner_id,
		});
		expect(moved.status).toBe(200);
		expect(moved.body).toMatchObject({ start_time: other.start_time, previous_start_time: slot.start_time });
		expect(await slotIsListed(slot)).toBe(true);
		expect(await slotIsListed(other)).toBe(false);

		const cancel = await api('PATCH', `/v1/appointments/${reservation.id}/cancel`, {});
		expect(cancel.status).toBe(200);
		expect(await slotIsListed(other)).toBe(true);
	});

	it('edits a reservation onto another free slot and refuses taken or unknown ones', async () => {
		const [a, b] = (await api<Page<SlotAnswer>>('GET', '/v1/slots?appointment_type_id=3&location_id=1&page_size=2')).body.data;
		const { body: r1 } = await reserve(a, { duration: 15 });
		const taken = await reserve(b);
		expect(taken.status).toBe(200);
		const clash = await api('PUT', `/v1/appointments/${r1.id}`, {
			start_time: b.start_time,
			duration: 15,
			practitioner_id: b.practitioner_id,
		});
		expect(clash.status).toBe(409);
		const gp11AtMainSurgery = { appointment_type_id: '1', location_id: '1', practitioner_id: '11', duration: 15 };
		const missing = await api('POST', '/v1/appointments', { ...gp11AtMainSurgery, start_time: '2001-01-01T03:00:00Z' });
		expect(missing.status).toBe(404);
		const unknownType = await api('POST', '/v1/appointments', {
			...gp11AtMainSurgery,
			appointment_type_id: '99',
			start_time: a.start_time,
		});
		expect(unknownType.status).toBe(404);
	});
});
