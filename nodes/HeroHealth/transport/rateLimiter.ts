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

	constructor(private perMinute: number) {}

	setRate(perMinute: number) {
		this.perMinute = perMinute;
	}

	private get gapMs() {
		return (WINDOW_MS / this.perMinute) * SPACING_MARGIN;
	}

	/**
	 * Resolves when the caller may send. Slots are reserved synchronously, so concurrent callers queue
	 * in call order. A caller whose slot fell inside a pause that began while it waited (another
	 * request got a 429) queues again, so requests already waiting do not run into the same 429.
	 */
	async acquire(): Promise<void> {
		for (;;) {
			const now = Date.now();
			const slot = Math.max(now, this.nextSlotAt, this.pausedUntil);
			this.nextSlotAt = slot + this.gapMs;
			// Date.now() counts whole milliseconds and timers wait at least one, so a shorter wait is skipped.
			if (slot - now >= 1) await sleep(slot - now);
			if (this.pausedUntil <= slot) {
				this.remember(slot);
				return;
			}
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
