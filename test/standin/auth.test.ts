import type { Standin } from '../../standin';
import { client, setUpStandin } from './helpers';
import type { HeroError } from './helpers';

describe('stand-in: authentication and scopes', () => {
	let s: Standin;
	setUpStandin((started) => (s = started));

	it('seeds a full, a messaging-only and a booking-only key for one practice group', () => {
		expect(s.keys.full).toMatchObject({ apiKey: 'hero-test-key', practiceGroupId: 'pg_standin_1' });
		expect(s.keys.messagingOnly.scopes).toEqual(['messaging']);
		expect(s.keys.bookingOnly.scopes).toEqual(['booking']);
		expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
	});

	it('answers 401 without a key or with an unknown key', async () => {
		const missing = await client(s, null)('GET', '/v1/me');
		expect(missing.status).toBe(401);
		expect(missing.body).toEqual({ error: 'unauthorized', statusCode: 401, message: 'Missing x-api-key header' });

		const unknown = await client(s, { apiKey: 'nope', practiceGroupId: 'pg_standin_1', scopes: [] })<HeroError>('GET', '/v1/me');
		expect(unknown.status).toBe(401);
		expect(unknown.body.error).toBe('unauthorized');
	});

	it('answers 403 for a known key with the wrong practice group', async () => {
		const res = await client(s, { ...s.keys.full, practiceGroupId: 'pg_someone_else' })<HeroError>('GET', '/v1/me');
		expect(res.status).toBe(403);
		expect(res.body).toMatchObject({ error: 'forbidden', statusCode: 403 });
		expect(res.body.message).toContain('pg_someone_else');
	});

	it('answers 403 when the key lacks the scope of the path', async () => {
		const messaging = client(s, s.keys.messagingOnly);
		const bookingOnly = client(s, s.keys.bookingOnly);
		expect((await messaging('GET', '/v1/slots')).status).toBe(403);
		expect((await messaging('POST', '/v1/booking_links', { appointment_type_id: '1', location_id: '1' })).status).toBe(403);
		const send = await bookingOnly<HeroError>('POST', '/v1/messages/send', {
			patient_id: '1001',
			message_type: 'sms',
			message_string: 'Hi',
		});
		expect(send.status).toBe(403);
		expect(send.body.message).toMatch(/Messaging scope/);
		expect((await bookingOnly('GET', '/v1/patients/1001')).status).toBe(403);

		// in scope
		expect((await messaging('GET', '/v1/patients/1001')).status).toBe(200);
		expect((await bookingOnly('GET', '/v1/slots/count')).status).toBe(200);
		expect((await client(s, s.keys.bookingLinksOnly)('GET', '/v2/bookinglinks')).status).toBe(200);
	});

	it('lets any valid key use the practice group paths', async () => {
		for (const key of [s.keys.full, s.keys.messagingOnly, s.keys.bookingOnly]) {
			const res = await client(s, key)<{ id: string }>('GET', '/v1/me');
			expect(res.status).toBe(200);
			expect(res.body.id).toBe('pg_standin_1');
		}
		const token = await client(s, s.keys.bookingOnly)('POST', '/v1/access_token');
		expect(token.status).toBe(200);
	});

	it('answers 404 for unknown paths and 405 for a wrong method, before auth', async () => {
		const unknown = await client(s, null)('GET', '/v1/nothing-here');
		expect(unknown.status).toBe(404);
		expect(unknown.body).toMatchObject({ error: 'not_found', statusCode: 404 });
		const wrong = await client(s)('DELETE', '/v1/me');
		expect(wrong.status).toBe(405);
		expect(wrong.headers.get('allow')).toBe('GET, PATCH');
	});

	it('logs rejected requests too, with their headers as received', async () => {
		await client(s, null)('GET', '/v1/me', undefined, { 'X-Custom': 'yes' });
		const entry = s.log[s.log.length - 1];
		expect(entry).toMatchObject({
			method: 'GET',
			path: '/v1/me',
			status: 401,
			operationId: 'getPracticeGroupById',
			fault: null,
			valid: true,
		});
		expect(entry.headers['x-custom']).toBe('yes');
	});
});
