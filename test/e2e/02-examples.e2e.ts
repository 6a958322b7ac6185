// Each example workflow in examples/, exactly as committed, run headless in real n8n against the stand-in:
// `n8n execute` for the manual ones, the production webhook URL for the Elements-token one.
// Each test checks the workflow's output and what reached Hero (the stand-in's request log and state).
import { DEMO_CALLER_CREDENTIAL } from '../../scripts/lib/n8n/credentials';
import {
	contractViolationsSince,
	e2e,
	example,
	execute,
	lastSeq,
	logSince,
	londonClockTime,
	outputOf,
	publicApi,
	STANDIN_KEY,
	standinState,
	waitFor,
} from './helpers';

let since = 0;

beforeAll(async () => {
	since = await lastSeq();
});

async function runExample(file: string) {
	const workflow = example(file);
	const before = await lastSeq();
	const result = await execute(workflow.id);
	const error = result.run?.data?.resultData?.error;
	if (result.code !== 0 || !result.run || error) {
		throw new Error(
			`n8n execute --id=${workflow.id} failed (exit ${result.code}): ${error ? JSON.stringify(error).slice(0, 2000) : ''}\n${result.stdout.slice(-3000)}\n${result.stderr.slice(-2000)}`,
		);
	}
	expect(result.run.status).toBe('success');
	const log = await logSince(before);
	return { workflow, run: result.run, log, ops: log.map((entry) => entry.operationId) };
}

it('04 book the first free slot: books the earliest free slot for the patient and confirms the time by SMS', async () => {
	const { run, log, ops } = await runExample('04-book-first-free-slot-confirm-sms.json');
	expect(ops).toEqual(['listSlots', 'getSlot', 'createAppointment', 'bookAppointment', 'sendMessage']);
	const [slot] = outputOf<{ id: string; start_time: string }>(run, 'Find free slots');
	expect(log[0].query).toMatchObject({ appointment_type_id: '1', location_id: '1' });
	expect(Date.parse(slot.start_time)).toBeGreaterThan(Date.now());

	const [appointment] = outputOf<{ id: string | number }>(run, 'Book the slot');
	expect(appointment).toMatchObject({ patient_id: '1001', start_time: slot.start_time });
	const stored = (await standinState()).appointments.find((a) => a.id === String(appointment.id));
	expect(stored).toMatchObject({ status: 'booked', patient_id: '1001', slot_id: slot.id });

	const londonTime = londonClockTime(slot.start_time);
	expect(log[4].body).toMatchObject({ patient_id: '1001', message_type: 'sms' });
	expect((log[4].body as { message_string: string }).message_string).toContain(`at ${londonTime}`);
});

describe('05 Elements token', () => {
	const workflow = example('05-elements-token-for-web-page.json');
	const webhook = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.webhook')!;
	const allowedOrigin = (webhook.parameters.options as { allowedOrigins: string }).allowedOrigins;
	const caller = DEMO_CALLER_CREDENTIAL.data as { name: string; value: string };
	const otherOrigin = 'https://somebody-else.example';
	let url = '';

	/** A GET of the production URL, as a page's server (or anyone else) would send it; what Hero received for it. */
	async function ask(headers: Record<string, string>) {
		const before = await lastSeq();
		const res = await fetch(url, { headers });
		const text = await res.text();
		// with responseNode the answer comes after the workflow ran, so every request it made is in the log by now
		return { res, text, log: await logSince(before) };
	}

	beforeAll(async () => {
		await publicApi('POST', `/workflows/${workflow.id}/activate`);
		url = `${e2e().n8nUrl}/webhook/${webhook.parameters.path}`;
		// activation happens in the background: poll, without the credential, until the URL answers
		await waitFor('the webhook to be live', async () => (await fetch(url)).status !== 404);
	});

	afterAll(async () => {
		await publicApi('POST', `/workflows/${workflow.id}/deactivate`);
	});

	it.each([
		['no credential', {}],
		['a wrong value', { [caller.name]: 'not-the-caller-key' }],
		['the value under another header', { 'x-api-key': caller.value }],
	])('refuses a request with %s: 401 or 403, no token, nothing sent to Hero', async (_, headers: Record<string, string>) => {
		for (const origin of [allowedOrigin, otherOrigin]) {
			const { res, text, log } = await ask({ origin, ...headers });
			expect([401, 403]).toContain(res.status);
			expect(text).not.toMatch(/token|eyJ/i);
			expect(log).toEqual([]);
		}
	});

	it('mints exactly one fresh token per request with the credential, never showing the API key', async () => {
		const tokens: string[] = [];
		for (let i = 0; i < 3; i++) {
			const { res, text, log } = await ask({ [caller.name]: caller.value });
			expect(res.status).toBe(200);
			expect(res.headers.get('cache-control')).toBe('no-store');
			expect(text).not.toContain(STANDIN_KEY.apiKey);
			const body = JSON.parse(text) as { token: string; expires_at: string };
			expect(Object.keys(body).sort()).toEqual(['expires_at', 'token']);
			const claims = JSON.parse(Buffer.from(body.token.split('.')[1], 'base64url').toString('utf8')) as {
				exp: number;
				jti: string;
			};
			expect(new Date(body.expires_at).getTime()).toBe(claims.exp * 1000);
			expect(claims.exp * 1000 - Date.now()).toBeGreaterThan(25 * 60_000);
			expect(log.map((entry) => [entry.operationId, entry.status, entry.headers['x-api-key']])).toEqual([
				['createAccessToken', 200, STANDIN_KEY.apiKey],
			]);
			expect((await standinState()).accessTokens.filter((t) => t.jti === claims.jti)).toHaveLength(1);
			tokens.push(body.token);
		}
		expect(new Set(tokens).size).toBe(3);
	});

	it('names only the allowed origin in its CORS headers, whatever the Origin; the credential, not CORS, keeps others out', async () => {
		for (const [origin, headers] of [
			[allowedOrigin, { [caller.name]: caller.value }],
			[otherOrigin, { [caller.name]: caller.value }],
			[otherOrigin, {}],
		] as const) {
			const { res, log } = await ask({ origin, ...headers });
			const cors = [...res.headers].filter(([name]) => name.startsWith('access-control-'));
			expect(cors.filter(([, value]) => value.includes('://'))).toEqual([['access-control-allow-origin', allowedOrigin]]);
			// another site's server still gets a token with the credential (browsers would only refuse to show it
			// to another site's page); without it, nobody does
			expect([res.status, log.length]).toEqual(caller.name in headers ? [200, 1] : [403, 0]);
		}
	});
});

it('every request the stand-in received matched the Hero contract', async () => {
	expect(await contractViolationsSince(since)).toEqual([]);
});
