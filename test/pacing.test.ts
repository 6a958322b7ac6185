// heroRequest as n8n's queue-mode workers run it: each process is a fresh copy of the transport
// module (its own limiters, nothing shared), against a Hero that counts each key's requests over a
// sliding 60-second window. Time is Jest's fake clock, so minutes of pacing run in moments and
// nothing depends on today's date.
import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import type { HeroContext } from '../nodes/HeroHealth/transport/request';
import { createRateLimiter } from '../standin/auth';

type Transport = typeof import('../nodes/HeroHealth/transport/request');

const L = 600;
const MINUTE = 60_000;
const LATENCY_MS = 20;

/** A new n8n process: its own copy of the transport, so its own per-key limiter. */
function newProcess(): Transport {
	let transport: Transport | undefined;
	jest.isolateModules(() => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports -- jest.isolateModules loads a fresh copy only through a synchronous require
		transport = require('../nodes/HeroHealth/transport/request');
	});
	return transport as Transport;
}

interface Answer {
	statusCode: number;
	headers?: Record<string, string>;
}

interface Arrival {
	at: number;
	status: number;
	text: string;
}

/**
 * Hero for one key: the stand-in's sliding-window count at `perMinute`, unless `special` answers
 * first. Every request is logged with the moment it arrived.
 */
class FakeHero {
	readonly log: Arrival[] = [];

	private readonly window = createRateLimiter();

	constructor(
		private readonly perMinute = L,
		private readonly special?: (at: number, arrival: number) => Answer | undefined,
	) {}

	async answer(options: IHttpRequestOptions) {
		await new Promise((resolve) => setTimeout(resolve, LATENCY_MS / 2));
		const at = Date.now();
		const answer: Answer = this.special?.(at, this.log.length) ?? {
			statusCode: this.window.check('key', this.perMinute, at, MINUTE) === null ? 200 : 429,
		};
		this.log.push({ at, status: answer.statusCode, text: String((options.body as IDataObject)?.message_string) });
		await new Promise((resolve) => setTimeout(resolve, LATENCY_MS / 2));
		return { statusCode: answer.statusCode, headers: answer.headers ?? {}, body: { message_id: String(this.log.length) } };
	}

	get refused() {
		return this.log.filter((arrival) => arrival.status === 429).length;
	}

	/**
	 * Another client on the key: one request every `gapMs` until `until` settles, answered like any
	 * other and never resent. Resolves with the moments and statuses of its requests.
	 */
	async otherClient(gapMs: number, until: Promise<unknown>): Promise<Arrival[]> {
		let done = false;
		void until.finally(() => (done = true));
		const requests: Arrival[] = [];
		for (let i = 0; !done; i++) {
			const at = Date.now();
			const status = this.window.check('key', this.perMinute, at, MINUTE) === null ? 200 : 429;
			requests.push({ at, status, text: `other ${i}` });
			await new Promise((resolve) => setTimeout(resolve, gapMs));
		}
		return requests;
	}
}

let keys = 0;

/** What heroRequest needs of n8n's execute context, with a key of its own per test. */
function context(hero: FakeHero, apiKey = `pacing-key-${++keys}`): HeroContext {
	return {
		getCredentials: async () => ({
			apiKey,
			practiceGroupId: 'pg_1',
			environment: 'custom',
			baseUrl: 'http://hero.invalid',
			rateLimitPerMinute: L,
		}),
		getNode: () => ({ id: '1', name: 'Hero Health', type: 'heroHealth', typeVersion: 1, position: [0, 0], parameters: {} }),
		helpers: { httpRequestWithAuthentication: async (_type: string, options: IHttpRequestOptions) => await hero.answer(options) },
	} as unknown as HeroContext;
}

const send = (transport: Transport, ctx: HeroContext, text: string) =>
	transport.heroRequest.call(ctx, { method: 'POST', path: '/v1/messages/send', body: { message_string: text } });

