// Bad values that must be refused before anything is sent: the credential's rate limit, base URL,
// API key and practice group ID, and message text over the length Hero can deliver. Each refusal
// names the field and the item; the stand-in's log proves nothing left.
import type { Standin } from './helpers';
import { items, messageSendParameters, answeredRequestsTo, runHero, setUpTestStandin } from './helpers';

let standin: Standin;
setUpTestStandin((started) => (standin = started));

const getPracticeGroup = { resource: 'practiceGroup', operation: 'get' };

describe('the credential', () => {
	it.each([
		[
			'a negative rate limit',
			{ rateLimitPerMinute: -5 },
			'Rate Limit (Requests per Minute)',
			'"-5" is not a whole number of at least 1',
		],
		[
			'a zero rate limit',
			{ rateLimitPerMinute: 0 },
			'Rate Limit (Requests per Minute)',
			'"0" is not a whole number of at least 1',
		],
		['a fractional rate limit', { rateLimitPerMinute: 1.5 }, 'Rate Limit (Requests per Minute)', 'not a whole number'],
		['a line break in the API key', { apiKey: 'hero-test-\nkey' }, 'API Key', 'line break'],
		['a space in the practice group ID', { practiceGroupId: 'pg_standin_1 ' }, 'Practice Group ID', 'space'],
		['dot segments in the base URL', { baseUrl: 'BASE/v1/../../admin' }, 'Base URL', '".." path segment'],
		['encoded dot segments in the base URL', { baseUrl: 'BASE/%2e%2e/admin' }, 'Base URL', '".." path segment'],
		['a query in the base URL', { baseUrl: 'BASE?tenant=1' }, 'Base URL', 'query'],
		['a fragment in the base URL', { baseUrl: 'BASE#x' }, 'Base URL', 'fragment'],
		['another scheme', { baseUrl: 'ftp://127.0.0.1:4010' }, 'Base URL', 'is not of the form http(s)://host[:port][/path]'],
		['a user name in the base URL', { baseUrl: 'http://user:pass@127.0.0.1:4010' }, 'Base URL', 'is not of the form'],
	])('refuses %s, naming the field and the item, and sends nothing', async (_, override, field, problem) => {
		const credentials = Object.fromEntries(
			Object.entries(override).map(([name, value]) => [
				name,
				typeof value === 'string' ? value.replace('BASE', standin.url) : value,
			]),
		);
		const result = await runHero(standin, getPracticeGroup, { credentials, items: items(2), continueOnFail: true });
		expect(result.items.map((item) => String(item.json.error))).toEqual(
			[0, 1].map((item) => expect.stringContaining(`Invalid ${field} in the Hero Health API credential [item ${item}]: `)),
		);
		expect(String(result.items[0].json.error)).toContain(problem);
		expect(JSON.stringify(result.items)).not.toContain('hero-test-\nkey');
		expect(standin.log).toEqual([]);
	});

	it('accepts a rate limit Hero raised above 300, and a base URL with a path', async () => {
		const raised = await runHero(standin, getPracticeGroup, { credentials: { rateLimitPerMinute: 1200 } });
		expect(raised.error).toBeUndefined();
		const withPath = await runHero(standin, getPracticeGroup, { credentials: { baseUrl: `${standin.url}/` } });
		expect(withPath.error).toBeUndefined();
		expect(standin.log.map((entry) => entry.path)).toEqual(['/v1/me', '/v1/me']);
	});

	it('blames the base URL, not a record, when a list is not found there', async () => {
		const result = await runHero(
			standin,
			{ resource: 'location', operation: 'getAll', returnAll: true },
			{ credentials: { baseUrl: `${standin.url}/hero` } },
		);
		expect(result.error?.message).toBe(`Hero Health has no GET /v1/locations at ${standin.url}/hero (404) [item 0]`);
		expect(result.error?.description).toContain('check the Environment and Base URL of the Hero Health API credential');
		expect(standin.log.map((entry) => entry.path)).toEqual(['/hero/v1/locations']);
	});
});

describe('message text', () => {
	const long = (length: number) => 'flu'.repeat(length).slice(0, length);

	it('refuses an SMS over six text message parts, with its length, and sends the rest', async () => {
		const texts = [long(918), long(10_000), long(919)];
		const result = await runHero(standin, messageSendParameters('1001', 'sms', '={{ $json.text }}'), {
			items: items(texts.map((text) => ({ text }))),
			continueOnFail: true,
		});
		expect(result.items.map((item) => item.json.error)).toEqual([
			undefined,
			'Invalid Message [item 1]: it is 10,000 characters long; the limit for SMS (six text message parts) is 918',
			'Invalid Message [item 2]: it is 919 characters long; the limit for SMS (six text message parts) is 918',
		]);
		expect(
			answeredRequestsTo(standin, 'POST', '/v1/messages/send').map(
				(entry) => (entry.body as { message_string: string }).message_string.length,
			),
		).toEqual([918]);
	});

	it('lets a long email through, and holds an NHS App message to the SMS limit when SMS is its fallback', async () => {
		const email = await runHero(standin, messageSendParameters('1001', 'email', long(10_000)));
		expect(email.error).toBeUndefined();
		const nhsApp = await runHero(
			standin,
			messageSendParameters('1001', 'nhs_app', long(2_000), {
				options: { fallbackChannel: 'sms' },
			}),
		);
		expect(nhsApp.error?.message).toBe(
			'Invalid Message [item 0]: it is 2,000 characters long; the limit for SMS (six text message parts) is 918',
		);
		expect(answeredRequestsTo(standin, 'POST', '/v1/messages/send')).toHaveLength(1);
	});

	it('refuses a batch SMS over the limit before creating the batch', async () => {
		const result = await runHero(standin, {
			resource: 'batchMessage',
			operation: 'create',
			name: 'Flu clinic',
			channel: 'sms',
			message: long(5_000),
			recipientSource: 'list',
			recipientList: { recipient: [{ nhsNumber: '943 476 5919', dateOfBirth: '1986-01-15' }] },
		});
		expect(result.error?.message).toBe(
			'Invalid Message [item 0]: it is 5,000 characters long; the limit for SMS (six text message parts) is 918',
		);
		expect(standin.log).toEqual([]);
	});
});
