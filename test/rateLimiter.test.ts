// The per-key pacer on its own, with real timers: how requests waiting their turn leave.
import { RateLimiter } from '../nodes/HeroHealth/transport/rateLimiter';

const GAP_MS = 60_000 / 600; // 600/min: one request every 100 ms (102 ms with the 2% margin)

/** Starts `count` callers at once; resolves with the moments each was let through, in call order. */
async function departures(limiter: RateLimiter, count: number, whileWaiting: () => void = () => undefined) {
	const times: number[] = [];
	const callers = Array.from({ length: count }, async (_, index) => {
		await limiter.acquire();
		times[index] = Date.now();
	});
	whileWaiting();
	await Promise.all(callers);
	return times;
}

const gaps = (times: number[]) => times.slice(1).map((time, index) => time - times[index]);

function busyFor(ms: number) {
	const until = Date.now() + ms;
	while (Date.now() < until) {
		// the process is busy: no timer fires
	}
}

it('lets concurrent callers through in call order, one gap apart', async () => {
	const times = await departures(new RateLimiter(600), 5);
	expect(gaps(times).every((gap) => gap >= GAP_MS)).toBe(true);
	expect(times[4] - times[0]).toBeLessThan(4 * GAP_MS * 1.02 + 60);
});

it('after the process was busy past several slots, does not let the waiting callers out in a burst', async () => {
	const limiter = new RateLimiter(600);
	// The first caller leaves at once; the process is then busy for 3.5 gaps while the rest wait.
	const times = await departures(limiter, 5, () => setImmediate(() => busyFor(3.5 * GAP_MS)));
	expect(gaps(times).every((gap) => gap >= GAP_MS)).toBe(true);
});

it('holds every waiting caller through a pause (a 429), then keeps the gap', async () => {
	const limiter = new RateLimiter(600);
	const started = Date.now();
	const times = await departures(limiter, 3, () => limiter.pause(300));
	expect(times[0] - started).toBeGreaterThanOrEqual(299);
	expect(gaps(times).every((gap) => gap >= GAP_MS)).toBe(true);
});