/** One execution: `count` messages, 10 in flight (Requests in Flight's default). Resolves with the texts that failed. */
async function execution(transport: Transport, ctx: HeroContext, label: string, count: number): Promise<string[]> {
	const failed: string[] = [];
	let next = 0;
	const lane = async () => {
		while (next < count) {
			const text = `${label} ${next++}`;
			await send(transport, ctx, text).catch(() => failed.push(text));
		}
	};
	await Promise.all(Array.from({ length: 10 }, lane));
	return failed;
}

/** Runs fake time until `work` settles. */
async function settle<T>(work: Promise<T>): Promise<T> {
	let done = false;
	work.then(
		() => (done = true),
		() => (done = true),
	);
	while (!done) {
		if (jest.getTimerCount() === 0) await Promise.resolve();
		await jest.advanceTimersToNextTimerAsync();
	}
	return await work;
}

/** Hero's allowance used: accepted requests per whole window of the run, over L. */
function shareOfAllowance(log: Arrival[]): number {
	const accepted = log.filter((arrival) => arrival.status !== 429).map((arrival) => arrival.at);
	const first = log[0].at;
	const windows = Math.floor((log[log.length - 1].at - first) / MINUTE);
	if (windows === 0) return ((accepted.length - 1) / (accepted[accepted.length - 1] - accepted[0])) * (MINUTE / L);
	return accepted.filter((at) => at < first + windows * MINUTE).length / windows / L;
}

beforeEach(() => jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] }));
afterEach(() => jest.useRealTimers());

describe('processes sharing one key (queue-mode workers)', () => {
	it.each([
		[2, 0.05],
		[4, 0.1],
	])(
		'%i processes: nothing fails, each message reaches Hero once, at most %d answered 429, Hero’s allowance used',
		async (workers, most429) => {
			const hero = new FakeHero();
			const processes = Array.from({ length: workers }, newProcess);
			const apiKey = `shared-key-${workers}`;
			// Two executions per process, 300 messages each: several minutes of Hero's allowance.
			const runs = processes.flatMap((transport, p) =>
				[0, 1].map(async (e) => await execution(transport, context(hero, apiKey), `p${p} e${e}`, 300)),
			);
			const failed = (await settle(Promise.all(runs))).flat();

			expect(failed).toEqual([]);
			const landed = hero.log.filter((arrival) => arrival.status === 200).map((arrival) => arrival.text);
			expect(landed).toHaveLength(workers * 600);
			expect(new Set(landed).size).toBe(workers * 600);
			expect(hero.refused / hero.log.length).toBeLessThanOrEqual(most429);
			expect(shareOfAllowance(hero.log)).toBeGreaterThanOrEqual(0.9);
		},
	);

	it('2 processes leave another client on the key its steady 0.2 L, and take most of the rest evenly', async () => {
		const hero = new FakeHero();
		const processes = [newProcess(), newProcess()];
		const ctx = context(hero, 'shared-key-other-client');
		// The other client has used the key for a minute when two executions start on each process.
		const runs = (async () => {
			await new Promise((resolve) => setTimeout(resolve, MINUTE));
			const all = processes.flatMap((transport, p) =>
				[0, 1].map(async (e) => await execution(transport, ctx, `p${p} e${e}`, 300)),
			);
			return (await Promise.all(all)).flat();
		})();
		const [failed, other] = await settle(Promise.all([runs, hero.otherClient(MINUTE / (0.2 * L), runs)]));

		expect(failed).toEqual([]);
		const ours = hero.log.map((arrival) => arrival.at);
		const whileOurs = other.filter((request) => request.at >= ours[0] && request.at <= ours[ours.length - 1]);
		expect(whileOurs.filter((request) => request.status === 429).length / whileOurs.length).toBeLessThanOrEqual(0.05);
		expect(shareOfAllowance(hero.log)).toBeGreaterThanOrEqual(0.72);
		// Past their first minute (which fills Hero's window before they can know of the other client)
		// they send steadily: no silence of 10 s, where filling the window and waiting for it to empty would leave 20 to 40 s.
		const later = ours.filter((at) => at >= ours[0] + MINUTE);
		const longestSilence = Math.max(...later.slice(1).map((at, i) => at - later[i]));
		expect(longestSilence).toBeLessThan(10_000);
	});

	it('a process alone sends at the credential rate', async () => {
		const hero = new FakeHero();
		const failed = await settle(execution(newProcess(), context(hero), 'alone', 100));
		expect(failed).toEqual([]);
		expect(hero.refused).toBe(0);
		expect(shareOfAllowance(hero.log)).toBeGreaterThanOrEqual(0.95);
	});
});

