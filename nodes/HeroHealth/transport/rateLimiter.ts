import { createHash } from 'crypto';
import { sleep } from 'n8n-workflow';

const WINDOW_MS = 60_000;
// Spacing requests 2% wider than the nominal gap keeps a burst of network jitter from pushing
// more than the limit into any 60-second window that Hero counts.
const SPACING_MARGIN = 1.02;

/**
 * Paces requests for one API key: evenly spaced at the credential's rate, and paused as a whole
 * when Hero answers 429 so every queued request waits, not only the one that was refused.
 */
export class RateLimiter {
	private nextSlotAt = 0;

	private pausedUntil = 0;

	private readonly recentSends: number[] = [];

	// Callers wait their turn in call order; each one's slot is worked out only when its turn comes.
	private queue: Promise<void> = Promise.resolve();

	constructor(private perMinute: number) {}

	setRate(perMinute: number) {
		this.perMinute = perMinute;
	}

	private get gapMs() {
		return (WINDOW_MS / this.perMinute) * SPACING_MARGIN;
	}

	/** Resolves when the caller may send; concurrent callers send in call order, one gap apart. */
	async acquire(): Promise<void> {
		const turn = this.queue.then(async () => await this.waitForSlot());
		this.queue = turn;
		await turn;
	}

	/**
	 * Slots follow a fixed schedule, so a timer firing a little late costs no rate. A send later than
	 * its slot by over half a gap (the process was busy) restarts the schedule from that send: the
	 * requests queued behind it then leave one gap apart instead of in a burst that Hero would count
	 * inside one window. A pause that began while waiting (another request got a 429) is waited out.
	 */
	private async waitForSlot(): Promise<void> {
		for (;;) {
			const now = Date.now();
			const slot = Math.max(now, this.nextSlotAt, this.pausedUntil);
			if (slot > now) await sleep(Math.ceil(slot - now));
			const sentAt = Date.now();
			if (this.pausedUntil > sentAt) continue;
			this.nextSlotAt = (sentAt - slot > this.gapMs / 2 ? sentAt : slot) + this.gapMs;
			this.remember(sentAt);
			return;
		}
	}

	/** Holds every request for this key for `ms`, e.g. after a 429. */
	pause(ms: number) {
		this.pausedUntil = Math.max(this.pausedUntil, Date.now() + ms);
	}

	/**
	 * How long to hold this key after Hero's `attempt`-th 429 without Retry-After: doubling from one
	 * gap, so a stray 429 costs little while a real storm backs off fast, but never past the moment
	 * the oldest send of the last minute leaves Hero's window.
	 */
	backoffAfter429(attempt: number): number {
		const now = Date.now();
		const oldest = this.recentSends.find((sentAt) => sentAt > now - WINDOW_MS);
		const untilWindowFrees = oldest === undefined ? this.gapMs : oldest + WINDOW_MS - now;
		const backoff = this.gapMs * 2 ** (attempt - 1);
		return Math.max(this.gapMs, Math.min(backoff, untilWindowFrees));
	}

	private remember(sentAt: number) {
		this.recentSends.push(sentAt);
		while (this.recentSends.length > 0 && this.recentSends[0] <= sentAt - WINDOW_MS) this.recentSends.shift();
	}
}

// Shared by every execution in this process; keyed by a hash so the key itself is never held as a map key.
const limiters = new Map<string, RateLimiter>();

export function rateLimiterFor(apiKey: string, perMinute: number): RateLimiter {
	const id = createHash('sha256').update(apiKey).digest('hex');
	let limiter = limiters.get(id);
	if (!limiter) {
		limiter = new RateLimiter(perMinute);
		limiters.set(id, limiter);
	} else {
		limiter.setRate(perMinute);
	}
	return limiter;
}
