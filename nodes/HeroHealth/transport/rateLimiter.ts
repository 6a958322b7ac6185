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
// The second 429 in a row (one alone may be a stray) shows that Hero's window is full: from then on
// one request at a time asks again, and this process's rate is multiplied by DECREASE, but kept above
// FLOOR_SHARE of the credential's,
const FULL_AFTER = 2;
const DECREASE = 0.7;
const FLOOR_SHARE = 1 / 32;
// and climbs back by the credential's whole rate over RECOVERY_MS (a quarter of it in 15 s).
const RECOVERY_MS = HERO_WINDOW_MS;

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
 * Paces requests for one API key in this process. Requests leave evenly spaced at the process's
 * own rate, which starts at the credential's Rate Limit. Other n8n processes (queue-mode workers)
 * may use the same key, and nothing is shared between processes: Hero's answers are the shared
 * signal. A 429 means Hero's window for the key is full, so every request queued here waits (as
 * long as Hero asks, or a backoff no longer than it takes this process's oldest request of the last
 * minute to leave the window); 429s in a row also let one request at a time ask again and lower
 * this process's rate, which then climbs back to the credential's. Busy processes thus keep Hero's
 * window full between them with few 429s; a process alone is back at full pace within a minute.
 */
export class RateLimiter {
	private ceiling: number;

	// The rate is `rateAt` at `rateSince`, and climbs linearly from then on.
	private rateAt: number;

	private rateSince = -Infinity;

	private nextSlotAt = -Infinity;

	private pausedUntil = -Infinity;

	// Consecutive refusals of requests sent after the previous refusal (0 after an accepted answer).
	private refusedInARow = 0;

	private lastRefusalAt = -Infinity;

	// While Hero refuses: the one request out asking whether the window has room, until its answer.
	private probe?: { sentAt: number; answered: Promise<void>; release: () => void };

	// When this process's accepted requests were answered, over Hero's last window.
	private readonly acceptedAt: number[] = [];

	// Callers wait their turn in call order; each one's slot is worked out only when its turn comes.
	private queue: Promise<unknown> = Promise.resolve();

	constructor(
		perMinute: number,
		private readonly clock: LimiterClock = systemClock,
	) {
		this.ceiling = perMinute;
		this.rateAt = perMinute;
	}

	now(): number {
		return this.clock.now();
	}

	/** The credential's rate limit: the most this process sends. A new one starts the process over at it. */
	setRate(perMinute: number) {
		if (perMinute === this.ceiling) return;
		this.ceiling = perMinute;
		this.rateAt = perMinute;
	}

	/** This process's rate (requests per minute) at `at`. */
	rate(at = this.clock.now()): number {
		const climbed = (this.ceiling * Math.max(0, at - this.rateSince)) / RECOVERY_MS;
		return Math.min(this.ceiling, this.rateAt + climbed);
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
	 * its slot by over half a gap (the process was busy) restarts the schedule from that send: the
	 * requests queued behind it then leave one gap apart instead of in a burst that Hero would count
	 * inside one window. A pause that began while waiting (another request got a 429) is waited out.
	 * While Hero keeps refusing, one request at a time asks whether its window has room again.
	 */
	private async waitForSlot(): Promise<number> {
		for (;;) {
			if (this.probe) {
				await this.probe.answered;
				continue;
			}
			const now = this.clock.now();
			const slot = Math.max(now, this.nextSlotAt, this.pausedUntil);
			if (slot > now) await this.clock.sleep(Math.ceil(slot - now));
			const sentAt = this.clock.now();
			if (this.pausedUntil > sentAt || this.probe) continue;
			const gap = this.gapMs(sentAt);
			this.nextSlotAt = (sentAt - slot > gap / 2 ? sentAt : slot) + gap;
			if (this.refusedInARow >= FULL_AFTER) {
				let release = () => {};
				const answered = new Promise<void>((resolve) => (release = resolve));
				this.probe = { sentAt, answered, release };
			}
			return sentAt;
		}
	}

	/** Holds every request for this key for `ms`; the rate does not climb while it holds. */
	pause(ms: number) {
		const now = this.clock.now();
		const until = now + ms;
		if (until <= this.pausedUntil) return;
		this.pausedUntil = until;
		this.rateAt = this.rate(now);
		this.rateSince = until;
	}

	private answered(sentAt: number) {
		if (this.probe && sentAt >= this.probe.sentAt) {
			this.probe.release();
			this.probe = undefined;
		}
	}

	/** The request sent at `sentAt` got no answer from Hero (or was not sent after all). */
	unanswered(sentAt: number) {
		this.answered(sentAt);
	}

	/** Hero answered the request sent at `sentAt` with anything but 429 (it counted against the key). */
	accepted(sentAt: number, headers?: IDataObject) {
		const now = this.clock.now();
		this.acceptedAt.push(now);
		this.forgetAcceptedBefore(now - HERO_WINDOW_MS);
		if (sentAt > this.lastRefusalAt) this.refusedInARow = 0;
		const advice = rateLimitAdvice(headers, now);
		if (advice.exhausted && advice.waitMs !== undefined) this.pause(advice.waitMs);
		this.answered(sentAt);
	}

	/**
	 * Hero answered 429 to the request sent at `sentAt`. Refusals of requests already on their way
	 * when an earlier one was refused change nothing more. Every queued request then waits: as long
	 * as Hero asks (Retry-After, RateLimit-Reset) or, without those, one gap growing fourfold with each
	 * refusal in a row, never past the moment this process's oldest request of the last minute leaves
	 * Hero's window. A second refusal in a row confirms that Hero's window is full (one 429 may be a
	 * stray): more is sent on this key than Hero allows, so this process's rate drops, and until an
	 * answer is accepted one request at a time asks. Returns how long Hero asked to wait, if it did.
	 */
	refused(sentAt: number, headers?: IDataObject): number | undefined {
		const now = this.clock.now();
		if (sentAt > this.lastRefusalAt) {
			this.refusedInARow += 1;
			this.lastRefusalAt = now;
			if (this.refusedInARow === FULL_AFTER) {
				this.rateAt = Math.max(this.ceiling * FLOOR_SHARE, this.rate(now) * DECREASE);
				this.rateSince = now;
			}
		}
		const asked = rateLimitAdvice(headers, now).waitMs;
		this.pause(asked ?? this.backoffMs(now));
		this.answered(sentAt);
		return asked;
	}

	private forgetAcceptedBefore(at: number) {
		while (this.acceptedAt.length > 0 && this.acceptedAt[0] <= at) this.acceptedAt.shift();
	}

	private backoffMs(now: number) {
		const gap = this.gapMs(now);
		this.forgetAcceptedBefore(now - HERO_WINDOW_MS);
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
