/**
 * Pacing simulation: W processes (queue-mode workers), each with its own limiter for one key, against
 * Hero's sliding-window limit, in virtual time (a run of minutes takes a second or two). Each process
 * runs its share of K executions of N messages, 10 requests in flight each, like the node. Optionally
 * another client uses the key at a steady share of L, from one window before the executions start
 * until they end, and sends each request once whatever the answer.
 *
 * Prints the rows of `npm run bench:queue` (the real thing) in its table: W = 1, 2 and 4, a lone
 * execution a minute after the busy run at W = 2, and W = 2 with another client at 0.2 L; then the
 * same with the other client starting in the same moment as the executions (not in bench:queue). With
 * `--rows <dir>`, also writes every request of each row there, as bench:queue does, for `bench:plot`.
 *
 *   npm run bench:simulate -- [K=4] [N=300] [L=600] [latencyMs=40] [seed=1] [--rows <dir>]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { HERO_WINDOW_MS, RATE_LIMIT_BUDGET_MS, RateLimiter } from '../nodes/HeroHealth/transport/rateLimiter';
import { VirtualClock } from '../test/virtualClock';
import type { RowFile, RowRequest, TableRow } from './figures';
import { answerFigures, otherClientFigures, rowFileName, tableOf } from './figures';

import { createRateLimiter } from '../standin/auth';
import { createRng } from '../standin/util';

export interface SimOptions {
	workers: number;
	executions: number;
	messages: number;
	/** another client's steady rate on the key, as a share of L (0.2: one request every 500 ms at L = 600) */
	otherClient?: number;
	/** how long the other client has used the key when the executions start; default one window */
	otherClientLeadMs?: number;
	/** share (0..1) of requests that get no answer (resent, as a GET would be) */
	dropped?: number;
	/** carry limiters, clock and Hero's window over from an earlier run (the same processes, later) */
	world?: SimWorld;
	perMinute: number;
	latencyMs: number;
	inFlight?: number;
	seed?: number;
}

export interface SimResult {
	/** every request Hero received, the other client's too */
	requests: RowRequest[];
	failedExecutions: number;
	delivered: number;
}

export interface SimWorld {
	clock: VirtualClock;
	hero: { check(key: string, limit: number, now: number, windowMs: number): number | null };
	limiters: RateLimiter[];
}

let worlds = 0;

export function newWorld(workers: number, perMinute: number): SimWorld {
	// Each new world an hour after the one before, so that runs keep the order they ran in (bench:plot draws them so).
	const clock = new VirtualClock(Date.UTC(2027, 2, 27, 23, 30) + worlds++ * 3_600_000);
	return { clock, hero: createRateLimiter(), limiters: Array.from({ length: workers }, () => new RateLimiter(perMinute, clock)) };
}

export async function simulate(options: SimOptions): Promise<SimResult & { world: SimWorld }> {
	const world = options.world ?? newWorld(options.workers, options.perMinute);
	const { clock, hero, limiters } = world;
	const random = createRng(options.seed ?? 1);
	const requests: RowRequest[] = [];
	let failedExecutions = 0;
	let delivered = 0;
	let done = false;

	/** One request at Hero after half the latency; true when it was accepted. */
	async function arrive(text: string, other?: boolean): Promise<boolean> {
		const latency = options.latencyMs * (0.9 + 0.2 * random());
		await clock.sleep(latency / 2);
		const accepted = hero.check('key', options.perMinute, clock.now(), HERO_WINDOW_MS) === null;
		requests.push({ time: new Date(clock.now()).toISOString(), status: accepted ? 200 : 429, text, other });
		await clock.sleep(latency / 2);
		return accepted;
	}

	async function send(worker: number, text: string): Promise<void> {
		const limiter = limiters[worker];
		let refusedSince: number | undefined;
		for (;;) {
			const sentAt = await limiter.acquire();
			if (random() < (options.dropped ?? 0)) {
				await clock.sleep(options.latencyMs);
				continue;
			}
			if (await arrive(text)) {
				limiter.accepted(sentAt);
				delivered++;
				return;
			}
			refusedSince ??= sentAt;
			limiter.refused(sentAt);
			if (clock.now() - refusedSince >= RATE_LIMIT_BUDGET_MS) throw new Error('429 budget spent');
		}
	}

	async function execution(worker: number, index: number, startMs: number): Promise<void> {
		await clock.sleep(startMs + random() * 200);
		let next = 0;
		const lanes = Array.from({ length: options.inFlight ?? 10 }, async () => {
			while (next < options.messages) await send(worker, `execution ${index} message ${next++}`);
		});
		try {
			await Promise.all(lanes);
		} catch {
			failedExecutions++;
		}
	}

	/** The other client: one request every gap, from the start until the executions are done. */
	async function otherClient(share: number): Promise<void> {
		const gapMs = HERO_WINDOW_MS / (share * options.perMinute);
		for (let i = 0; !done; i++) {
			void arrive(`other client ${i}`, true);
			await clock.sleep(gapMs);
		}
	}

	const lead = options.otherClient ? (options.otherClientLeadMs ?? HERO_WINDOW_MS) : 0;
	const executions = Promise.all(
		Array.from({ length: options.executions }, async (_, index) => await execution(index % options.workers, index, lead)),
	).then(() => (done = true));
	await clock.run(Promise.all([executions, options.otherClient ? otherClient(options.otherClient) : undefined]));
	return { requests, failedExecutions, delivered, world };
}

