import { HeroHealthApi } from '../credentials/HeroHealthApi.credentials';
import { HERO_ENVIRONMENT_URLS, baseUrlFor } from '../nodes/HeroHealth/transport/request';
import { HeroTransportProbe } from './fixtures/HeroTransportProbe.node';
import { testCredential } from './harness';
import type { RunNodeResult } from './harness';
import type { Standin } from './helpers';
import { items, answeredRequestsTo, runHero, standinCredentials, setUpTestStandin } from './helpers';

let standin: Standin;
const everything: unknown[] = [];

/** Runs the probe node: each input item's json is one request ({method, path, body, qs, subject}). */
async function probe(
	requests: Array<Record<string, unknown>>,
	options: { continueOnFail?: boolean; parameters?: Record<string, unknown>; credentials?: Record<string, unknown> } = {},
): Promise<RunNodeResult> {
	const result = await runHero(standin, (options.parameters ?? {}) as never, {
		nodeType: new HeroTransportProbe(),
		items: items(requests),
		continueOnFail: options.continueOnFail ?? true,
		credentials: options.credentials as never,
	});
	everything.push(result.items, result.error?.message, result.error?.description, result.logs);
	return result;
}

setUpTestStandin((started) => (standin = started));

describe('credential', () => {
	it('injects x-api-key and x-practice-group-id from the credential', async () => {
		const result = await runHero(standin, { resource: 'practiceGroup', operation: 'get' });
		expect(result.error).toBeUndefined();
		const [entry] = answeredRequestsTo(standin, 'GET', '/v1/me');
		expect(entry.headers['x-api-key']).toBe(standin.keys.full.apiKey);
		expect(entry.headers['x-practice-group-id']).toBe(standin.keys.full.practiceGroupId);
		everything.push(result.items, result.logs);
	});

	it('resolves each environment to its base URL, in the transport and in the credential test', () => {
		const expected: Record<string, string> = {
			production: 'https://api.herohealth.net',
			staging: 'https://api.staging.htech.app',
			mock: 'https://developer.herohealth.net/_mock/apis/public-api/openapi',
			custom: 'http://127.0.0.1:4010',
		};
		const testRequest = new HeroHealthApi().test.request;
		// The credential test's baseURL is an n8n expression; its body is plain JavaScript over $credentials.
		const baseUrlExpression = String(testRequest.baseURL).replace(/^={{/, '').replace(/}}$/, '');
		const evaluate = new Function('$credentials', `return ${baseUrlExpression}`);
		for (const [environment, url] of Object.entries(expected)) {
			const credentials = { apiKey: 'k', practiceGroupId: 'p', environment, baseUrl: 'http://127.0.0.1:4010/' };
			expect(baseUrlFor(credentials as never)).toBe(url);
			expect(evaluate(credentials)).toBe(url);
		}
		expect(Object.values(HERO_ENVIRONMENT_URLS)).toHaveLength(3);
		expect(testRequest.url).toBe('/v1/me');
	});

	it('passes the credential test with a good key', async () => {
		const result = await testCredential(new HeroHealthApi(), standinCredentials(standin));
		expect(result).toMatchObject({ status: 'OK' });
		expect(answeredRequestsTo(standin, 'GET', '/v1/me')).toHaveLength(1);
	});

	it('fails the credential test with a clear message on a bad key', async () => {
		const result = await testCredential(new HeroHealthApi(), standinCredentials(standin, { apiKey: 'not-a-key' }));
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/unauthori[sz]ed/i);
	});
});

