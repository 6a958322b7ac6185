// A clock for the rate limiter that only moves when told: timers fire in time order, each after every
// promise job the previous one started has run. Tests and the pacing simulation use it instead of real time.
import type { LimiterClock } from '../nodes/HeroHealth/transport/rateLimiter';

interface Timer {
	at: number;
	seq: number;
	resolve: () => void;
}

const settle = async () => await new Promise<void>((resolve) => setImmediate(resolve));

export class VirtualClock implements LimiterClock {
	private time: number;

	private timers: Timer[] = [];

	private seq = 0;

	constructor(start = 0) {
		this.time = start;
	}

	now = (): number => this.time;

	sleep = async (ms: number): Promise<void> =>
		await new Promise<void>((resolve) => {
			this.timers.push({ at: this.time + Math.max(0, ms), seq: this.seq++, resolve });
		});

	/** Fires timers in time order until `work` settles; fails if it waits on nothing the clock can fire. */
	async run<T>(work: Promise<T>): Promise<T> {
		let settled = false;
		work.then(
			() => (settled = true),
			() => (settled = true),
		);
		for (;;) {
			await settle();
			if (settled) return await work;
			if (this.timers.length === 0) throw new Error('VirtualClock: the work waits, but no timer is set');
			let next = 0;
			for (let i = 1; i < this.timers.length; i++) {
				const timer = this.timers[i];
				const best = this.timers[next];
				if (timer.at < best.at || (timer.at === best.at && timer.seq < best.seq)) next = i;
			}
			const [timer] = this.timers.splice(next, 1);
			this.time = Math.max(this.time, timer.at);
			timer.resolve();
		}
	}

	/** Moves time on by `ms`, firing the timers due on the way. */
	async advance(ms: number): Promise<void> {
		const until = this.time + ms;
		await this.run(this.sleep(ms));
		this.time = until;
	}
}
