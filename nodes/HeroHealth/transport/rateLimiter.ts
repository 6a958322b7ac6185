import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

/** Hero counts each key's requests over a sliding 60-second window. */
export const HERO_WINDOW_MS = 60_000;
/** How long one request may keep being refused with 429 before it gives up: five of Hero's windows. */
export const RATE_LIMIT_BUDGET_MS = 5 * HERO_WINDOW_MS;
// Spacing requests 2% wider than the nominal gap keeps a burst of network jitter from pushing
// more than the limit into any 60-second window that Hero counts.
const SPACING_MARGIN = 1.02;
// A 429 waits one gap, and each further 429 in a row four times longer (capped by Hero's window).
const BACKOFF_GROWTH = 4;
// A 429 shows Hero's window full: the process's share then drops to HOLD of the requests Hero accepted
// from it over the window, never under FLOOR_SHARE of the credential's rate,
const HOLD = 0.95;
const FLOOR_SHARE = 1 / 32;
// and climbs back by CLIMB of the credential's rate per minute.
const CLIMB = 0.05;

/** Time as the limiter sees it; tests pass a virtual clock. */
export interface LimiterClock {
	now(): number;
	sleep(ms: number): Promise<void>;
}

const systemClock: LimiterClock = {
	now: () => Date.now(),
	sleep: async (ms) => await sleep(ms),
};

function headerValue(headers: IDataObject | undefined, name: string): string | undefined {
	const value = headers?.[name];
	if (value === undefined || value === null || value === '') return undefined;
	return String(Array.isArray(value) ? value[0] : value).trim();
}

/** Seconds, or for Retry-After also an HTTP date; a RateLimit reset over 10^9 is a Unix time. */
function delayMs(value: string | undefined, now: number, unixTime: boolean): number | undefined {
	if (value === undefined) return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, unixTime && seconds > 1e9 ? seconds * 1000 - now : seconds * 1000);
	const at = Date.parse(value);
	return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * What Hero's answer says about waiting, if anything: Retry-After, or the RateLimit header fields
 * (`RateLimit-Remaining` / `RateLimit-Reset`, their `X-` forms, or one structured `RateLimit` field
 * with `remaining=`/`r=` and `reset=`/`t=`). `waitMs` is set when the key has nothing left.
 */
export function rateLimitAdvice(headers: IDataObject | undefined, now: number): { waitMs?: number; exhausted: boolean } {
	const retryAfter = delayMs(headerValue(headers, 'retry-after'), now, false);
	const structured = headerValue(headers, 'ratelimit') ?? '';
	const field = (name: string, short: string) =>
		headerValue(headers, `ratelimit-${name}`) ??
		headerValue(headers, `x-ratelimit-${name}`) ??
		new RegExp(`(?:^|[;,\\s])(?:${name}|${short})=(\\d+(?:\\.\\d+)?)`).exec(structured)?.[1];
	const remaining = field('remaining', 'r');
	const exhausted = remaining !== undefined && Number(remaining) <= 0;
	const reset = exhausted ? delayMs(field('reset', 't'), now, true) : undefined;
	return { waitMs: retryAfter ?? reset, exhausted };
}

/**
 * Paces requests for one API key in this process. Other n8n processes (queue-mode workers) and other
 * systems may use the same key, and nothing is shared between them: Hero's answers are the shared
 * signal. The process keeps a share of Hero's window, which starts at the credential's Rate Limit:
 * its requests leave evenly spaced at that many per minute, and no more of them than the share are
 * in Hero's window at once (accepted in the last minute).
 *
 * A 429 means Hero's window is full. The share then drops a little under what Hero accepted from
 * this process over the window, so the process holds its part of the window and leaves the rest to
 * the others; it climbs back slowly, to find room the others have left. Busy processes thus settle
 * on steady rates that together keep Hero's window nearly full, instead of filling it and falling
 * silent until it empties. A process that has sent nothing for a whole window starts over at the
 * credential's rate.
 */
export class RateLimiter {
	private ceiling: number;

	// The share (requests per Hero window, i.e. per minute) is `shareAt` at `shareSince`, and climbs from then on.
	private shareAt: number;

	private shareSince = -Infinity;

	private nextSlotAt = -Infinity;

	private pausedUntil = -Infinity;

	// Consecutive refusals of requests sent after the previous refusal (0 after an accepted answer).
	private refusedInARow = 0;

	private lastRefusalAt = -Infinity;

	// When this process's accepted requests were answered, over Hero's last window.
	private readonly acceptedAt: number[] = [];

	// Callers wait their turn in call order; each one's slot is worked out only when its turn comes.
	private queue: Promise<unknown> = Promise.resolve();

	constructor(
		perMinute: number,
		private readonly clock: LimiterClock = systemClock,
	) {
		this.ceiling = perMinute;
		this.shareAt = perMinute;
	}

	now(): number {
		return this.clock.now();
	}

	/** The credential's rate limit: the most this process sends. A new one starts the process over at it. */
	setRate(perMinute: number) {
		if (perMinute === this.ceiling) return;
		this.ceiling = perMinute;
		this.shareAt = perMinute;
	}