describe('429s', () => {
	it('keeps retrying a refused request for minutes, not for a number of attempts', async () => {
		const started = Date.now();
		// Hero refuses everything for three minutes (another system is flooding the key).
		const hero = new FakeHero(L, (at) => (at < started + 3 * MINUTE ? { statusCode: 429 } : undefined));
		const transport = newProcess();
		const answer = await settle(send(transport, context(hero), 'patient 1'));
		expect(answer).toEqual({ message_id: String(hero.log.length) });
		expect(hero.log[hero.log.length - 1].at - started).toBeGreaterThanOrEqual(3 * MINUTE);
		// Backing off, not hammering: a few dozen tries over three minutes at most.
		expect(hero.refused).toBeLessThan(40);
	});

	it('gives up on a request Hero refuses for five minutes, saying so', async () => {
		const started = Date.now();
		const hero = new FakeHero(L, () => ({ statusCode: 429 }));
		const transport = newProcess();
		const error = await settle(send(transport, context(hero), 'patient 1')).catch((caught: Error) => caught);
		expect(String(error)).toMatch(/rate limit was still exceeded after \d+ attempts over [56] min \(429\)/);
		const gaveUpAfter = hero.log[hero.log.length - 1].at - started;
		// The last try leaves once five minutes are up, after at most one more pause (under a minute).
		expect(gaveUpAfter).toBeGreaterThanOrEqual(5 * MINUTE);
		expect(gaveUpAfter).toBeLessThanOrEqual(6 * MINUTE);
	});

	it('gives up at once when Hero asks to wait longer than the budget', async () => {
		const hero = new FakeHero(L, () => ({ statusCode: 429, headers: { 'retry-after': '3600' } }));
		const error = await settle(send(newProcess(), context(hero), 'patient 1')).catch((caught: Error) => caught);
		expect(String(error)).toMatch(/asked to wait longer than the node waits \(429\)/);
		expect(hero.log).toHaveLength(1);
	});

	it.each([
		['Retry-After', { 'retry-after': '7' }, 7000],
		['RateLimit-Reset', { 'ratelimit-limit': '600', 'ratelimit-remaining': '0', 'ratelimit-reset': '12' }, 12_000],
		['a structured RateLimit field', { ratelimit: 'limit=600, remaining=0, reset=9' }, 9000],
	])('waits as long as %s asks after a 429', async (_name, headers, waitMs) => {
		const hero = new FakeHero(L, (_at, arrival) => (arrival === 0 ? { statusCode: 429, headers } : undefined));
		await settle(send(newProcess(), context(hero), 'patient 1'));
		expect(hero.log.map((arrival) => arrival.status)).toEqual([429, 200]);
		const waited = hero.log[1].at - hero.log[0].at;
		expect(waited).toBeGreaterThanOrEqual(waitMs);
		expect(waited).toBeLessThan(waitMs + 1000);
	});

	it('holds the key when an answer says nothing is left, so the next request gets no 429', async () => {
		const hero = new FakeHero(L, (_at, arrival) =>
			arrival === 0 ? { statusCode: 200, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '5' } } : undefined,
		);
		const ctx = context(hero);
		const transport = newProcess();
		await settle(Promise.all([send(transport, ctx, 'first'), send(transport, ctx, 'second')]));
		expect(hero.log.map((arrival) => arrival.status)).toEqual([200, 200]);
		expect(hero.log[1].at - hero.log[0].at).toBeGreaterThanOrEqual(5000 - LATENCY_MS);
	});
});
