import { HeroHealthApi } from '../credentials/HeroHealthApi.credentials';
import { HeroHealth } from '../nodes/HeroHealth/HeroHealth.node';
import { runListSearch } from './harness/loadOptions';
import type { Standin } from './helpers';
import { standinCredentials, setUpTestStandin } from './helpers';
import { contractRequests } from './bookingHelpers';

let standin: Standin;
setUpTestStandin((started) => (standin = started));

function search(method: string, filter?: string, paginationToken?: string) {
	return runListSearch({
		nodeType: new HeroHealth(),
		method,
		filter,
		paginationToken,
		credentials: { heroHealthApi: standinCredentials(standin) },
		credentialTypes: [new HeroHealthApi()],
	});
}

describe('the node’s pickers', () => {
	const node = new HeroHealth();

	/** Every parameter definition in the node, collections and fixed collections included. */
	function allParameters(): Array<{ name: string; type?: string; typeOptions?: unknown; modes?: Array<{ typeOptions?: { searchListMethod?: string } }> }> {
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
		const requests = contractRequests(standin);
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
		expect(contractRequests(standin).every((entry) => entry.path === '/v1/locations')).toBe(true);
	});
});

describe('Practitioner picker', () => {
	it('lists admins by first name with their email, and searches by name', async () => {
		const all = await search('searchPractitioners');
		expect(all.results[0]).toEqual({ name: 'Anna Okafor (anna.okafor@example.com)', value: '11' });
		expect(all.results).toHaveLength(standin.state.admins.length);
		expect((await search('searchPractitioners', 'mensah')).results).toEqual([
			{ name: 'Chloe Mensah (chloe.mensah@example.com)', value: '13' },
		]);
		expect(contractRequests(standin)[0].query).toMatchObject({ order_by: 'first_name', page_index: '0' });
	});

	it('pages through Hero, and a search keeps reading pages until something matches', async () => {
		for (let n = 0; n < 60; n++) {
			standin.state.admins.push({ id: String(300 + n), first_name: `Locum${String(n).padStart(2, '0')}`, last_name: 'Cover', email: `locum${n}@example.com`, external_prescriber_id: null });
		}
		standin.state.admins.push({ id: '399', first_name: 'Zara', last_name: 'Zephyr', email: 'zara@example.com', external_prescriber_id: null });

		const first = await search('searchPractitioners');
		expect(first.results).toHaveLength(50);
		expect(first.paginationToken).toBe('1');
		const second = await search('searchPractitioners', undefined, first.paginationToken);
		expect(second.paginationToken).toBeUndefined();
		const values = [...first.results, ...second.results].map((result) => result.value);
		expect(new Set(values).size).toBe(standin.state.admins.length);

		standin.clearLog();
		const zara = await search('searchPractitioners', 'zephyr');
		expect(zara.results).toEqual([{ name: 'Zara Zephyr (zara@example.com)', value: '399' }]);
		expect(contractRequests(standin).map((entry) => entry.query.page_index)).toEqual(['0', '1']);
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
		contractRequests(standin);
	});
});
