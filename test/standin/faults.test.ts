import type { LogEntry, Standin, StandinState } from '../../standin';
import { client, request, setUpStandin } from './helpers';
import type { Call } from './helpers';

const SEND = { patient_id: '1001', message_type: 'sms', message_string: 'Your results are ready' };

describe('stand-in: rate limit and fault injection', () => {
	let s: Standin;
	let api: Call;
	setUpStandin((started) => (s = started), { rateLimitPerMinute: 5 });
	beforeAll(() => (api = client(s)));
	beforeEach(() => s.setConfig({ rateLimitPerMinute: 5, retryAfter: false, latencyMs: 0 }));

	it('answers 429 once a key has used its requests for the minute, per key', async () => {
		for (let i = 0; i < 5; i++) expect((await api('GET', '/v1/me')).status).toBe(200);
		const limited = await api('GET', '/v1/me');
		expect(limited.status).toBe(429);
		expect(limited.body).toEqual({ error: 'too_many_requests', statusCode: 429, message: 'Rate limit exceeded' });
		expect(limited.headers.get('retry-after')).toBeNull();
		expect(s.log[s.log.length - 1]).toMatchObject({ status: 429, fault: 'ratelimit' });
		// another key has its own window
		expect((await client(s, s.keys.messagingOnly)('GET', '/v1/me')).status).toBe(200);

		s.setConfig({ retryAfter: true });
		const withHeader = await api('GET', '/v1/me');
		expect(withHeader.status).toBe(429);
		expect(Number(withHeader.headers.get('retry-after'))).toBeGreaterThan(0);

		s.setConfig({ rateLimitPerMinute: 0 });
		expect((await api('GET', '/v1/me')).status).toBe(200);
	});

	it('sends RateLimit-* header fields when asked: what is left in the window, and when one more is allowed', async () => {
		s.setConfig({ rateLimitHeaders: true });
		try {
			const remaining: Array<string | null> = [];
			for (let i = 0; i < 5; i++) {
				const answer = await api('GET', '/v1/me');
				expect(answer.headers.get('ratelimit-limit')).toBe('5');
				remaining.push(answer.headers.get('ratelimit-remaining'));
			}
			expect(remaining).toEqual(['4', '3', '2', '1', '0']);
			const limited = await api('GET', '/v1/me');
			expect(limited.status).toBe(429);
			expect(limited.headers.get('ratelimit-remaining')).toBe('0');
			expect(Number(limited.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
			expect(limited.headers.get('retry-after')).toBeNull();
		} finally {
			s.setConfig({ rateLimitHeaders: false });
		}
	});

	it('failNext fails the matching request once, without processing it', async () => {
		s.setConfig({ rateLimitPerMinute: 0 });
		s.failNext({ method: 'POST', path: '/v1/messages/send', status: 503, times: 1 });
		const first = await api('POST', '/v1/messages/send', SEND);
		expect(first.status).toBe(503);
		expect(s.state.messages).toHaveLength(0);
		const second = await api('POST', '/v1/messages/send', SEND);
		expect(second.status).toBe(200);
		expect(s.state.messages).toHaveLength(1);
		const sends = s.log.filter((e) => e.operationId === 'sendMessage');
		expect(sends.map((e) => [e.status, e.fault])).toEqual([
			[503, 'failNext'],
			[200, null],
		]);
	});

	it('failNext can match a regex, return a custom body, drop the socket, or lose the answer after processing', async () => {
		s.setConfig({ rateLimitPerMinute: 0 });
		s.failNext({ path: /\/v1\/patients\/\d+$/, status: 500, body: { error: 'boom' } });
		const custom = await api('GET', '/v1/patients/1001');
		expect(custom).toMatchObject({ status: 500, body: { error: 'boom' } });

		s.failNext({ method: 'GET', path: '/v1/me', drop: true });
		await expect(api('GET', '/v1/me')).rejects.toThrow();
		expect(s.log[s.log.length - 1]).toMatchObject({ path: '/v1/me', status: null, fault: 'failNext' });

		s.failNext({ method: 'POST', path: '/v1/messages/send', status: 502, processed: true });
		const lost = await api('POST', '/v1/messages/send', SEND);
		expect(lost.status).toBe(502);
		expect(s.state.messages).toHaveLength(1); // Hero did send it
	});

	it('is driven over HTTP by /_standin/ control endpoints, which are never logged', async () => {
		const control = async (method: string, path: string, body?: unknown): Promise<unknown> =>
			JSON.parse(
				(
					await request(s.url + path, {
						method,
						headers: { 'content-type': 'application/json' },
						body: body === undefined ? undefined : JSON.stringify(body),
					})
				).text,
			);
		await control('POST', '/_standin/config', { rateLimitPerMinute: 0 });
		await control('POST', '/_standin/fail-next', { method: 'PATCH', path: { regex: '/book$' }, status: 500 });
		const res = await api('PATCH', '/v1/appointments/5001/book', {});
		expect(res.status).toBe(500);
		const log = (await control('GET', '/_standin/log')) as LogEntry[];
		expect(log.map((e) => e.path)).toEqual(['/v1/appointments/5001/book']);
		await control('DELETE', '/_standin/log');
		expect(s.log).toHaveLength(0);

		await control('POST', '/_standin/faults', { rate5xx: 1 });
		expect((await api('GET', '/v1/me')).status).toBeGreaterThanOrEqual(500);
		expect(s.log[s.log.length - 1].fault).toBe('5xx');
		await control('POST', '/_standin/faults', { rate5xx: 0, rate429: 1 });
		expect((await api('GET', '/v1/me')).status).toBe(429);
		expect(s.log[s.log.length - 1].fault).toBe('429');
		await control('POST', '/_standin/reset');
		expect((await api('GET', '/v1/me')).status).toBe(200);
		const state = (await control('GET', '/_standin/state')) as StandinState;
		expect(state.patients).toHaveLength(30);
	});

	it('adds latency and random drops with a seeded RNG', async () => {
		s.setConfig({ rateLimitPerMinute: 0, latencyMs: 60 });
		const t0 = Date.now();
		await api('GET', '/v1/me');
		expect(Date.now() - t0).toBeGreaterThanOrEqual(55);
		s.setConfig({ latencyMs: 0 });
		s.setFaults({ rateDrop: 0.5 });
		const outcomes = await Promise.all(
			Array.from({ length: 20 }, () =>
				api('GET', '/v1/me').then(
					(r) => r.status,
					() => 'dropped',
				),
			),
		);
		expect(outcomes).toContain('dropped');
		expect(outcomes).toContain(200);
		expect(s.log.filter((e) => e.fault === 'drop').length).toBe(outcomes.filter((o) => o === 'dropped').length);
	});
});
