// Resilience: bulk sends through Message > Send while the stand-in injects 429s, 5xx answers and
// dropped connections. Every item must end as a success or a clear error item, no message may
// reach Hero twice, none may be lost, and a POST answered 5xx or cut off is reported, never resent.
import type { LogEntry } from '../standin';
import type { Standin } from './helpers';
import { byId, items, runHero, startTestStandin } from './helpers';

let standin: Standin;

beforeAll(async () => {
	standin = await startTestStandin({ maxLogEntries: 50_000 });
});

beforeEach(() => standin.reset());

afterAll(async () => {
	await standin.close();
});

const sendEach = (extra: Record<string, unknown> = {}) => ({
	resource: 'message',
	operation: 'send',
	patientId: byId('={{ $json.patientId }}'),
	channel: 'sms',
	message: '={{ $json.text }}',
	...extra,
});

function texts(count: number, label: string) {
	return Array.from({ length: count }, (_, i) => `${label} ${i}: your flu jab is due`);
}

/** Every request the stand-in received for each text, in arrival order. */
function attemptsByText(log: LogEntry[]): Map<string, LogEntry[]> {
	const byText = new Map<string, LogEntry[]>();
	for (const entry of log) {
		if (entry.path !== '/v1/messages/send') continue;
		const text = (entry.body as { message_string?: string } | null)?.message_string ?? '';
		byText.set(text, [...(byText.get(text) ?? []), entry]);
	}
	return byText;
}

describe('1,000 sends with 20% 429s, 5% 5xx and 2% dropped connections', () => {
	it('ends every item as a success or a clear error item, in order, with nothing sent twice or lost', async () => {
		const count = 1000;
		const sent = texts(count, 'Resilience');
		const patientId = standin.fixtures.patient.id;
		standin.setFaults({ rate429: 0.2, rate5xx: 0.05, rateDrop: 0.02 });

		const result = await runHero(standin, sendEach(), {
			items: items(sent.map((text) => ({ patientId, text }))),
			continueOnFail: true,
			// Paced, but fast enough that the run takes seconds; a 429 then backs off for about one gap.
			credentials: { rateLimitPerMinute: 600_000 },
		});
		standin.setFaults({ rate429: 0, rate5xx: 0, rateDrop: 0 });

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(count);
		expect(result.items.map((item) => item.pairedItem)).toEqual(sent.map((_, item) => ({ item })));

		const attempts = attemptsByText(standin.log);
		const faults = standin.log.map((entry) => entry.fault);
		// The faults really happened, in roughly the shares asked for.
		expect(faults.filter((fault) => fault === '429').length).toBeGreaterThan(150);
		expect(faults.filter((fault) => fault === '5xx').length).toBeGreaterThan(25);
		expect(faults.filter((fault) => fault === 'drop').length).toBeGreaterThan(5);

		let successes = 0;
		let reported = 0;
		result.items.forEach(({ json }, i) => {
			const tries = attempts.get(sent[i]) ?? [];
			const landed = tries.filter((entry) => entry.fault === null && entry.status === 200);
			// Only 429s (refused, so not acted on) may come before the last attempt: nothing after a 5xx or a drop.
			expect(tries.slice(0, -1).every((entry) => entry.fault === '429')).toBe(true);
			if (json.error === undefined) {
				successes++;
				expect(landed).toHaveLength(1);
				expect(json.message_id).toBe((landed[0].responseBody as { message_id: string }).message_id);
				expect(json.content).toBe(sent[i]);
			} else {
				reported++;
				expect(landed).toHaveLength(0);
				const last = tries[tries.length - 1];
				expect(json.error).toContain(`[item ${i}]`);
				expect(json.description).toMatch(/not resent/);
				if (last?.fault === '5xx') {
					expect(json.error).toMatch(new RegExp(`server error \\(${last.status}\\) on POST /v1/messages/send`));
					expect(json.httpCode).toBe(String(last.status));
				} else {
					// dropped by the stand-in (or a kept-alive socket it closed): no answer came
					expect(json.error).toMatch(/Could not reach Hero Health for POST \/v1\/messages\/send/);
				}
			}
		});

		expect(result.items.filter(({ json }) => json.httpCode === '429')).toHaveLength(0);
		expect(reported).toBeGreaterThan(30);
		expect(successes + reported).toBe(count);
		// Hero holds exactly the messages the workflow was told were sent: none twice, none extra.
		expect(standin.state.messages.map((message) => message.content).sort()).toEqual(
			result.items
				.filter(({ json }) => json.error === undefined)
				.map(({ json }) => json.content)
				.sort(),
		);
	});
});