describe('errors carry Hero’s words', () => {
	it('renders a 400 validation list as readable lines', async () => {
		const result = await probe([{ method: 'POST', path: '/v1/patients/register', body: { dob: 123 } }]);
		const [item] = result.items;
		expect(item.json.httpCode).toBe('400');
		expect(item.json.error).toMatch(/rejected the request as invalid \(400\)/);
		expect(item.json.description).toMatch(/^dob: expected string/m);
	});

	it('names the blocked channels of a gdpr_restriction', async () => {
		const patient = standin.fixtures.restrictedSmsEmail;
		const result = await probe([
			{
				method: 'POST',
				path: '/v1/messages/send',
				body: { patient_id: patient.id, message_type: 'sms', message_string: 'Your results are ready' },
			},
		]);
		const [item] = result.items;
		expect(item.json.error).toMatch(/gdpr_restriction/);
		for (const channel of patient.restrictions) expect(item.json.error).toContain(channel);
		expect(item.json.description).toMatch(/Hero said: .+/);
	});

	it('explains 401 as a key problem and 403 as a scope or practice-group problem', async () => {
		const unauthorised = await runHero(
			standin,
			{ resource: 'practiceGroup', operation: 'get' },
			{ credentials: { apiKey: 'wrong-key' } },
		);
		expect(unauthorised.error?.message).toMatch(/did not accept the API key \(401/);
		expect(unauthorised.error?.description).toMatch(/staging and production keys differ/);

		const forbidden = await runHero(
			standin,
			{ resource: 'practiceGroup', operation: 'get' },
			{ credentials: { practiceGroupId: 'pg_somebody_else' } },
		);
		expect(forbidden.error?.message).toMatch(/refused access to GET \/v1\/me \(403/);
		expect(forbidden.error?.description).toMatch(/scope .* or the Practice Group ID/);
		expect(forbidden.error?.description).toMatch(/Hero said: /);
		everything.push(unauthorised.error?.message, unauthorised.error?.description, forbidden.error?.message);
	});

	it('names what was not found on a 404', async () => {
		const result = await probe([{ method: 'GET', path: '/v1/patients/99999999', subject: 'patient 99999999' }]);
		expect(result.items[0].json.error).toMatch(/Not found: Hero Health has no patient 99999999 \(404\)/);
		expect(result.items[0].json.description).toMatch(/Hero said: /);
	});

	it('reports a 500 on a write without resending it', async () => {
		standin.failNext({ method: 'POST', path: '/v1/access_token', status: 500, body: { message: 'Unknown error' } });
		const result = await runHero(standin, { resource: 'practiceGroup', operation: 'createAccessToken' });
		expect(result.error?.message).toMatch(/server error \(500\) on POST \/v1\/access_token/);
		expect(result.error?.description).toMatch(/Hero said: Unknown error/);
		expect(result.error?.description).toMatch(/not resent/);
		expect(standin.log.filter((entry) => entry.path === '/v1/access_token')).toHaveLength(1);
		everything.push(result.error?.message, result.error?.description, result.logs);
	});

	it('does not resend a write whose connection dropped', async () => {
		standin.failNext({ method: 'POST', path: '/v1/access_token', drop: true });
		const result = await runHero(standin, { resource: 'practiceGroup', operation: 'createAccessToken' });
		expect(result.error?.message).toMatch(/Could not reach Hero Health for POST \/v1\/access_token/);
		expect(result.error?.description).toMatch(/not resent/);
		expect(standin.log.filter((entry) => entry.path === '/v1/access_token')).toHaveLength(1);
	});

	it('retries a GET answered 5xx and succeeds', async () => {
		standin.failNext({ method: 'GET', path: '/v1/me', status: 503, times: 2 });
		const result = await runHero(standin, { resource: 'practiceGroup', operation: 'get' });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json.id).toBe(standin.keys.full.practiceGroupId);
		const attempts = standin.log.filter((entry) => entry.path === '/v1/me');
		expect(attempts.map((entry) => entry.status)).toEqual([503, 503, 200]);
	});

	it('gives up on a GET that keeps failing, with Hero’s message', async () => {
		standin.failNext({ method: 'GET', path: '/v1/me', status: 500, times: 10, body: { message: 'Database on fire' } });
		const result = await runHero(standin, { resource: 'practiceGroup', operation: 'get' });
		expect(result.error?.message).toMatch(/server error \(500\)/);
		expect(result.error?.description).toMatch(/Database on fire/);
		expect(standin.log.filter((entry) => entry.path === '/v1/me')).toHaveLength(4);
	});
});

describe('pacing and 429s', () => {
	it('waits out a 429 storm and lands every request exactly once', async () => {
		standin.setFaults({ rate429: 0.4 });
		const requests = Array.from({ length: 30 }, (_, i) => ({
			method: 'POST',
			path: '/v1/messages/send',
			body: { patient_id: standin.fixtures.patient.id, message_type: 'sms', message_string: `Reminder number ${i}` },
		}));
		const result = await probe(requests, { continueOnFail: false, credentials: { rateLimitPerMinute: 6000 } });
		standin.setFaults({ rate429: 0 });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(30);
		expect(standin.log.filter((entry) => entry.fault === '429').length).toBeGreaterThan(0);
		const landed = answeredRequestsTo(standin, 'POST', '/v1/messages/send').map(
			(entry) => (entry.body as { message_string: string }).message_string,
		);
		expect(landed.sort()).toEqual(requests.map((request) => request.body.message_string).sort());
	});

	it('holds the key when Hero’s RateLimit headers say nothing is left, so a too-high Rate Limit meets no 429', async () => {
		// Hero allows 10 requests a second here; the credential says 200 a second.
		standin.setConfig({ rateLimitPerMinute: 600, rateWindowMs: 1000, rateLimitHeaders: true });
		try {
			const result = await probe(
				Array.from({ length: 25 }, () => ({ method: 'GET', path: '/v1/me' })),
				{ continueOnFail: false, credentials: { rateLimitPerMinute: 12_000 } },
			);
			expect(result.error).toBeUndefined();
			expect(result.items).toHaveLength(25);
			expect(standin.log.filter((entry) => entry.status === 429)).toHaveLength(0);
		} finally {
			standin.setConfig({ rateLimitPerMinute: 0, rateWindowMs: 60_000, rateLimitHeaders: false });
		}
	});

	it('holds requests to the credential rate so Hero never answers 429', async () => {
		standin.setConfig({ rateLimitPerMinute: 600 });
		try {
			const started = Date.now();
			const result = await runHero(
				standin,
				{ resource: 'practiceGroup', operation: 'get' },
				{ items: items(12), credentials: { rateLimitPerMinute: 600, apiKey: standin.keys.full.apiKey } },
			);
			expect(result.items).toHaveLength(12);
			expect(standin.log.filter((entry) => entry.status === 429)).toHaveLength(0);
			// 600/min is one request per 100 ms (plus the 2% margin): 12 requests span at least 11 gaps.
			expect(Date.now() - started).toBeGreaterThanOrEqual(11 * 100);
		} finally {
			standin.setConfig({ rateLimitPerMinute: 0 });
		}
	});
});

describe('pagination', () => {
	const patientList = { method: 'GET', path: '/v1/patients' };

	it('walks every page once with Return All', async () => {
		const result = await probe([patientList], { parameters: { paginate: true, returnAll: true, pageSize: 7 } });
		const ids = result.items.map((item) => String(item.json.hero_id ?? item.json.id));
		const expected = standin.state.patients.map((patient) => String(patient.id));
		expect(expected.length).toBeGreaterThan(14);
		expect(ids.sort()).toEqual([...expected].sort());
		const pages = answeredRequestsTo(standin, 'GET', '/v1/patients');
		expect(pages.length).toBe(Math.ceil(expected.length / 7));
	});

	it('stops early at the Limit', async () => {
		const result = await probe([patientList], { parameters: { paginate: true, returnAll: false, limit: 9, pageSize: 7 } });
		expect(result.items).toHaveLength(9);
		expect(answeredRequestsTo(standin, 'GET', '/v1/patients')).toHaveLength(2);
	});
});

describe('Practice Group in n8n’s engine', () => {
	it.each([
		['get', '/v1/me'],
		['getConfiguration', '/v1/me/configuration'],
		['getCapabilities', '/v1/me/capabilities'],
	])('%s returns one output per input, paired', async (operation, path) => {
		const result = await runHero(standin, { resource: 'practiceGroup', operation }, { items: items(3) });
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(answeredRequestsTo(standin, 'GET', path)).toHaveLength(3);
		everything.push(result.items);
	});

	it('gets the elements as one item per element, each paired to the input item that asked', async () => {
		const result = await runHero(standin, { resource: 'practiceGroup', operation: 'getElements' }, { items: items(2) });
		expect(result.error).toBeUndefined();
		// the stand-in assigns two elements to its practice group
		expect(result.items.map((item) => [(item.json.element as { name: string }).name, item.pairedItem])).toEqual([
			['message-builder', { item: 0 }],
			['booking-widget', { item: 0 }],
			['message-builder', { item: 1 }],
			['booking-widget', { item: 1 }],
		]);
		expect(answeredRequestsTo(standin, 'GET', '/v1/me/elements')).toHaveLength(2);
		everything.push(result.items);
	});

	it('creates an access token that says when it expires', async () => {
		const before = Date.now();
		const result = await runHero(standin, { resource: 'practiceGroup', operation: 'createAccessToken' }, { items: items(2) });
		expect(result.items).toHaveLength(2);
		const token = result.items[0].json;
		expect(String(token.access_token).split('.')).toHaveLength(3);
		const expiresAt = Date.parse(String(token.expires_at));
		expect(expiresAt).toBeGreaterThanOrEqual(before + 29 * 60_000);
		expect(expiresAt).toBeLessThanOrEqual(Date.now() + 31 * 60_000);
		expect(token.expiry_note).toMatch(/expires after 30 minutes/);
		expect(answeredRequestsTo(standin, 'POST', '/v1/access_token')).toHaveLength(2);
		everything.push(result.items);
	});

	it('turns a failing item into an error item under Continue on Fail while the others succeed', async () => {
		standin.failNext({ method: 'GET', path: '/v1/me', status: 404, body: { message: 'No practice group' } });
		// failNext hits the first matching request: item 0 fails, items 1 and 2 succeed.
		const result = await runHero(
			standin,
			{ resource: 'practiceGroup', operation: 'get' },
			{ items: items(3), continueOnFail: true },
		);
		expect(result.items).toHaveLength(3);
		// /v1/me always exists, so its 404 points at the credential's address, not at a missing record.
		expect(result.items[0].json.error).toMatch(/Hero Health has no GET \/v1\/me at http:\/\/127\.0\.0\.1:\d+ \(404\) \[item 0\]/);
		expect(result.items[0].json.description).toMatch(/No practice group/);
		expect(result.items[0].json.description).toMatch(/check the Environment and Base URL/);
		expect(result.items[1].json.id).toBe(standin.keys.full.practiceGroupId);
		expect(result.items[2].json.id).toBe(standin.keys.full.practiceGroupId);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		everything.push(result.items);
	});

	it('stops the run with the item named when Continue on Fail is off', async () => {
		standin.failNext({ method: 'GET', path: '/v1/me', status: 404 });
		const result = await runHero(standin, { resource: 'practiceGroup', operation: 'get' }, { items: items(2) });
		expect(result.error?.message).toMatch(/\[item 0\]/);
		expect(result.items).toHaveLength(0);
	});
});

describe('secrets', () => {
	it('never shows the API key in any output, error or log line these tests produced', () => {
		expect(everything.length).toBeGreaterThan(20);
		const text = JSON.stringify(everything);
		expect(text).not.toContain(standin.keys.full.apiKey);
	});
});