	/** This process's share of Hero's window at `at`: as many requests per minute, and at most that many in the window. */
	rate(at = this.clock.now()): number {
		const climbed = (CLIMB * this.ceiling * Math.max(0, at - this.shareSince)) / HERO_WINDOW_MS;
		return Math.min(this.ceiling, this.shareAt + climbed);
	}

	private gapMs(at: number) {
		return (HERO_WINDOW_MS / this.rate(at)) * SPACING_MARGIN;
	}

	/**
	 * Resolves with the moment the caller may send, to hand back to `refused`/`accepted` with Hero's
	 * answer. Concurrent callers send in call order, one gap apart.
	 */
	async acquire(): Promise<number> {
		const turn = this.queue.then(async () => await this.waitForSlot());
		this.queue = turn;
		return await turn;
	}

	/**
	 * Slots follow a fixed schedule, so a timer firing a little late costs no rate. A send later than
	 * its slot by over half a gap (the process was busy, paused or full) restarts the schedule from
	 * that send: the requests queued behind it then leave one gap apart instead of in a burst that
	 * Hero would count inside one window. Whatever changed while waiting (a pause, a lower share) is
	 * looked at again before sending.
	 */
	private async waitForSlot(): Promise<number> {
		for (;;) {
			const now = this.clock.now();
			this.forgetAcceptedBefore(now - HERO_WINDOW_MS);
			// Nothing of this process in Hero's window and no 429 for a whole window: what it learnt is stale.
			if (this.acceptedAt.length === 0 && now - this.lastRefusalAt >= HERO_WINDOW_MS) this.shareAt = this.ceiling;
			const readyAt = Math.max(this.nextSlotAt, this.pausedUntil, this.roomAt(now));
			if (readyAt > now) {
				await this.clock.sleep(Math.ceil(readyAt - now));
				continue;
			}
			const gap = this.gapMs(now);
			this.nextSlotAt = (now - this.nextSlotAt > gap / 2 ? now : this.nextSlotAt) + gap;
			return now;
		}
	}

	/** When this process has room under its share in Hero's window: now, or when its oldest request there leaves it. */
	private roomAt(now: number): number {
		// The share is never under 1/32 of the rate limit, so a full share has an oldest request.
		return this.acceptedAt.length < this.rate(now) ? now : this.acceptedAt[0] + HERO_WINDOW_MS;
	}

	/** Holds every request for this key for `ms`; the share does not climb while it holds. */
	pause(ms: number) {
		const now = this.clock.now();
		const until = now + ms;
		if (until <= this.pausedUntil) return;
		this.pausedUntil = until;
		this.shareAt = this.rate(now);
		this.shareSince = Math.max(this.shareSince, until);
	}

	/** Hero answered the request sent at `sentAt` with anything but 429 (it counted against the key). */
	accepted(sentAt: number, headers?: IDataObject) {
		const now = this.clock.now();
		this.acceptedAt.push(now);
		this.forgetAcceptedBefore(now - HERO_WINDOW_MS);
		if (sentAt > this.lastRefusalAt) this.refusedInARow = 0;
		const advice = rateLimitAdvice(headers, now);
		if (advice.exhausted && advice.waitMs !== undefined) this.pause(advice.waitMs);
	}

	/**
	 * Hero answered 429 to the request sent at `sentAt`: its window for the key is full. Refusals of
	 * requests already on their way when an earlier one was refused change nothing more. The share
	 * drops to a little under what Hero accepted from this process over its window, so the process
	 * waits until enough of its own requests have left Hero's window, then sends evenly at that rate
	 * and climbs from there. Every queued request also waits as long as Hero asks (Retry-After,
	 * RateLimit-Reset) or, without those, one gap growing fourfold with each refusal in a row, never
	 * past the moment this process's oldest request of the last minute leaves Hero's window. Returns
	 * how long Hero asked to wait, if it did.
	 */
	refused(sentAt: number, headers?: IDataObject): number | undefined {
		const now = this.clock.now();
		this.forgetAcceptedBefore(now - HERO_WINDOW_MS);
		if (sentAt > this.lastRefusalAt) {
			this.refusedInARow += 1;
			this.lastRefusalAt = now;
			this.shareAt = Math.max(this.ceiling * FLOOR_SHARE, Math.min(this.rate(now), HOLD * this.acceptedAt.length));
			// It climbs from the moment it has room again: waiting tells it nothing about the window.
			const mustLeave = this.acceptedAt.length - Math.ceil(this.shareAt);
			this.shareSince = mustLeave >= 0 ? this.acceptedAt[mustLeave] + HERO_WINDOW_MS : now;
		}
		const asked = rateLimitAdvice(headers, now).waitMs;
		this.pause(asked ?? this.backoffMs(now));
		return asked;
	}

	private forgetAcceptedBefore(at: number) {
		while (this.acceptedAt.length > 0 && this.acceptedAt[0] <= at) this.acceptedAt.shift();
	}

	private backoffMs(now: number) {
		const gap = this.gapMs(now);
		const untilWindowFrees = this.acceptedAt.length > 0 ? this.acceptedAt[0] + HERO_WINDOW_MS - now : HERO_WINDOW_MS;
		const backoff = gap * BACKOFF_GROWTH ** (this.refusedInARow - 1);
		return Math.max(gap, Math.min(backoff, untilWindowFrees));
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
