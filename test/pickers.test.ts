import type { INodeParameters } from 'n8n-workflow';

import { HeroHealthApi } from '../credentials/HeroHealthApi.credentials';
import { HeroHealth } from '../nodes/HeroHealth/HeroHealth.node';
import { runListSearch } from './harness/loadOptions';
import type { Standin } from './helpers';
import { byId, fromList, standinCredentials, setUpTestStandin } from './helpers';
import { answeredRequestsKeptContract, expectContractKept, practitionersWithSlots } from './bookingHelpers';

let standin: Standin;
setUpTestStandin((started) => (standin = started));

function search(method: string, filter?: string, paginationToken?: string, parameters?: INodeParameters) {
	return runListSearch({
		nodeType: new HeroHealth(),
		method,
		filter,
		paginationToken,
		credentials: { heroHealthApi: standinCredentials(standin) },
		credentialTypes: [new HeroHealthApi()],
		parameters,
	});
}

// A slot search, where the appointment type, location and practitioner pickers sit together.
const slotSearch = (chosen: INodeParameters): INodeParameters => ({ resource: 'slot', operation: 'getAll', ...chosen });

describe('the node’s pickers', () => {
	const node = new HeroHealth();

	/** Every parameter definition in the node, collections and fixed collections included. */
	function allParameters(): Array<{
		name: string;
		type?: string;
		typeOptions?: unknown;
		modes?: Array<{ typeOptions?: { searchListMethod?: string } }>;
	}> {
		const found: ReturnType<typeof allParameters> = [];
		const walk = (list: unknown) => {
			for (const entry of (list as Array<Record<string, unknown>>) ?? []) {
				if (typeof entry.name === 'string' && 'type' in entry) found.push(entry as never);
				if (Array.isArray(entry.options)) walk(entry.options);
				if (Array.isArray(entry.values)) walk(entry.values);
			}
		};
		walk(node.description.properties);
		return found;
	}

	it('use a picker for every appointment type, location, practitioner and patient ID parameter', () => {
		const idParameters = allParameters().filter((parameter) =>
			['appointmentTypeId', 'locationId', 'practitionerId', 'patientId'].includes(parameter.name),
		);
		expect(idParameters.length).toBeGreaterThan(20);
		for (const parameter of idParameters) {
			expect({ name: parameter.name, type: parameter.type }).toEqual({ name: parameter.name, type: 'resourceLocator' });
		}
	});

	it('search with list methods the node has', () => {
		const used = new Set(
			allParameters().flatMap((parameter) =>
				(parameter.modes ?? []).map((mode) => mode.typeOptions?.searchListMethod).filter(Boolean),
			),
		);
		const methods = Object.keys(node.methods.listSearch);
		expect([...used].sort()).toEqual(methods.sort());
		expect(methods).toEqual(
			expect.arrayContaining(['searchAppointmentTypes', 'searchLocations', 'searchPatients', 'searchPractitioners']),
		);
	});
});

describe('Appointment Type picker', () => {
	it('lists every appointment type with its length, and narrows to names matching the search', async () => {
		const all = await search('searchAppointmentTypes');
		expect(all.results).toEqual(
			standin.state.appointmentTypes.map((type) => ({ name: `${type.name} (${type.duration} min)`, value: type.id })),
		);
		expect(all.paginationToken).toBeUndefined();

		const gp = await search('searchAppointmentTypes', 'gp ');
		expect(gp.results.map((result) => result.value)).toEqual(['1', '2', '5']);
		const requests = answeredRequestsKeptContract(standin);
		expect(requests.map((entry) => entry.path)).toEqual(['/v1/appointment_types', '/v1/appointment_types']);
		expect(requests[0].headers['x-api-key']).toBe(standin.keys.full.apiKey);
	});
});

describe('Location picker', () => {
	it('lists every location and narrows to names matching the search', async () => {
		const all = await search('searchLocations');
		expect(all.results).toEqual([
			{ name: 'Main Surgery', value: '1' },
			{ name: 'Riverside Branch Surgery', value: '2' },
			{ name: 'PCN Extended Access Hub', value: '3' },
		]);
		expect((await search('searchLocations', 'SURGERY')).results.map((result) => result.value)).toEqual(['1', '2']);
		expect((await search('searchLocations', 'Nowhere')).results).toEqual([]);
		expect(answeredRequestsKeptContract(standin).every((entry) => entry.path === '/v1/locations')).toBe(true);
	});

	it('offers only the locations with the appointment type chosen above', async () => {
		// Video consultations (5) only at the main surgery (1); GP appointments (1) stay at every site.
		const { slots } = standin.state;
		for (let i = slots.length - 1; i >= 0; i--)
			if (slots[i].appointment_type_id === '5' && slots[i].location_id !== '1') slots.splice(i, 1);

		const video = await search('searchLocations', undefined, undefined, slotSearch({ appointmentTypeId: fromList('5') }));
		expect(video.results).toEqual([{ name: 'Main Surgery', value: '1' }]);
		const gp = await search('searchLocations', undefined, undefined, slotSearch({ appointmentTypeId: fromList('1') }));
		expect(gp.results.map((result) => result.value)).toEqual(['1', '2', '3']);
		expect(answeredRequestsKeptContract(standin).map((entry) => entry.query.appointment_type_ids)).toEqual(['5', '1']);
	});
});

