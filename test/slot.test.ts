import type { INodeParameters } from 'n8n-workflow';

import type { RunHeroOptions, Standin } from './helpers';
import { byId, items, runHero, setUpTestStandin } from './helpers';
import {
	addSlot,
	answeredRequestsKeptContract,
	expectContractKept,
	freeSlots,
	londonWallClock,
	nextSummerDay,
	pairing,
} from './bookingHelpers';
import { londonDate } from './standin/helpers';

let standin: Standin;
setUpTestStandin((started) => (standin = started));

const gpAtMainSurgery = { appointmentTypeId: byId('1'), locationId: byId('1') };

/** Slot > Get Many with the given search and paging. */
function getMany(parameters: INodeParameters, options?: RunHeroOptions) {
	return runHero(standin, { resource: 'slot', operation: 'getAll', ...parameters }, options);
}

describe('Slot > Get Many', () => {
	it('with Return All pages through Hero and outputs every free slot exactly once, in UTC plus London time', async () => {
		const expected = freeSlots(standin, { type: '1', location: '1' });
		expect(expected.length).toBeGreaterThan(200); // so Return All needs several pages of 100

		const result = await getMany({ ...gpAtMainSurgery, fromDate: londonDate(0), toDate: londonDate(28), returnAll: true });

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.id)).toEqual(expected.map((slot) => slot.id));
		expect(new Set(result.items.map((item) => item.json.id)).size).toBe(expected.length);
		expect(pairing(result.items).every((index) => index === 0)).toBe(true);

		const pages = answeredRequestsKeptContract(standin).filter((entry) => entry.operationId === 'listSlots');
		expect(pages.length).toBeGreaterThanOrEqual(3);
		expect(pages.map((entry) => entry.query.page_index)).toEqual(pages.map((_, index) => String(index)));
		expect(pages[0].query).toMatchObject({
			appointment_type_id: '1',
			location_id: '1',
			start_date: londonDate(0),
			end_date: londonDate(28),
		});

		for (const { json } of result.items) {
			const original = expected.find((slot) => slot.id === json.id)!;
			expect(json.start_time).toBe(original.start_time); // kept in UTC, untouched
			const london = String(json.start_time_london);
			expect(london).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
			expect(Date.parse(london)).toBe(Date.parse(original.start_time));
			expect(london.slice(0, 19)).toBe(londonWallClock(original.start_time));
		}
	});

	it('gives start_time_london the summer-time offset for a slot in British Summer Time', async () => {
		const summer = nextSummerDay();
		addSlot(standin, { id: '990001', start_time: `${summer}T08:30:00Z`, finish_time: `${summer}T08:45:00Z` });
		const result = await getMany({
			...gpAtMainSurgery,
			fromDate: `${summer}T00:00:00`,
			toDate: `${summer}T00:00:00`,
			returnAll: true,
		});
		expect(result.error).toBeUndefined();
		expect(answeredRequestsKeptContract(standin)[0].query).toMatchObject({ start_date: summer, end_date: summer });
		expect(result.items.map((item) => item.json)).toEqual([
			expect.objectContaining({
				id: '990001',
				start_time: `${summer}T08:30:00Z`,
				start_time_london: `${summer}T09:30:00+01:00`,
			}),
		]);
	});

	it('with Limit returns exactly that many, the earliest first', async () => {
		const expected = freeSlots(standin, { type: '1', location: '1' }).slice(0, 7);
		const result = await getMany({
			...gpAtMainSurgery,
			fromDate: londonDate(0),
			toDate: londonDate(28),
			returnAll: false,
			limit: 7,
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.id)).toEqual(expected.map((slot) => slot.id));
	});

	it('searches from today to 14 days ahead (London dates) when no dates are given', async () => {
		const result = await getMany({ ...gpAtMainSurgery, limit: 5 });
		expect(result.error).toBeUndefined();
		const [request] = answeredRequestsKeptContract(standin);
		expect(request.query).toMatchObject({ start_date: londonDate(0), end_date: londonDate(14) });
		expect(request.query.practitioner_id).toBeUndefined();
	});

	it('filters by practitioner when one is given', async () => {
		const expected = freeSlots(standin, { type: '1', location: '1', practitioner: '12' });
		const result = await getMany({
			...gpAtMainSurgery,
			practitionerId: byId('12'),
			fromDate: londonDate(0),
			toDate: londonDate(28),
			returnAll: true,
		});
		expect(result.error).toBeUndefined();
		expect(result.items.length).toBe(expected.length);
		expect(result.items.every((item) => item.json.practitioner_id === '12')).toBe(true);
		expect(answeredRequestsKeptContract(standin)[0].query.practitioner_id).toBe('12');
	});

	it('refuses a non-numeric ID or a backwards date range before sending anything', async () => {
		const badType = await getMany({
			appointmentTypeId: byId('={{ "GP" }}'), // an expression: the editor's own regex check cannot see it
			locationId: byId('1'),
		});
		expect(badType.error?.message).toMatch(/Invalid Appointment Type \[item 0\]: "GP" is not a numeric ID/);

		const backwards = await getMany({ ...gpAtMainSurgery, fromDate: londonDate(5), toDate: londonDate(2) });
		expect(backwards.error?.message).toMatch(/Invalid To Date \[item 0\]: .* is before From Date/);
		expect(standin.log).toHaveLength(0);
	});

	it('gives each input item its own slots, paired to it, and an error item for a failing one under Continue on Fail', async () => {
		const result = await getMany(
			{ appointmentTypeId: byId('={{ $json.type }}'), locationId: byId('1'), limit: 3 },
			{ items: items([{ type: '1' }, { type: 'nurse' }, { type: '3' }]), continueOnFail: true },
		);
		expect(result.error).toBeUndefined();
		expect(pairing(result.items)).toEqual([0, 0, 0, 1, 2, 2, 2]);
		expect(result.items.slice(0, 3).every((item) => item.json.appointment_type_id === '1')).toBe(true);
		expect(result.items[3].json.error).toMatch(/Invalid Appointment Type \[item 1\]/);
		expect(result.items.slice(4).every((item) => item.json.appointment_type_id === '3')).toBe(true);
	});
});