/** One row of the table from a simulated run. */
function rowOf(label: string, result: SimResult, executions: number, messages: number, perMinute: number): TableRow {
	const own = result.requests.filter((request) => !request.other);
	return {
		label,
		figures: answerFigures(
			own.map((request) => ({ at: Date.parse(request.time), refused: request.status === 429 })),
			perMinute,
		),
		failed: result.failedExecutions,
		executions,
		delivered: result.delivered,
		duplicates: 0,
		misses: executions * messages - result.delivered,
		other: otherClientFigures(result.requests),
	};
}

async function main() {
	const args = process.argv.slice(2);
	const rowsAt = args.indexOf('--rows');
	const rowsDir = rowsAt >= 0 ? args.splice(rowsAt, 2)[1] : undefined;
	const [K = 4, N = 300, L = 600, latencyMs = 40, seed = 1] = args.map(Number);
	const rows: Array<{ row: TableRow; requests: RowRequest[] }> = [];
	const add = (label: string, result: SimResult, executions: number) =>
		rows.push({ row: rowOf(label, result, executions, N, L), requests: result.requests });
	const base = { messages: N, perMinute: L, latencyMs, seed };
	for (const workers of [1, 2, 4]) {
		const where = `${workers} worker${workers > 1 ? 's' : ''}`;
		const executions = workers === 4 ? 2 * K : K;
		const busy = await simulate({ ...base, workers, executions });
		add(`Hero Health node, ${where}, ${executions} × ${N}`, busy, executions);
		if (workers !== 2) continue;
		// A minute after the busy run's last request, one execution on the same processes.
		const { clock } = busy.world;
		await clock.advance(Date.parse(busy.requests[busy.requests.length - 1].time) + HERO_WINDOW_MS + 1000 - clock.now());
		add(
			`Hero Health node, ${where}, one execution alone, 1 × ${N}`,
			await simulate({ ...base, workers, executions: 1, world: busy.world }),
			1,
		);
		const shared = await simulate({ ...base, workers, executions, otherClient: 0.2 });
		add(`Hero Health node, ${where}, ${executions} × ${N}, another client at 0.2 L`, shared, executions);
		// Not in bench:queue: the other client starts in the same moment as the executions.
		const together = await simulate({ ...base, workers, executions, otherClient: 0.2, otherClientLeadMs: 0 });
		add(`Hero Health node, ${where}, ${executions} × ${N}, another client at 0.2 L starting with them`, together, executions);
	}
	console.log(`Simulated: L = ${L}/min per key over a 60 s sliding window, answers after ${latencyMs} ms ±10%.\n`);
	console.log(tableOf(rows.map(({ row }) => row)));
	if (rowsDir) {
		mkdirSync(rowsDir, { recursive: true });
		for (const { row, requests } of rows) {
			const file: RowFile = { label: row.label, perMinute: L, requests };
			writeFileSync(join(rowsDir, rowFileName(row.label)), JSON.stringify(file));
		}
	}
}

if (require.main === module) {
	main().catch((error) => {
		console.error(error);
		process.exitCode = 1;
	});
}
