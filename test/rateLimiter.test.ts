// The per-key pacer on its own, on a virtual clock: departures are exact, whatever the machine's load.
import { HERO_WINDOW_MS, RateLimiter, rateLimitAdvice } from '../nodes/HeroHealth/transport/rateLimiter';
import type { LimiterClock } from '../nodes/HeroHealth/transport/rateLimiter';
import { VirtualClock } from './virtualClock';

const L = 600;
const GAP_MS = (60_000 / L) * 1.02; // one request every 100 ms, plus the 2% margin

/** Starts `count` callers at once; resolves with the moments each was let through, in call order. */
async function departures(clock: VirtualClock, limiter: RateLimiter, count: number) {
	const times: number[] = [];
	const callers = Array.from({ length: count }, async (_, index) => {
		times[index] = await limiter.acquire();
		expect(times[index]).toBe(clock.now());
	});
	await clock.run(Promise.all(callers));
	return times;
}

const gaps = (times: number[]) => times.slice(1).map((time, index) => time - times[index]);

function setUp() {
	const clock = new VirtualClock();
	return { clock, limiter: new RateLimiter(L, clock) };
}

/** Sends one request through the limiter and reports Hero's answer (429 or not) `latencyMs` later. */
async function exchange(clock: VirtualClock, limiter: RateLimiter, status: number, headers = {}, latencyMs = 10) {
	const sentAt = await limiter.acquire();
	await clock.sleep(latencyMs);
	if (status === 429) limiter.refused(sentAt, headers);
	else limiter.accepted(sentAt, headers);
	return sentAt;
}

describe('pacing', () => {
	it('lets concurrent callers through in call order, one gap apart', async () => {
		const { clock, limiter } = setUp();
		const started = clock.now();
		const times = await departures(clock, limiter, 5);
		expect(times[0]).toBe(started);
		expect(gaps(times)).toEqual(Array(4).fill(Math.ceil(GAP_MS)));
	});

	it('after the process was busy past several slots, does not let the waiting callers out in a burst', async () => {
		const clock = new VirtualClock();
		// The second caller's timer fires 3.5 gaps late: the process was busy meanwhile.
		let sleeps = 0;
		const busy: LimiterClock = {
			now: clock.now,
			sleep: async (ms) => await clock.sleep(++sleeps === 1 ? ms + 3.5 * GAP_MS : ms),
		};
		const limiter = new RateLimiter(L, busy);
		const times = await departures(clock, limiter, 5);
		expect(times[1] - times[0]).toBeGreaterThan(4 * GAP_MS);
		expect(gaps(times).every((gap) => gap >= GAP_MS)).toBe(true);
	});

	it('holds every waiting caller through a pause, then keeps the gap', async () => {
		const { clock, limiter } = setUp();
		const started = clock.now();
		limiter.pause(300);
		const times = await departures(clock, limiter, 3);
		expect(times[0]).toBe(started + 300);
		expect(gaps(times).every((gap) => gap >= GAP_MS)).toBe(true);
	});
});

/** `count` requests accepted one gap apart, answered after 10 ms; resolves with the moments they were answered. */
async function acceptedRun(clock: VirtualClock, limiter: RateLimiter, count: number) {
	const answeredAt: number[] = [];
	for (let i = 0; i < count; i++) answeredAt.push((await clock.run(exchange(clock, limiter, 200))) + 10);
	return answeredAt;
}