describe('Slot > Count', () => {
	it('counts the free slots Hero has for the search, sending the same query as Get Many', async () => {
		const expected = freeSlots(standin, { type: '3', location: '1', practitioner: '14' });
		const result = await runHero(standin, {
			resource: 'slot',
			operation: 'count',
			appointmentTypeId: byId('3'),
			locationId: byId('1'),
			practitionerId: byId('14'),
			fromDate: londonDate(0),
			toDate: londonDate(28),
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json)).toEqual([{ count: expected.length }]);
		const [request] = answeredRequestsKeptContract(standin);
		expect(request).toMatchObject({ operationId: 'countSlots' });
		expect(request.query).toMatchObject({ appointment_type_id: '3', location_id: '1', practitioner_id: '14' });
	});

	it('pairs one count per input item and reports a failing item under Continue on Fail', async () => {
		const result = await runHero(
			standin,
			{ resource: 'slot', operation: 'count', appointmentTypeId: byId('={{ $json.type }}'), locationId: byId('1') },
			{ items: items([{ type: 'x' }, { type: '1' }]), continueOnFail: true },
		);
		expect(pairing(result.items)).toEqual([0, 1]);
		expect(result.items[0].json.error).toMatch(/Invalid Appointment Type \[item 0\]/);
		expect(typeof result.items[1].json.count).toBe('number');
	});
});

describe('Slot > Get', () => {
	it('gets one free slot with its London start time, and fails clearly once the slot is taken', async () => {
		const [slot] = freeSlots(standin, { type: '1', location: '1' });
		const found = await runHero(standin, { resource: 'slot', operation: 'get', slotId: slot.id });
		expect(found.error).toBeUndefined();
		expect(found.items[0].json).toMatchObject({ id: slot.id, start_time: slot.start_time });
		expect(String(found.items[0].json.start_time_london).slice(0, 19)).toBe(londonWallClock(slot.start_time));
		expect(answeredRequestsKeptContract(standin).map((entry) => `${entry.method} ${entry.path}`)).toEqual([
			`GET /v1/slots/${slot.id}`,
		]);

		standin.state.slots.find((s) => s.id === slot.id)!.appointment_id = '999999';
		const taken = await runHero(standin, { resource: 'slot', operation: 'get', slotId: slot.id });
		expect(taken.error?.message).toMatch(new RegExp(`no free slot ${slot.id} \\(404\\)`));
	});

	it('pairs each slot with its input item and turns an unknown slot into an error item under Continue on Fail', async () => {
		const [first] = freeSlots(standin, { type: '3', location: '1' });
		const result = await runHero(
			standin,
			{ resource: 'slot', operation: 'get', slotId: '={{ $json.slot }}' },
			{ items: items([{ slot: first.id }, { slot: '1' }]), continueOnFail: true },
		);
		expect(pairing(result.items)).toEqual([0, 1]);
		expect(result.items[0].json.id).toBe(first.id);
		expect(result.items[1].json).toMatchObject({ httpCode: '404' });
		expectContractKept(standin);
	});
});
