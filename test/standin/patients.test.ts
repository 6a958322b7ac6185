import type { Standin } from '../../standin';
import { client, request, setUpStandin } from './helpers';
import type { Call, HeroError, Page } from './helpers';

/** A patient as Hero's v3 search answers: the fields the tests read. */
interface FoundPatient {
	hero_id: string;
	nhs_number: string;
	last_name: string;
	identifiers: Array<{ source: string; type: string; value: string }>;
}

describe('stand-in: patients, PDS, GDPR restrictions and merging', () => {
	let s: Standin;
	let api: Call;
	setUpStandin((started) => (s = started), { rateLimitPerMinute: 0 });
	beforeAll(() => (api = client(s)));

	it('seeds synthetic patients with valid test NHS numbers', () => {
		const valid = (n: string) => {
			const sum = n
				.slice(0, 9)
				.split('')
				.reduce((acc, d, i) => acc + Number(d) * (10 - i), 0);
			const check = (11 - (sum % 11)) % 11;
			return check !== 10 && check === Number(n[9]);
		};
		const numbers = s.state.patients.map((p) => p.nhs_number).filter(Boolean) as string[];
		expect(numbers.length).toBeGreaterThanOrEqual(29);
		for (const n of numbers) {
			expect(valid(n)).toBe(true);
			expect(n === '9434765919' || n.startsWith('999')).toBe(true);
		}
		expect(numbers).toEqual(expect.arrayContaining(['9990000018', '9990000026', '9434765919']));
		for (const p of s.state.patients) {
			if (p.mobile) expect(p.mobile).toMatch(/^07700 900\d{3}$/);
			if (p.email) expect(p.email).toMatch(/@example\.com$/);
		}
	});

	it('registers from PDS: existing, new, identity verification and unknown', async () => {
		const existing = await api('POST', '/v1/patients/register_pds', { nhs_number: '999 000 0018', dob: s.state.patients[1].dob });
		expect(existing.body).toEqual({ patient_id: s.state.patients[1].id });

		const { pdsNew } = s.fixtures;
		const created = await api<{ patient_id: string }>('POST', '/v1/patients/register_pds', {
			forename: pdsNew.forename,
			surname: pdsNew.surname.toUpperCase(),
			dob: pdsNew.dob,
			postcode: pdsNew.postcode.replace(' ', ''),
		});
		expect(created.status).toBe(200);
		const patient = await api('GET', `/v1/patients/${created.body.patient_id}`);
		expect(patient.body).toMatchObject({ nhs_number: pdsNew.nhs_number, data_source: 'pds', status: 'unarchived' });
		const again = await api('POST', '/v1/patients/register_pds', { nhs_number: pdsNew.nhs_number, dob: pdsNew.dob });
		expect(again.body).toEqual(created.body);

		const verify = await api<{ message: string; login_url: string }>(
			'POST',
			'/v1/patients/register_pds',
			s.fixtures.pdsVerification,
		);
		expect(verify.status).toBe(200);
		expect(verify.body).toEqual({
			message: 'Patient must verify their identity before proceeding',
			login_url: expect.stringMatching(/^http/),
		});
		expect((await request(verify.body.login_url)).status).toBe(200); // the patient verifies
		const afterVerify = await api('POST', '/v1/patients/register_pds', s.fixtures.pdsVerification);
		expect(afterVerify.body).toEqual({ patient_id: expect.stringMatching(/^\d+$/) });

		const unknown = await api('POST', '/v1/patients/register_pds', { nhs_number: s.fixtures.unknownNhs, dob: '1990-01-01' });
		expect(unknown.status).toBe(404);
		expect(unknown.body).toMatchObject({ statusCode: 404, message: 'No patient found' });
		const invalid = await api('POST', '/v1/patients/register_pds', { nhs_number: '999 000 0019', dob: '1990-01-01' });
		expect(invalid.status).toBe(400);
	});

	it('refuses a message on a restricted channel with the gdpr_restriction body', async () => {
		const { restrictedSms } = s.fixtures;
		const sms = await api('POST', '/v1/messages/send', {
			patient_id: restrictedSms.id,
			message_type: 'sms',
			message_string: 'Hello',
		});
		expect(sms.status).toBe(403);
		expect(sms.body).toEqual({
			error: 'gdpr_restriction',
			message: 'Patient has restricted data sharing',
			restrictions: ['sms'],
		});
		const email = await api('POST', '/v1/messages/send', {
			patient_id: restrictedSms.id,
			message_type: 'email',
			message_string: 'Hello',
		});
		expect(email.status).toBe(200);
		const both = await api<HeroError>('POST', '/v1/messages/send', {
			patient_id: s.fixtures.restrictedSmsEmail.id,
			message_type: 'email',
			message_string: 'Hello',
		});
		expect(both.body.restrictions).toEqual(['sms', 'email']);
		expect(s.state.messages).toHaveLength(1);
	});

	it('searches patients (v3) by name, NHS number and dob, and needs a filter', async () => {
		const byNhs = await api<Page<FoundPatient>>('GET', '/v3/patients?nhs_number=943%20476%205919');
		expect(byNhs.body.count).toBe(1);
		expect(byNhs.body.data[0]).toMatchObject({ hero_id: '1001', nhs_number: '9434765919' });
		expect(byNhs.body.data[0].identifiers).toEqual(
			expect.arrayContaining([{ source: 'nhs', type: 'nhs_number', value: '9434765919' }]),
		);
		const byName = await api<Page<FoundPatient>>('GET', '/v3/patients?last_name=jon');
		expect(byName.body.data.map((p) => p.last_name)).toContain('Jones');
		expect((await api('GET', '/v3/patients')).status).toBe(400);
		const all = await api<Page<unknown>>('GET', '/v1/patients?page_size=10&page_index=2');
		expect(all.body).toMatchObject({ count: 30 });
		expect(all.body.data).toHaveLength(10);
	});

	it('merges with a single-use merge_token bound to the previewed pair', async () => {
		const { keep, duplicate } = s.fixtures.duplicatePair;
		const preview = await api<{ merge_token: string; patient: { id: string } }>('POST', `/v1/patients/${keep}/merge/preview`, {
			patient_id: duplicate,
		});
		expect(preview.status).toBe(200);
		expect(preview.body.merge_token).toEqual(expect.any(String));
		expect(preview.body.patient.id).toBe(keep);
		const token = preview.body.merge_token;

		expect((await api('POST', `/v1/patients/${keep}/merge`, { patient_id: duplicate })).status).toBe(400); // missing token (contract)
		const noPatient = await api('POST', `/v1/patients/${keep}/merge`, { merge_token: token });
		expect(noPatient).toMatchObject({ status: 400, body: { message: [expect.objectContaining({ path: ['patient_id'] })] } });
		const bogus = await api('POST', `/v1/patients/${keep}/merge`, { merge_token: 'mt_nope', patient_id: duplicate });
		expect(bogus).toMatchObject({ status: 400, body: { error: 'invalid_merge_token' } });
		const wrongPatient = await api('POST', '/v1/patients/1003/merge', { merge_token: token, patient_id: duplicate });
		expect(wrongPatient).toMatchObject({ status: 400, body: { error: 'merge_token_mismatch' } });
		const wrongSource = await api('POST', `/v1/patients/${keep}/merge`, { merge_token: token, patient_id: '1003' });
		expect(wrongSource).toMatchObject({ status: 400, body: { error: 'merge_token_mismatch' } });

		const merged = await api('POST', `/v1/patients/${keep}/merge`, { merge_token: token, patient_id: duplicate });
		expect(merged.status).toBe(200);
		expect(merged.body).toMatchObject({ patient_id: keep, merged_patient_id: duplicate });
		expect((await api<{ status: string }>('GET', `/v1/patients/${duplicate}`)).body.status).toBe('archived');

		const reused = await api('POST', `/v1/patients/${keep}/merge`, { merge_token: token, patient_id: duplicate });
		expect(reused).toMatchObject({ status: 409, body: { error: 'merge_token_used', statusCode: 409 } });
		const previewArchived = await api('POST', `/v1/patients/${keep}/merge/preview`, { patient_id: duplicate });
		expect(previewArchived.status).toBe(409);
	});

	it('lists EHR candidates and connects one', async () => {
		const id = s.fixtures.unlinkedEhrPatient;
		const candidates = await api<Page<{ ehr_partner_id: string }>>('GET', `/v1/patients/${id}/ehr/candidates`);
		expect(candidates.body.count).toBeGreaterThan(0);
		const ehrId = candidates.body.data[0].ehr_partner_id;
		const connect = await api('POST', `/v1/patients/${id}/ehr/connect`, { ehr_partner_id: ehrId });
		expect(connect.status).toBe(200);
		expect((await api<{ ehr_partner_id: string | null }>('GET', `/v1/patients/${id}`)).body.ehr_partner_id).toBe(ehrId);
		expect((await api('POST', '/v1/patients/1001/ehr/connect', { ehr_partner_id: ehrId })).status).toBe(409);
	});
});