describe('sharing the key with other processes and clients', () => {
	it('on a 429, holds its share a little under what Hero accepted from it over the window', async () => {
		const { clock, limiter } = setUp();
		await acceptedRun(clock, limiter, 100);
		await clock.run(exchange(clock, limiter, 429));
		// 100 accepted in the last minute: 95 a minute from now on.
		expect(limiter.rate()).toBeCloseTo(95);
	});

	it('then sends nothing until its own requests leave Hero’s window, and then evenly at its share', async () => {
		const { clock, limiter } = setUp();
		const answeredAt = await acceptedRun(clock, limiter, 100);
		await clock.run(exchange(clock, limiter, 429));
		const times = await departures(clock, limiter, 3);
		// Hero's window holds its 100: nothing more until it holds under 95, once its 6th oldest has left.
		expect(times[0]).toBe(answeredAt[5] + HERO_WINDOW_MS);
		// Then one gap apart at its share, 95 a minute (plus the 2% margin), not a burst.
		for (const gap of gaps(times)) expect(gap).toBeCloseTo((60_000 / 95) * 1.02, -1);
	});

	it('a process that has had nothing accepted lately drops to 1/32 of the rate limit', async () => {
		const { clock, limiter } = setUp();
		await clock.run(exchange(clock, limiter, 429));
		expect(limiter.rate()).toBeCloseTo(L / 32);
	});

	it('climbs back by 5% of the rate limit per minute once it has room again, but not while paused', async () => {
		const { clock, limiter } = setUp();
		const answeredAt = await acceptedRun(clock, limiter, 100);
		await clock.run(exchange(clock, limiter, 429));
		// Room under 95 once the 6th oldest has left Hero's window: no climb while it waits for that.
		await clock.advance(answeredAt[5] + HERO_WINDOW_MS - clock.now());
		expect(limiter.rate()).toBeCloseTo(95);
		limiter.pause(10_000);
		await clock.advance(10_000);
		expect(limiter.rate()).toBeCloseTo(95);
		await clock.advance(2 * HERO_WINDOW_MS);
		expect(limiter.rate()).toBeCloseTo(95 + 2 * 0.05 * L);
	});

	it('refusals of requests already on their way count once', async () => {
		const { clock, limiter } = setUp();
		await acceptedRun(clock, limiter, 100);
		const sent = await clock.run(Promise.all([limiter.acquire(), limiter.acquire(), limiter.acquire()]));
		for (const sentAt of sent) limiter.refused(sentAt);
		// Three answers to one burst: one refusal, one decrease.
		expect(limiter.rate()).toBeCloseTo(95);
	});

	it('never backs off past the moment its oldest request of the last minute leaves Hero’s window', async () => {
		const { clock, limiter } = setUp();
		const [answeredAt] = await acceptedRun(clock, limiter, 1);
		await clock.advance(40_000);
		// One request accepted: the share drops to 1/32 of L (a gap of 3.3 s). Pauses of 1 and 4 gaps;
		// the third (16 gaps, 52 s) would end after that request leaves.
		for (let i = 0; i < 3; i++) await clock.run(exchange(clock, limiter, 429));
		const next = await clock.run(limiter.acquire());
		expect(next).toBeGreaterThan(answeredAt + 50_000);
		expect(next).toBeLessThanOrEqual(answeredAt + HERO_WINDOW_MS + 1);
	});

	it('after a whole window with nothing sent and no 429, starts over at the rate limit', async () => {
		const { clock, limiter } = setUp();
		await acceptedRun(clock, limiter, 100);
		await clock.run(exchange(clock, limiter, 429));
		await clock.advance(HERO_WINDOW_MS);
		const times = await departures(clock, limiter, 3);
		expect(limiter.rate()).toBe(L);
		expect(gaps(times)).toEqual([Math.ceil(GAP_MS), Math.ceil(GAP_MS)]);
	});

	it('a new Rate Limit on the credential starts over at it', async () => {
		const { clock, limiter } = setUp();
		await clock.run(exchange(clock, limiter, 429));
		limiter.setRate(300);
		expect(limiter.rate()).toBe(300);
	});
});

describe('what Hero says about waiting', () => {
	const now = Date.UTC(2030, 0, 1, 12);
	it.each([
		[{ 'retry-after': '7' }, 7000],
		[{ 'retry-after': new Date(now + 12_000).toUTCString() }, 12_000],
		[{ 'ratelimit-remaining': '0', 'ratelimit-reset': '4' }, 4000],
		[{ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now / 1000 + 30) }, 30_000],
		[{ ratelimit: 'limit=600, remaining=0, reset=9' }, 9000],
		[{ ratelimit: '"default";r=0;t=20' }, 20_000],
		[{ 'ratelimit-remaining': '5', 'ratelimit-reset': '4' }, undefined],
		[{}, undefined],
	])('%j: wait %s ms', (headers, waitMs) => {
		expect(rateLimitAdvice(headers, now).waitMs).toBe(waitMs);
	});

	it('pauses after an accepted answer that says nothing is left, until the reset', async () => {
		const { clock, limiter } = setUp();
		const answeredAt =
			(await clock.run(exchange(clock, limiter, 200, { 'ratelimit-remaining': '0', 'ratelimit-reset': '3' }))) + 10;
		expect(await clock.run(limiter.acquire())).toBe(answeredAt + 3000);
	});
});