describe('several requests in flight', () => {
	it('keeps to the rate limit and the input order while answers are slow', async () => {
		const count = 100;
		const sent = texts(count, 'Paced');
		const perMinute = 3000; // one request every 20 ms
		// A process's first request takes n8n's HTTP stack ~20 ms longer to put on the wire, as long as
		// the 1-second window below has to spare; in a running n8n that cost is long paid.
		await runHero(standin, { resource: 'practiceGroup', operation: 'get' }, { credentials: { rateLimitPerMinute: perMinute } });
		// The stand-in enforces the rate over a 1-second window, so any burst would be answered 429. It
		// allows 10% over: on a loaded machine a few paced requests reach it bunched by the event loop.
		standin.setConfig({ rateLimitPerMinute: perMinute * 1.1, rateWindowMs: 1000, latencyMs: 60 });
		standin.reset();
		const started = Date.now();
		try {
			const result = await runHero(standin, sendEach(), {
				items: items(sent.map((text) => ({ patientId: standin.fixtures.patient.id, text }))),
				credentials: { rateLimitPerMinute: perMinute },
			});
			const elapsed = Date.now() - started;

			expect(result.error).toBeUndefined();
			expect(result.items.map(({ json }) => json.content)).toEqual(sent);
			expect(result.items.map((item) => item.pairedItem)).toEqual(sent.map((_, item) => ({ item })));
			expect(standin.log.filter((entry) => entry.status === 429)).toHaveLength(0);
			// Requests leave in input order, at least one gap apart.
			const sends = standin.log.filter((entry) => entry.path === '/v1/messages/send');
			expect(sends.map((entry) => (entry.body as { message_string: string }).message_string)).toEqual(sent);
			expect(elapsed).toBeGreaterThanOrEqual((count - 1) * 20);
			// One at a time would take count × (60 ms + 20 ms) = 8 s; in flight it is paced at the limit.
			expect(elapsed).toBeLessThan(count * 40);
		} finally {
			standin.setConfig({ rateLimitPerMinute: 0, rateWindowMs: 60_000, latencyMs: 0 });
		}
	});

	it('takes Requests in Flight from the Options: 1 waits for each answer, 4 do not', async () => {
		standin.setConfig({ latencyMs: 150 });
		try {
			const arrivals = async (inFlight: number) => {
				standin.reset();
				const result = await runHero(standin, sendEach({ options: { requestsInFlight: inFlight } }), {
					items: items(texts(6, `In flight ${inFlight}`).map((text) => ({ patientId: standin.fixtures.patient.id, text }))),
				});
				expect(result.error).toBeUndefined();
				const times = standin.log.map((entry) => Date.parse(entry.time));
				return times.slice(1).map((time, index) => time - times[index]);
			};
			// One in flight: each request leaves only after the previous answer (150 ms) came back.
			expect(Math.min(...(await arrivals(1)))).toBeGreaterThanOrEqual(140);
			// Four in flight: the first four leave without waiting for an answer.
			expect((await arrivals(4)).slice(0, 3).every((gap) => gap < 100)).toBe(true);
		} finally {
			standin.setConfig({ latencyMs: 0 });
		}
	});

	it('without Continue on Fail, stops at the failing item: later items waiting for their turn are not sent', async () => {
		const count = 40;
		const sent = texts(count, 'Stop');
		standin.failNext({ method: 'POST', path: '/v1/messages/send', status: 500, after: 9 });
		const result = await runHero(standin, sendEach({ options: { requestsInFlight: 5 } }), {
			items: items(sent.map((text) => ({ patientId: standin.fixtures.patient.id, text }))),
			// One request every 50 ms: items 10-13 are waiting for their turn when item 9's 500 comes back.
			credentials: { rateLimitPerMinute: 1200 },
		});

		expect(result.error?.message).toMatch(/server error \(500\).*\[item 9\]/);
		expect(result.error?.description).toMatch(/not resent/);
		const arrived = standin.log.map((entry) => (entry.body as { message_string: string }).message_string);
		expect(arrived).toEqual(sent.slice(0, 10));
	});

	it('runs booking one item at a time whatever the setting, since items may share a slot', async () => {
		const slot = standin.state.slots.find((candidate) => candidate.appointment_id === null)!;
		const reserve = {
			resource: 'appointment',
			operation: 'reserve',
			slotSelection: 'slot',
			slotId: slot.id,
			patientId: byId('={{ $json.patientId }}'),
			options: { requestsInFlight: 10 },
		};
		const result = await runHero(standin, reserve, {
			items: items([{ patientId: '1001' }, { patientId: '1002' }, { patientId: '1003' }]),
			continueOnFail: true,
		});

		expect(result.items[0].json.error).toBeUndefined();
		// Items 1 and 2 look the slot up after item 0 reserved it, so Hero no longer offers it.
		expect(result.items[1].json.error).toMatch(/\[item 1\]/);
		expect(result.items[2].json.error).toMatch(/\[item 2\]/);
		expect(standin.log.map((entry) => entry.operationId)).toEqual(['getSlot', 'createAppointment', 'getSlot', 'getSlot']);
	});
});
