import type { Standin } from './helpers';
import { byId, items, runHero, setUpTestStandin } from './helpers';
import { answeredRequestsKeptContract, pairing } from './bookingHelpers';

let standin: Standin;
setUpTestStandin((started) => (standin = started));

describe('Appointment Type > Get Many', () => {
	it('lists every appointment type, one item each', async () => {
		const result = await runHero(standin, { resource: 'appointmentType', operation: 'getAll', returnAll: true });
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.id)).toEqual(standin.state.appointmentTypes.map((type) => type.id));
		expect(result.items[0].json).toMatchObject({ name: 'GP Appointment', duration: 15, slot_count: expect.any(Number) });
		expect(answeredRequestsKeptContract(standin).map((entry) => entry.operationId)).toEqual(['listAppointmentTypes']);
	});

	it('filters by several locations and by availability, sending location_ids and has_availability', async () => {
		// Make the branch sites (2, 3) differ from the main surgery: no video consultations (5) there at
		// all, and every blood test (4) there already taken.
		const { slots } = standin.state;
		const atBranches = (slot: { location_id: string }) => ['2', '3'].includes(slot.location_id);
		for (let i = slots.length - 1; i >= 0; i--) {
			if (slots[i].appointment_type_id === '5' && atBranches(slots[i])) slots.splice(i, 1);
		}
		for (const slot of slots) if (slot.appointment_type_id === '4' && atBranches(slot)) slot.appointment_id = 'taken';
		const branches = { location: [{ locationId: byId('2') }, { locationId: byId('3') }] };

		const available = await runHero(standin, {
			resource: 'appointmentType',
			operation: 'getAll',
			returnAll: true,
			filters: { hasAvailability: true, locations: branches },
		});
		expect(available.error).toBeUndefined();
		expect(available.items.map((item) => item.json.id)).toEqual(['1', '2', '3']);

		const unavailable = await runHero(standin, {
			resource: 'appointmentType',
			operation: 'getAll',
			returnAll: true,
			filters: { hasAvailability: false, locations: branches },
		});
		expect(unavailable.items.map((item) => item.json)).toEqual([expect.objectContaining({ id: '4', slot_count: 0 })]);

		const [first, second] = answeredRequestsKeptContract(standin);
		expect(first.query).toMatchObject({ location_ids: ['2', '3'], has_availability: 'true' });
		expect(second.query).toMatchObject({ location_ids: ['2', '3'], has_availability: 'false' });
	});

	it('honours Limit', async () => {
		const result = await runHero(standin, { resource: 'appointmentType', operation: 'getAll', limit: 2 });
		expect(result.items.map((item) => item.json.id)).toEqual(['1', '2']);
	});

	it('pairs each item’s types with it and reports a bad location under Continue on Fail', async () => {
		const result = await runHero(
			standin,
			{
				resource: 'appointmentType',
				operation: 'getAll',
				limit: 2,
				filters: { locations: { location: [{ locationId: byId('={{ $json.location }}') }] } },
			},
			{ items: items([{ location: 'Riverside' }, { location: '1' }]), continueOnFail: true },
		);
		expect(pairing(result.items)).toEqual([0, 1, 1]);
		expect(result.items[0].json.error).toMatch(/^Invalid Location \[item 0\]: "Riverside" is not a numeric ID/);
		expect(answeredRequestsKeptContract(standin)).toHaveLength(1);
	});
});

describe('Location > Get Many', () => {
	it('lists the locations, honours Limit, and pairs output with input items', async () => {
		const all = await runHero(standin, { resource: 'location', operation: 'getAll', returnAll: true });
		expect(all.error).toBeUndefined();
		expect(all.items.map((item) => item.json.name)).toEqual([
			'Main Surgery',
			'Riverside Branch Surgery',
			'PCN Extended Access Hub',
		]);

		const limited = await runHero(standin, { resource: 'location', operation: 'getAll', limit: 2 }, { items: items(2) });
		expect(pairing(limited.items)).toEqual([0, 0, 1, 1]);
		const requests = answeredRequestsKeptContract(standin).filter((entry) => entry.operationId === 'listLocations');
		expect(requests.at(-1)?.query).toMatchObject({ page_index: '0', page_size: '2' });
	});

	it('reports a Hero failure as an error item under Continue on Fail', async () => {
		standin.failNext({ method: 'GET', path: '/v1/locations', status: 401, body: { message: 'Invalid API key' } });
		const result = await runHero(
			standin,
			{ resource: 'location', operation: 'getAll', limit: 1 },
			{ items: items(2), continueOnFail: true },
		);
		expect(pairing(result.items)).toEqual([0, 1]);
		expect(result.items[0].json).toMatchObject({ httpCode: '401' });
		expect(result.items[1].json.name).toBe('Main Surgery');
	});
});