describe('Practitioner picker', () => {
	it('lists the bookable clinicians (not other admins) with their role, and searches by name', async () => {
		const all = await search('searchPractitioners');
		expect(all.results).toEqual([
			{ name: 'Anna Okafor (GP)', value: '11' },
			{ name: 'Ben Lindqvist (GP)', value: '12' },
			{ name: 'Chloe Mensah (GP)', value: '13' },
			{ name: 'Dylan Price (Nurse)', value: '14' },
			{ name: 'Erin Shah (Nurse)', value: '15' },
		]);
		expect((await search('searchPractitioners', 'mensah')).results).toEqual([{ name: 'Chloe Mensah (GP)', value: '13' }]);
		expect(answeredRequestsKeptContract(standin).map((entry) => [entry.path, entry.query.page_index])).toEqual([
			['/v1/practitioners', '0'],
			['/v1/practitioners', '0'],
		]);
	});

	it('offers only those at the location and for the appointment type chosen above', async () => {
		for (const [location, type] of [
			['1', '1'],
			['2', '3'],
			['3', '4'],
		]) {
			const offered = await search(
				'searchPractitioners',
				undefined,
				undefined,
				slotSearch({ appointmentTypeId: fromList(type), locationId: byId(location) }),
			);
			expect({ location, type, offered: offered.results.map((result) => result.value).sort() }).toEqual({
				location,
				type,
				offered: practitionersWithSlots(standin, { locations: [location], types: [type] }),
			});
		}
		// An expression, or a picker left empty, narrows nothing.
		const unfiltered = await search(
			'searchPractitioners',
			undefined,
			undefined,
			slotSearch({ locationId: fromList('={{ $json.location }}') }),
		);
		expect(unfiltered.results).toHaveLength(5);
		const queries = answeredRequestsKeptContract(standin).map((entry) => entry.query);
		expect(queries.slice(0, 3)).toEqual([
			expect.objectContaining({ location_ids: '1', appointment_type_ids: '1' }),
			expect.objectContaining({ location_ids: '2', appointment_type_ids: '3' }),
			expect.objectContaining({ location_ids: '3', appointment_type_ids: '4' }),
		]);
		expect(queries[3]).not.toHaveProperty('location_ids');
	});

	it('pages through Hero, and a search keeps reading pages until something matches', async () => {
		const locum = (id: number, first: string, last: string) => ({
			id: String(id),
			first_name: first,
			last_name: last,
			email: `${first.toLowerCase()}@example.com`,
			role: 'GP',
			locations: {},
			external_prescriber_id: null,
		});
		for (let n = 0; n < 60; n++) standin.state.admins.push(locum(300 + n, `Locum${String(n).padStart(2, '0')}`, 'Cover'));
		standin.state.admins.push(locum(399, 'Zara', 'Zephyr'));
		const bookable = standin.state.admins.filter((admin) => ['GP', 'Nurse'].includes(String(admin.role)));

		const first = await search('searchPractitioners');
		expect(first.results).toHaveLength(50);
		expect(first.paginationToken).toBe('1');
		const second = await search('searchPractitioners', undefined, first.paginationToken);
		expect(second.paginationToken).toBeUndefined();
		const values = [...first.results, ...second.results].map((result) => result.value);
		expect(new Set(values).size).toBe(bookable.length);

		standin.clearLog();
		const zara = await search('searchPractitioners', 'zephyr');
		expect(zara.results).toEqual([{ name: 'Zara Zephyr (GP)', value: '399' }]);
		expect(answeredRequestsKeptContract(standin).map((entry) => entry.query.page_index)).toEqual(['0', '1']);
	});
});

describe('Patient picker', () => {
	it('lists patients and searches them by surname or NHS number', async () => {
		const all = await search('searchPatients');
		expect(all.results.length).toBeGreaterThan(20);
		expect(all.results.every((result) => /^\d+$/.test(String(result.value)))).toBe(true);

		const patel = await search('searchPatients', 'Patel');
		expect(patel.results.map((result) => result.value)).toEqual(
			standin.state.patients.filter((patient) => patient.last_name === 'Patel').map((patient) => patient.id),
		);
		const byNhs = await search('searchPatients', '943 476 5919');
		expect(byNhs.results.map((result) => result.value)).toEqual(['1001']);
		expectContractKept(standin);
	});
});
