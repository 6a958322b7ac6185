/**
 * Pacing simulation: W processes (queue-mode workers), each with its own limiter for one key, against
 * Hero's sliding-window limit, in virtual time (a run of minutes takes a second or two). Each process
 * runs its share of K executions of N messages, 10 requests in flight each, like the node.
 * Prints the bench's columns per W, a lone execution, and a lone execution while 5% of answers are
 * stray 429s. The real thing is `npm run bench:queue`.
 *
 *   npm run bench:simulate -- [K=4] [N=300] [L=600] [latencyMs=40]
 */
import { RATE_LIMIT_BUDGET_MS, RateLimiter } from '../nodes/HeroHealth/transport/rateLimiter';
import { VirtualClock } from '../test/virtualClock';
import { answerFigures } from './figures';

import { createRateLimiter } from '../standin/auth';
import { createRng } from '../standin/util';

export interface SimOptions {
	workers: number;
	executions: number;
	messages: number;
	/** when each execution starts (ms after the run's start); default within the first 200 ms */
	startsMs?: number[];
	/** share (0..1) of requests refused by another client on the key, whatever the window holds */
	extra429?: number;
	/** share (0..1) of requests that get no answer (resent, as a GET would be) */
	dropped?: number;
	/** carry limiters, clock and Hero's window over from an earlier run (the same processes, later) */
	world?: SimWorld;
	perMinute: number;
	latencyMs: number;
	inFlight?: number;
	windowMs?: number;
	seed?: number;
}

export interface SimEvent {
	at: number;
	refused: boolean;
	worker: number;
}

export interface SimResult {
	events: SimEvent[];
	failedExecutions: number;
	delivered: number;
	startedAt: number;
	endedAt: number;
}

export interface SimWorld {
	clock: VirtualClock;
	hero: { check(key: string, limit: number, now: number, windowMs: number): number | null };
	limiters: RateLimiter[];
}

export function newWorld(workers: number, perMinute: number): SimWorld {
	const clock = new VirtualClock(Date.UTC(2027, 2, 27, 23, 30));
	return { clock, hero: createRateLimiter(), limiters: Array.from({ length: workers }, () => new RateLimiter(perMinute, clock)) };
}

export async function simulate(options: SimOptions): Promise<SimResult & { world: SimWorld }> {
	const world = options.world ?? newWorld(options.workers, options.perMinute);
	const { clock, hero, limiters } = world;
	const random = createRng(options.seed ?? 1);
	const windowMs = options.windowMs ?? 60_000;
	const events: SimEvent[] = [];
	let failedExecutions = 0;
	let delivered = 0;
	const startedAt = clock.now();

	async function send(worker: number): Promise<void> {
		const limiter = limiters[worker];
		let refusedSince: number | undefined;
		for (;;) {
			const sentAt = await limiter.acquire();
			if (random() < (options.dropped ?? 0)) {
				await clock.sleep(options.latencyMs);
				limiter.unanswered(sentAt);
				continue;
			}
			const latency = options.latencyMs * (0.9 + 0.2 * random());
			await clock.sleep(latency / 2);
			const refused = random() < (options.extra429 ?? 0) || hero.check('key', options.perMinute, clock.now(), windowMs) !== null;
			events.push({ at: clock.now(), refused, worker });
			await clock.sleep(latency / 2);
			if (!refused) {
				limiter.accepted(sentAt);
				delivered++;
				return;
			}
			refusedSince ??= sentAt;
			limiter.refused(sentAt);
			if (clock.now() - refusedSince >= RATE_LIMIT_BUDGET_MS) throw new Error('429 budget spent');
		}
	}

	async function execution(worker: number, index: number): Promise<void> {
		await clock.sleep(options.startsMs?.[index] ?? random() * 200);
		let next = 0;
		const lanes = Array.from({ length: options.inFlight ?? 10 }, async () => {
			while (next < options.messages) {
				next++;
				await send(worker);
			}
		});
		try {
			await Promise.all(lanes);
		} catch {
			failedExecutions++;
		}
	}

	const all = Array.from({ length: options.executions }, async (_, index) => await execution(index % options.workers, index));
	await clock.run(Promise.all(all));
	return { events, failedExecutions, delivered, startedAt, endedAt: clock.now(), world };
}

async function main() {
	const [executions = 4, messages = 300, perMinute = 600, latencyMs = 40, seed = 1] = process.argv.slice(2).map(Number);
	for (const workers of [1, 2, 4]) {
		const k = workers === 4 ? executions * 2 : executions;
		const result = await simulate({ workers, executions: k, messages, perMinute, latencyMs, seed });
		const figures = answerFigures(result.events, perMinute);
		console.log(
			`W=${workers} ${k}x${messages}: requests ${figures.requests}, 429 ${figures.refused} (${(figures.share * 100).toFixed(1)}%, worst 60 s ${(figures.worstShare * 100).toFixed(1)}%), ` +
				`failed ${result.failedExecutions}, delivered ${result.delivered}, rate ${figures.rate.toFixed(3)} L, span ${(figures.spanMs / 1000).toFixed(0)} s, windows ${figures.perWindow.join(' ')}`,
		);
	}
	const lone = await simulate({ workers: 2, executions: 1, messages: 100, perMinute, latencyMs });
	const figures = answerFigures(lone.events, perMinute);
	console.log(`lone 1x100: requests ${figures.requests}, 429 ${figures.refused}, rate ${figures.rate.toFixed(3)} L`);
	// Another client on the key, modelled as 5% of answers being 429 whatever Hero's window holds.
	const stray = await simulate({ workers: 1, executions: 1, messages: 600, perMinute, latencyMs, seed, extra429: 0.05 });
	const strayFigures = answerFigures(stray.events, perMinute);
	console.log(
		`alone, 5% stray 429s, 1x600: requests ${strayFigures.requests}, 429 ${strayFigures.refused}, rate ${strayFigures.rate.toFixed(3)} L`,
	);
}

if (require.main === module) {
	main().catch((error) => {
		console.error(error);
		process.exitCode = 1;
	});
}
