import type { Standin } from '../../standin';
import { client, setUpStandin } from './helpers';
import type { Call, HeroValidationError, Page } from './helpers';

describe('stand-in: request validation against the contract', () => {
	let s: Standin;
	let api: Call;
	setUpStandin((started) => (s = started));
	beforeAll(() => (api = client(s)));

	it("answers a bad body with Hero's 400 shape (zod-like issues)", async () => {
		const res = await api<HeroValidationError>('POST', '/v1/patients/register_pds', {
			nhs_number: '999 000 0018',
			dob: 19920101,
		});
		expect(res.status).toBe(400);
		expect(res.body).toEqual({
			error: true,
			statusCode: 400,
			message: [
				{
					code: 'invalid_type',
					expected: 'string',
					received: 'number',
					path: ['dob'],
					message: 'Expected string, received number',
				},
			],
		});
		const entry = s.log[s.log.length - 1];
		expect(entry.valid).toBe(false);
		expect(entry.validationErrors).toEqual(res.body.message);
		expect(entry.rawBody).toBe('{"nhs_number":"999 000 0018","dob":19920101}');
	});

	it('reports missing fields as invalid_type received undefined, and enums/min lengths/patterns', async () => {
		const res = await api<HeroValidationError>('POST', '/v1/messages/send', {
			patient_id: 'abc',
			message_type: 'fax',
			message_string: '',
		});
		expect(res.status).toBe(400);
		const byPath = Object.fromEntries(res.body.message.map((i) => [i.path.join('.'), i]));
		expect(byPath.patient_id).toMatchObject({ code: 'invalid_string', validation: 'regex' });
		expect(byPath.message_type).toMatchObject({
			code: 'invalid_enum_value',
			received: 'fax',
			options: ['hero', 'sms', 'email', 'nhs_app'],
		});
		expect(byPath.message_string).toMatchObject({ code: 'too_small', minimum: 1, type: 'string' });

		const missing = await api<HeroValidationError>('POST', '/v1/messages/send', { patient_id: '1001' });
		expect(missing.body.message).toEqual([
			{ code: 'invalid_type', expected: 'string', received: 'undefined', path: ['message_type'], message: 'Required' },
			{ code: 'invalid_type', expected: 'string', received: 'undefined', path: ['message_string'], message: 'Required' },
		]);
		for (const issue of missing.body.message)
			expect(Object.keys(issue)).toEqual(expect.arrayContaining(['code', 'expected', 'path']));
	});

	it('accepts dob as a plain date or a date-time (x-relaxed) and rejects other strings', async () => {
		const { nhs_number, dob } = s.fixtures.patient;
		const plain = await api('POST', '/v1/patients/register_pds', { nhs_number, dob });
		expect(plain.status).toBe(200);
		expect(plain.body).toEqual({ patient_id: s.fixtures.patient.id });
		const dateTime = await api('POST', '/v1/patients/register_pds', { nhs_number, dob: `${dob}T00:00:00Z` });
		expect(dateTime.body).toEqual({ patient_id: s.fixtures.patient.id });
		const bad = await api<HeroValidationError>('POST', '/v1/patients/register_pds', { nhs_number, dob: '15/01/1986' });
		expect(bad.status).toBe(400);
		expect(bad.body.message[0]).toMatchObject({ code: 'invalid_string', path: ['dob'] });
	});

	it('checks email batch messages need a subject (if/then) and nested recipient paths', async () => {
		const res = await api<HeroValidationError>('POST', '/v1/batch_message', {
			name: 'Flu',
			channel: 'EMAIL',
			content: 'Book now',
			recipients: [{ nhs_number: 9990000018, dob: '1990-01-01' }],
		});
		expect(res.status).toBe(400);
		expect(res.body.message).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ code: 'invalid_type', path: ['subject'], received: 'undefined' }),
				expect.objectContaining({
					code: 'invalid_type',
					path: ['recipients', 0, 'nhs_number'],
					expected: 'string',
					received: 'number',
				}),
			]),
		);
	});

	it('coerces and validates query parameters', async () => {
		const badIndex = await api<HeroValidationError>('GET', '/v1/slots?page_index=abc');
		expect(badIndex.status).toBe(400);
		expect(badIndex.body.message).toEqual([
			{
				code: 'invalid_type',
				expected: 'number',
				received: 'string',
				path: ['page_index'],
				message: 'Expected number, received string',
			},
		]);

		const tooBig = await api<HeroValidationError>('GET', '/v1/slots?page_size=500');
		expect(tooBig.status).toBe(400);
		expect(tooBig.body.message[0]).toMatchObject({ code: 'too_big', maximum: 100, path: ['page_size'] });

		const bool = await api<HeroValidationError>('GET', '/v1/appointment_types?has_availability=maybe');
		expect(bool.status).toBe(400);
		expect(bool.body.message[0]).toMatchObject({ code: 'invalid_type', expected: 'boolean', path: ['has_availability'] });

		const arr = await api<Page<unknown>>('GET', '/v1/appointment_types?location_ids=1&location_ids=3&has_availability=true');
		expect(arr.status).toBe(200);
		expect(arr.body.data.length).toBeGreaterThan(0);
		expect(s.log[s.log.length - 1].query).toEqual({ location_ids: ['1', '3'], has_availability: 'true' });

		const date = await api<HeroValidationError>('GET', '/v1/slots?start_date=tomorrow');
		expect(date.status).toBe(400);
		expect(date.body.message[0]).toMatchObject({ path: ['start_date'] });
	});

	it('rejects malformed JSON and a missing required body', async () => {
		const malformed = await api<HeroValidationError>('POST', '/v1/webhooks', '{"url": ');
		expect(malformed.status).toBe(400);
		expect(malformed.body.error).toBe(true);
		const empty = await api<HeroValidationError>('POST', '/v1/appointments');
		expect(empty.status).toBe(400);
		expect(empty.body.message).toEqual([
			{ code: 'invalid_type', expected: 'object', received: 'undefined', path: [], message: 'Required' },
		]);
	});

	it('validates even when auth fails, so the log tells whether the request was well-formed', async () => {
		await client(s, null)('POST', '/v1/messages/send', { patient_id: 1 });
		const entry = s.log[s.log.length - 1];
		expect(entry.status).toBe(401);
		expect(entry.valid).toBe(false);
		expect(entry.validationErrors.length).toBeGreaterThan(0);
	});
});
