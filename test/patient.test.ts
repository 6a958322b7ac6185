import type { INodeParameters } from 'n8n-workflow';

import { HeroHealthApi } from '../credentials/HeroHealthApi.credentials';
import { HeroHealth } from '../nodes/HeroHealth/HeroHealth.node';
import { runListSearch } from './harness/loadOptions';
import type { Standin } from './helpers';
import { byId, items, answeredRequestsTo, runHero, sentBody, setUpTestStandin, standinCredentials } from './helpers';

let standin: Standin;

const SIMPLE_KEYS = [
	'data_source',
	'dob',
	'email',
	'ehr_partner_id',
	'first_name',
	'id',
	'last_name',
	'mobile',
	'nhs_number',
	'postcode',
	'status',
].sort();

setUpTestStandin((started) => (standin = started));

const patient = (operation: string, parameters: INodeParameters = {}): INodeParameters => ({
	resource: 'patient',
	operation,
	...parameters,
});

describe('Patient: Register From PDS', () => {
	const byNhsNumber = patient('registerFromPds', {
		findBy: 'nhsNumber',
		nhsNumber: '={{ $json.nhs }}',
		dateOfBirth: '={{ $json.dob }}',
	});

	it('registers by NHS number and date of birth: an existing patient keeps their ID, a Spine-only one is created', async () => {
		const { patient: known, pdsNew } = standin.fixtures;
		const result = await runHero(standin, byNhsNumber, {
			items: items([
				{ nhs: '943 476 5919', dob: known.dob },
				{ nhs: pdsNew.nhs_number.replace(/(\d{3})(\d{3})/, '$1-$2-'), dob: pdsNew.dob },
			]),
		});

		expect(result.error).toBeUndefined();
		expect(answeredRequestsTo(standin, 'POST', '/v1/patients/register_pds').map((entry) => [entry.body, entry.valid])).toEqual([
			[{ nhs_number: '9434765919', dob: known.dob }, true],
			[{ nhs_number: pdsNew.nhs_number, dob: pdsNew.dob }, true],
		]);
		const created = standin.state.patients.find((p) => p.nhs_number === pdsNew.nhs_number);
		expect(result.items).toEqual([
			{ json: { status: 'registered', patient_id: known.id }, pairedItem: { item: 0 } },
			{ json: { status: 'registered', patient_id: created?.id }, pairedItem: { item: 1 } },
		]);
	});

	it('registers by name, date of birth and postcode', async () => {
		const { pdsNew } = standin.fixtures;
		const result = await runHero(
			standin,
			patient('registerFromPds', {
				findBy: 'demographics',
				firstName: pdsNew.forename,
				lastName: pdsNew.surname,
				dateOfBirth: pdsNew.dob,
				postcode: pdsNew.postcode,
			}),
		);

		expect(sentBody(result, answeredRequestsTo(standin, 'POST', '/v1/patients/register_pds'))).toEqual({
			forename: pdsNew.forename,
			surname: pdsNew.surname,
			postcode: pdsNew.postcode,
			dob: pdsNew.dob,
		});
		expect(result.items[0].json).toEqual({ status: 'registered', patient_id: expect.stringMatching(/^\d+$/) });
	});

	it('says plainly when the patient must verify their identity first, instead of reporting success', async () => {
		const { pdsVerification } = standin.fixtures;
		const before = standin.state.patients.length;
		const result = await runHero(standin, byNhsNumber, {
			items: items([{ nhs: pdsVerification.nhs_number, dob: pdsVerification.dob }]),
		});

		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toEqual({
			status: 'identity_verification_required',
			patient_id: null,
			login_url: expect.stringMatching(/^http.*\/verify\//),
			message: 'Patient must verify their identity before proceeding',
		});
		expect(standin.state.patients).toHaveLength(before);
	});

	it.each([
		['NHS Number', { nhs: '943 476 5918' }, 'fails the NHS number check digit'],
		['NHS Number', { nhs: '943 476 591' }, 'is not 10 digits'],
		['Date of Birth', { dob: '2999-05-01' }, 'is in the future'],
		['Date of Birth', { dob: '01/05/1990' }, 'is not a date in the form YYYY-MM-DD'],
		['Date of Birth', { dob: '1990-02-30' }, 'is not a date in the form YYYY-MM-DD'],
	])('refuses a bad %s, naming the item, without a request', async (field, change, problem) => {
		const good = { nhs: '943 476 5919', dob: standin.fixtures.patient.dob };
		const result = await runHero(standin, byNhsNumber, { items: items([good, { ...good, ...change }]) });

		expect(result.error?.message).toContain(`Invalid ${field} [item 1]`);
		expect(result.error?.message).toContain(problem);
		expect(result.error?.description).toContain('Nothing was sent to Hero for this item');
		// item 0 went out before item 1 was refused; item 1 never did
		expect(answeredRequestsTo(standin, 'POST', '/v1/patients/register_pds').map((entry) => entry.body)).toEqual([
			{ nhs_number: '9434765919', dob: good.dob },
		]);
	});

	it('with Continue on Fail, turns bad items into error items and registers the good ones', async () => {
		const { patient: known, pdsNew } = standin.fixtures;
		const result = await runHero(standin, byNhsNumber, {
			items: items([
				{ nhs: '9434765918', dob: known.dob },
				{ nhs: known.nhs_number, dob: known.dob },
				{ nhs: pdsNew.nhs_number, dob: 'yesterday' },
				{ nhs: pdsNew.nhs_number, dob: pdsNew.dob },
			]),
			continueOnFail: true,
		});

		expect(result.error).toBeUndefined();
		expect(answeredRequestsTo(standin, 'POST', '/v1/patients/register_pds').map((entry) => entry.body)).toEqual([
			{ nhs_number: known.nhs_number, dob: known.dob },
			{ nhs_number: pdsNew.nhs_number, dob: pdsNew.dob },
		]);
		expect(result.items.map((item) => [item.json.status ?? item.json.error, item.pairedItem])).toEqual([
			[expect.stringContaining('Invalid NHS Number [item 0]'), { item: 0 }],
			['registered', { item: 1 }],
			[expect.stringContaining('Invalid Date of Birth [item 2]'), { item: 2 }],
			['registered', { item: 3 }],
		]);
	});

	it('reports a patient PDS cannot find as not found', async () => {
		const result = await runHero(standin, byNhsNumber, {
			items: items([{ nhs: standin.fixtures.unknownNhs, dob: '1970-01-01' }]),
		});
		expect(result.error?.message).toContain('Not found');
		expect(result.error?.message).toContain('PDS');
	});
});

describe('Patient: Create or Update', () => {
	const details = {
		firstName: 'Rowan',
		lastName: 'Example',
		dateOfBirth: '1984-09-12',
		mobile: '07700 900456',
		additionalFields: {
			addressLine1: '3 Sample Road',
			country: 'United Kingdom',
			dataSource: 'hero',
			email: 'rowan@example.com',
			nhsNumber: '999 000 0018',
			postcode: 'LS6 2QF',
			sex: 'Not specified',
			title: 'Mx',
		},
	};

	it('creates a patient from the given demographics, then updates the same patient (same NHS number and date of birth)', async () => {
		const created = await runHero(standin, patient('createOrUpdate', details));
		expect(sentBody(created, answeredRequestsTo(standin, 'POST', '/v1/patients/register'))).toEqual({
			first_name: 'Rowan',
			last_name: 'Example',
			dob: '1984-09-12',
			mobile: '07700 900456',
			address_line_1: '3 Sample Road',
			country: 'United Kingdom',
			data_source: 'hero',
			email: 'rowan@example.com',
			nhs_number: '9990000018',
			postcode: 'LS6 2QF',
			sex: 'Not specified',
			title: 'Mx',
		});
		const id = created.items[0].json.patient_id;
		expect(created.items).toEqual([{ json: { patient_id: expect.stringMatching(/^\d+$/) }, pairedItem: { item: 0 } }]);

		const updated = await runHero(standin, patient('createOrUpdate', { ...details, mobile: '07700 900789' }));
		expect(updated.items[0].json.patient_id).toBe(id);
		expect(standin.state.patients.find((p) => p.id === id)?.mobile).toBe('07700 900789');
	});

	it.each([
		['Mobile', { mobile: '0113 496 0000' }],
		['Date of Birth', { dateOfBirth: '1984-13-01' }],
		['NHS Number', { additionalFields: { nhsNumber: '999 000 0019' } }],
		['Email', { additionalFields: { email: 'rowan.example.com' } }],
	])('refuses a bad %s without a request', async (field, change) => {
		const result = await runHero(standin, patient('createOrUpdate', { ...details, ...change }));
		expect(result.error?.message).toContain(`Invalid ${field} [item 0]`);
		expect(standin.log).toHaveLength(0);
	});
});

describe('Patient: Get and Search', () => {
	it('gets each patient, simplified to the useful fields by default and in full on request', async () => {
		const simple = await runHero(standin, patient('get', { patientId: byId('={{ $json.id }}') }), {
			items: items([{ id: '1001' }, { id: '1002' }]),
		});
		expect(simple.error).toBeUndefined();
		expect(standin.log.map((entry) => [entry.method, entry.path, entry.valid])).toEqual([
			['GET', '/v1/patients/1001', true],
			['GET', '/v1/patients/1002', true],
		]);
		expect(simple.items.map((item) => Object.keys(item.json).sort())).toEqual([SIMPLE_KEYS, SIMPLE_KEYS]);
		expect(simple.items[0]).toEqual({
			json: expect.objectContaining({ id: '1001', nhs_number: '9434765919', first_name: 'Olivia', status: 'unarchived' }),
			pairedItem: { item: 0 },
		});

		const full = await runHero(standin, patient('get', { patientId: byId('1001'), simplify: false }));
		expect(Object.keys(full.items[0].json).length).toBeGreaterThan(25);
		expect(full.items[0].json).toMatchObject({ id: '1001', address_line_1: expect.any(String), uid: expect.any(String) });
	});

	it('refuses a non-numeric patient ID without a request, and reports an unknown one as not found', async () => {
		const bad = await runHero(standin, patient('get', { patientId: byId('={{ "NHS-1001" }}') }));
		expect(bad.error?.message).toContain('Invalid Patient [item 0]');
		expect(standin.log).toHaveLength(0);

		const unknown = await runHero(standin, patient('get', { patientId: byId('424242') }));
		expect(unknown.error?.message).toContain('patient 424242');
	});

	it('searches with the v3 structured filters, NHS numbers cleaned, with Limit and Return All', async () => {
		const byNhs = await runHero(
			standin,
			patient('search', { searchFields: { nhsNumber: '943-476-5919', dateOfBirth: standin.fixtures.patient.dob } }),
		);
		expect(byNhs.error).toBeUndefined();
		expect(standin.log[0]).toMatchObject({
			path: '/v3/patients',
			query: { nhs_number: '9434765919', dob: standin.fixtures.patient.dob, page_index: '0', page_size: '50' },
			valid: true,
		});
		expect(byNhs.items.map((item) => item.json)).toEqual([expect.objectContaining({ id: '1001', first_name: 'Olivia' })]);
		expect(Object.keys(byNhs.items[0].json).sort()).toEqual(SIMPLE_KEYS);

		const surnames = standin.state.patients.filter((p) => /^W/.test(p.last_name ?? '') && p.status !== 'archived');
		standin.clearLog();
		const limited = await runHero(standin, patient('search', { searchFields: { lastName: 'W' }, limit: 2 }));
		expect(limited.items).toHaveLength(2);
		expect(standin.log.map((entry) => entry.query)).toEqual([{ last_name: 'W', page_index: '0', page_size: '2' }]);

		const all = await runHero(standin, patient('search', { searchFields: { lastName: 'W' }, returnAll: true, simplify: false }));
		expect(all.items.map((item) => item.json.hero_id)).toEqual(surnames.map((p) => p.id));
	});

	it('finds a patient by EMIS ID through Hero’s one-field search, which takes no other field', async () => {
		const target = standin.state.patients[2];
		const found = await runHero(standin, patient('search', { searchFields: { emisId: '={{ $json.emis }}' } }), {
			items: items([{ emis: target.emis_id }, { emis: 'EMIS-NOBODY' }]),
		});
		expect(found.error).toBeUndefined();
		expect(found.items.map((item) => [item.json.id, item.pairedItem])).toEqual([[target.id, { item: 0 }]]);
		expect(standin.log.map((entry) => [entry.path, entry.query.field, entry.query.search, entry.valid])).toEqual([
			['/v1/patients', 'emis_id', target.emis_id, true],
			['/v1/patients', 'emis_id', 'EMIS-NOBODY', true],
		]);

		standin.clearLog();
		const mixed = await runHero(
			standin,
			patient('search', { searchFields: { emisId: String(target.emis_id), lastName: 'Smith' } }),
		);
		expect(mixed.error?.message).toContain('Invalid Search Fields [item 0]: EMIS ID is searched on its own');
		expect(standin.log).toHaveLength(0);
	});

	it('refuses a search without any field, or with a bad NHS number, without a request', async () => {
		const empty = await runHero(standin, patient('search', { searchFields: {} }));
		expect(empty.error?.message).toContain('Invalid Search Fields [item 0]: add at least one');
		const bad = await runHero(standin, patient('search', { searchFields: { nhsNumber: '1234567890' } }));
		expect(bad.error?.message).toContain('Invalid NHS Number [item 0]');
		expect(standin.log).toHaveLength(0);
	});
});

describe('Patient: Get Attachments, Get EHR Candidates, Connect to EHR', () => {
	it('lists each patient’s attachments as items paired to that patient', async () => {
		const result = await runHero(standin, patient('getAttachments', { patientId: byId('={{ $json.id }}'), returnAll: true }), {
			items: items([{ id: '1002' }, { id: '1003' }]),
		});
		expect(result.error).toBeUndefined();
		const expected = ['1002', '1003'].flatMap((id, item) =>
			standin.state.attachments.filter((a) => a.patient_id === id).map((a) => [a.id, { item }]),
		);
		expect(expected).toHaveLength(3);
		expect(result.items.map((i) => [i.json.id, i.pairedItem])).toEqual(expected);
		expect(standin.log.map((entry) => [entry.path, entry.valid])).toEqual([
			['/v1/patients/1002/attachments', true],
			['/v1/patients/1003/attachments', true],
		]);
	});

	it('lists EHR candidates, then connects the patient to the chosen one', async () => {
		const patientId = standin.fixtures.unlinkedEhrPatient;
		const candidates = await runHero(standin, patient('getEhrCandidates', { patientId: byId(patientId), returnAll: true }));
		expect(candidates.error).toBeUndefined();
		expect(candidates.items.length).toBeGreaterThan(0);
		expect(Object.keys(candidates.items[0].json).sort()).toEqual(SIMPLE_KEYS);
		const ehrPartnerId = String(candidates.items[0].json.ehr_partner_id);
		expect(answeredRequestsTo(standin, 'GET', `/v1/patients/${patientId}/ehr/candidates`)[0].valid).toBe(true);

		const connected = await runHero(
			standin,
			patient('connectEhr', { patientId: byId(patientId), ehrPartnerId: { __rl: true, mode: 'list', value: ehrPartnerId } }),
		);
		expect(sentBody(connected, answeredRequestsTo(standin, 'POST', `/v1/patients/${patientId}/ehr/connect`))).toEqual({
			ehr_partner_id: ehrPartnerId,
		});
		expect(connected.items).toEqual([{ json: expect.objectContaining({ status: 'connected' }), pairedItem: { item: 0 } }]);
		expect(standin.state.patients.find((p) => p.id === patientId)?.ehr_partner_id).toBe(ehrPartnerId);
	});
});

describe('the EHR Candidate picker', () => {
	const pick = async (patientId: unknown, filter?: string) =>
		await runListSearch({
			nodeType: new HeroHealth(),
			method: 'searchEhrCandidates',
			filter,
			parameters: { resource: 'patient', operation: 'connectEhr', patientId } as never,
			credentials: { heroHealthApi: standinCredentials(standin) },
			credentialTypes: [new HeroHealthApi()],
		});

	it('lists the chosen patient’s candidates by name and date of birth, valued by ehr_partner_id', async () => {
		const patientId = standin.fixtures.unlinkedEhrPatient;
		const result = await pick(byId(patientId));
		const [entry] = answeredRequestsTo(standin, 'GET', `/v1/patients/${patientId}/ehr/candidates`);
		const candidates = (entry.responseBody as { data: Array<Record<string, string>> }).data;
		expect(candidates.length).toBeGreaterThan(0);
		expect(result.results).toEqual(
			candidates.map((c) => ({
				name: `${c.first_name} ${c.last_name}, born ${c.dob} (${c.ehr_partner_id})`,
				value: c.ehr_partner_id,
			})),
		);
		expect((await pick(byId(patientId), 'no such name')).results).toEqual([]);
	});

	it('asks Hero nothing until a numeric patient is chosen', async () => {
		expect((await pick({ __rl: true, mode: 'list', value: '' })).results).toEqual([]);
		expect(standin.log).toHaveLength(0);
	});
});

describe('Patient: Preview Merge and Merge', () => {
	const { keep, duplicate } = { keep: '1002', duplicate: '1030' };

	it('uses the fixture pair', () => {
		expect(standin.fixtures.duplicatePair).toEqual({ keep, duplicate });
	});

	it('previews then merges with the token that preview returned', async () => {
		const result = await runHero(
			standin,
			patient('merge', { patientId: byId(keep), tokenSource: 'preview', duplicatePatientId: byId(duplicate) }),
		);

		expect(result.error).toBeUndefined();
		const [preview, merge] = standin.log;
		expect([preview.method, preview.path, preview.body, preview.valid]).toEqual([
			'POST',
			`/v1/patients/${keep}/merge/preview`,
			{ patient_id: duplicate },
			true,
		]);
		expect([merge.method, merge.path, merge.valid]).toEqual(['POST', `/v1/patients/${keep}/merge`, true]);
		expect(merge.body).toEqual({
			merge_token: (preview.responseBody as { merge_token: string }).merge_token,
			patient_id: duplicate,
		});
		expect(standin.log).toHaveLength(2);
		expect(result.items).toEqual([{ json: expect.objectContaining({ status: 'merged' }), pairedItem: { item: 0 } }]);
		expect(standin.state.patients.find((p) => p.id === duplicate)?.status).toBe('archived');
	});

	it('lets a workflow preview first and merge later with the preview’s token', async () => {
		const preview = await runHero(
			standin,
			patient('previewMerge', { patientId: byId(keep), duplicatePatientId: byId(duplicate) }),
		);
		expect(preview.error).toBeUndefined();
		const token = preview.items[0].json.merge_token;
		expect(token).toEqual(expect.any(String));
		expect(standin.state.patients.find((p) => p.id === duplicate)?.status).toBe('unarchived');
		standin.clearLog();

		const merged = await runHero(
			standin,
			patient('merge', {
				patientId: byId('={{ $json.target_patient_id }}'),
				tokenSource: 'given',
				duplicatePatientId: byId('={{ $json.source_patient_id }}'),
				mergeToken: '={{ $json.merge_token }}',
			}),
			{ items: preview.items.map((item) => ({ json: item.json })) },
		);
		expect(merged.error).toBeUndefined();
		expect(standin.log.map((entry) => [entry.path, entry.body, entry.valid])).toEqual([
			[`/v1/patients/${keep}/merge`, { merge_token: token, patient_id: duplicate }, true],
		]);

		const reused = await runHero(
			standin,
			patient('merge', {
				patientId: byId(keep),
				tokenSource: 'given',
				duplicatePatientId: byId(duplicate),
				mergeToken: String(token),
			}),
		);
		expect(reused.error?.description).toContain('already used');
	});

	it('fails clearly without a valid token: refused when empty, Hero’s reason when unknown', async () => {
		const empty = await runHero(
			standin,
			patient('merge', {
				patientId: byId(keep),
				tokenSource: 'given',
				duplicatePatientId: byId(duplicate),
				mergeToken: '={{ $json.merge_token }}',
			}),
		);
		expect(empty.error?.message).toContain('Invalid Merge Token [item 0]: it is empty');
		expect(standin.log).toHaveLength(0);

		const unknown = await runHero(
			standin,
			patient('merge', {
				patientId: byId(keep),
				tokenSource: 'given',
				duplicatePatientId: byId(duplicate),
				mergeToken: 'mt_made_up',
			}),
		);
		expect(unknown.error?.message).toContain(`/v1/patients/${keep}/merge`);
		expect(unknown.error?.description).toContain('Merge token is unknown');
		expect(standin.state.patients.find((p) => p.id === duplicate)?.status).toBe('unarchived');
	});
});
