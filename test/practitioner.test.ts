// Practitioner > Get Many and Get: the bookable clinicians from GET /v1/practitioners, whose IDs are
// booking's practitioner_id, over real HTTP to the stand-in.
import type { Standin } from './helpers';
import { byId, items, runHero, setUpTestStandin } from './helpers';
import { answeredRequestsKeptContract, pairing, practitionersWithSlots } from './bookingHelpers';

let standin: Standin;
setUpTestStandin((started) => (standin = started));

describe('Practitioner > Get Many', () => {
	it('lists every bookable clinician, one item each, and no other admin', async () => {
		const result = await runHero(standin, { resource: 'practitioner', operation: 'getAll', returnAll: true });
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => [item.json.id, item.json.type])).toEqual([
			['11', 'GP'],
			['12', 'GP'],
			['13', 'GP'],
			['14', 'Nurse'],
			['15', 'Nurse'],
		]);
		expect(answeredRequestsKeptContract(standin).map((entry) => [entry.operationId, entry.query])).toEqual([
			['listPractitioners', { page_index: '0', page_size: '100' }],
		]);
	});

	it('filters by locations, appointment types and availability, sending Hero’s own query names', async () => {
		const result = await runHero(standin, {
			resource: 'practitioner',
			operation: 'getAll',
			returnAll: true,
			filters: {
				locations: { location: [{ locationId: byId('2') }, { locationId: byId('3') }] },
				appointmentTypes: { appointmentType: [{ appointmentTypeId: byId('3') }] },
				hasAvailability: true,
			},
		});
		expect(result.error).toBeUndefined();
		const expected = practitionersWithSlots(standin, { locations: ['2', '3'], types: ['3'], free: true });
		expect(expected.length).toBeGreaterThan(0);
		expect(result.items.map((item) => item.json.id).sort()).toEqual(expected);
		expect(answeredRequestsKeptContract(standin)[0].query).toMatchObject({
			location_ids: ['2', '3'],
			appointment_type_ids: '3',
			has_availability: 'true',
		});
	});

	it('honours Limit', async () => {
		const result = await runHero(standin, { resource: 'practitioner', operation: 'getAll', limit: 2 });
		expect(result.items.map((item) => item.json.id)).toEqual(['11', '12']);
	});
});

describe('Practitioner > Get', () => {
	it('gets each item’s practitioner, paired to it, and reports an unknown or non-numeric one under Continue on Fail', async () => {
		const result = await runHero(
			standin,
			{ resource: 'practitioner', operation: 'get', practitionerId: byId('={{ $json.id }}') },
			{ items: items([{ id: '13' }, { id: '21' }, { id: 'Dr Mensah' }]), continueOnFail: true },
		);
		expect(pairing(result.items)).toEqual([0, 1, 2]);
		expect(result.items[0].json).toMatchObject({ id: '13', first_name: 'Chloe', last_name: 'Mensah', type: 'GP' });
		// 21 is a receptionist: an admin, but not a practitioner Hero can book.
		expect(result.items[1].json.error).toMatch(/Not found: Hero Health has no practitioner 21 \(404\) \[item 1\]/);
		expect(result.items[2].json.error).toMatch(/^Invalid Practitioner \[item 2\]: "Dr Mensah" is not a numeric ID/);
		expect(answeredRequestsKeptContract(standin).map((entry) => entry.path)).toEqual([
			'/v1/practitioners/13',
			'/v1/practitioners/21',
		]);
	});
});
