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

describe('adapting to other processes on the key', () => {
	it('takes a single 429 as a stray: one gap’s pause, the rate unchanged, requests still one gap apart', async () => {
		const { clock, limiter } = setUp();
		const refusedAt = await clock.run(exchange(clock, limiter, 429));
		expect(limiter.rate()).toBe(L);
		const [next, after] = await clock.run(Promise.all([limiter.acquire(), limiter.acquire()]));
		expect(next - (refusedAt + 10)).toBeGreaterThanOrEqual(GAP_MS - 1);
		expect(next - (refusedAt + 10)).toBeLessThan(GAP_MS + 1);
		// No waiting for the next one's answer: a stray does not make requests ask one at a time.
		expect(after - next).toBe(Math.ceil(GAP_MS));
	});

	it('on a second 429 in a row, lowers its own rate by 30% and backs off fourfold', async () => {
		const { clock, limiter } = setUp();
		await clock.run(exchange(clock, limiter, 200));
		await clock.run(exchange(clock, limiter, 429));
		const secondAt = await clock.run(exchange(clock, limiter, 429));
		expect(limiter.rate()).toBeCloseTo(0.7 * L);
		const next = await clock.run(limiter.acquire());
		// The second refusal in a row waits four gaps at the new rate.
		expect(next - (secondAt + 10)).toBeCloseTo((4 * GAP_MS) / 0.7, -1);
	});

	it('climbs back to the credential rate within a minute, but not while paused', async () => {
		const { clock, limiter } = setUp();
		await clock.run(exchange(clock, limiter, 429));
		await clock.run(exchange(clock, limiter, 429));
		const lowered = limiter.rate();
		expect(lowered).toBeCloseTo(0.7 * L);
		limiter.pause(10_000);
		await clock.advance(10_000);
		expect(limiter.rate()).toBeCloseTo(lowered);
		await clock.advance(9000);
		// L per minute: 9 s adds 15% of L.
		expect(limiter.rate()).toBeCloseTo(lowered + 0.15 * L);
		await clock.advance(HERO_WINDOW_MS);
		expect(limiter.rate()).toBe(L);
	});

	it('while Hero keeps refusing, lets one request out at a time to ask', async () => {
		const { clock, limiter } = setUp();
		await clock.run(exchange(clock, limiter, 429));
		await clock.run(exchange(clock, limiter, 429));
		// The next request goes out after the pause; the one behind it waits for its answer (2 s).
		const probe = limiter.acquire();
		const behind = limiter.acquire();
		const probeAt = await clock.run(probe);
		await clock.advance(2000);
		limiter.accepted(probeAt);
		const behindAt = await clock.run(behind);
		expect(behindAt).toBeGreaterThanOrEqual(probeAt + 2000);
	});

	it('refusals of requests already on their way count once', async () => {
		const { clock, limiter } = setUp();
		const sent = await clock.run(Promise.all([limiter.acquire(), limiter.acquire(), limiter.acquire()]));
		for (const sentAt of sent) limiter.refused(sentAt);
		// Three answers to one burst: one refusal, so no decrease.
		expect(limiter.rate()).toBe(L);
	});

	it('never backs off past the moment its oldest request of the last minute leaves Hero’s window', async () => {
		const { clock, limiter } = setUp();
		const answeredAt = (await clock.run(exchange(clock, limiter, 200))) + 10;
		await clock.advance(40_000);
		// Pauses of 1, 4, 16 and 64 gaps; the fifth (256 gaps, over 37 s) would end after that request leaves.
		for (let i = 0; i < 5; i++) await clock.run(exchange(clock, limiter, 429));
		const next = await clock.run(limiter.acquire());
		expect(next).toBeGreaterThan(answeredAt + 50_000);
		expect(next).toBeLessThanOrEqual(answeredAt + HERO_WINDOW_MS + 1);
	});

	it('a new Rate Limit on the credential starts over at it', async () => {
		const { clock, limiter } = setUp();
		await clock.run(exchange(clock, limiter, 429));
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
