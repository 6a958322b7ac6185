// What a stand-in is started with (StandinOptions), the settings in force (StandinSettings) and how
// setConfig changes them.

import type { StandinKey } from './auth';

export type BatchListShape = 'list' | 'array' | 'object';

export interface StandinFaults {
	/** share (0..1) of requests answered 429 */
	rate429?: number;
	/** share (0..1) of requests answered 500/502/503 */
	rate5xx?: number;
	/** share (0..1) of requests whose socket is destroyed without an answer */
	rateDrop?: number;
}

export interface StandinConfig {
	/** per API key, sliding window; 0 or Infinity = off. Default 300 */
	rateLimitPerMinute?: number;
	/** the sliding window's length; a shorter one allows rateLimitPerMinute * rateWindowMs / 60 s per window (time compressed for benchmarks). Default 60000 */
	rateWindowMs?: number;
	/** send Retry-After (seconds) on 429s. Default false (Hero documents none) */
	retryAfter?: boolean;
	/** send RateLimit-Limit, -Remaining and -Reset (seconds until one more is allowed) on every answer to a known key. Default false (Hero documents none) */
	rateLimitHeaders?: boolean;
	/** added latency per request. Default 0 */
	latencyMs?: number;
	/** how long a reservation holds its slot. Default 5 minutes */
	reservationTtlMs?: number;
	/** GET /v1/batch_message answers {data, count} ('list'), a bare array ('array') or the first batch alone ('object'). Default 'list' */
	batchListShape?: BatchListShape;
}

/** The configuration in force (s.config, GET /_standin/config, what handlers read). */
export type StandinSettings = Required<StandinConfig>;

export interface StandinOptions extends StandinConfig {
	/** 0 = random free port. Default 0 */
	port?: number;
	/** Default 127.0.0.1 */
	host?: string;
	/** more accepted keys by label (e.g. a recognisable key for secret scans); practice group and scopes default to the full key's */
	extraKeys?: Record<string, Partial<StandinKey> & { apiKey: string }>;
	faults?: StandinFaults;
	/** seeds the synthetic data and the fault RNG. Default 1 */
	seed?: number;
	/** request log and delivery log keep at most this many entries (oldest dropped). Default 10000 */
	maxLogEntries?: number;
	/** OpenAPI file; default the project's api/hero-health.openapi.yaml */
	contractPath?: string;
}

/** setConfig's argument: rateLimitPerMinute null switches the limit off (JSON has no Infinity). */
export type ConfigUpdate = Omit<StandinConfig, 'rateLimitPerMinute'> & { rateLimitPerMinute?: number | null };

export const DEFAULTS: Required<Omit<StandinOptions, 'contractPath' | 'extraKeys'>> & { faults: Required<StandinFaults> } = {
	port: 0,
	host: '127.0.0.1',
	rateLimitPerMinute: 300,
	rateWindowMs: 60000,
	retryAfter: false,
	rateLimitHeaders: false,
	latencyMs: 0,
	faults: { rate429: 0, rate5xx: 0, rateDrop: 0 },
	reservationTtlMs: 5 * 60 * 1000,
	seed: 1,
	// GET /v1/batch_message answers {data, count} ('list'), a bare array ('array') or one batch ('object')
	batchListShape: 'list',
	maxLogEntries: 10000, // oldest request-log / delivery entries are dropped beyond this (long benchmarks)
};

/** The settings a stand-in starts with: the options given, the defaults for the rest. */
export function initialSettings(options: StandinOptions): StandinSettings {
	return {
		rateLimitPerMinute: options.rateLimitPerMinute !== undefined ? options.rateLimitPerMinute : DEFAULTS.rateLimitPerMinute,
		rateWindowMs: options.rateWindowMs || DEFAULTS.rateWindowMs,
		retryAfter: options.retryAfter !== undefined ? !!options.retryAfter : DEFAULTS.retryAfter,
		rateLimitHeaders: options.rateLimitHeaders !== undefined ? !!options.rateLimitHeaders : DEFAULTS.rateLimitHeaders,
		latencyMs: options.latencyMs || DEFAULTS.latencyMs,
		reservationTtlMs: options.reservationTtlMs || DEFAULTS.reservationTtlMs,
		batchListShape: options.batchListShape || DEFAULTS.batchListShape,
	};
}

/** setConfig: changes the settings in place (handlers read the same object) and answers a copy. */
export function updateSettings(settings: StandinSettings, c: ConfigUpdate = {}): StandinSettings {
	if (c.rateLimitPerMinute !== undefined)
		settings.rateLimitPerMinute = c.rateLimitPerMinute === null ? 0 : Number(c.rateLimitPerMinute);
	if (c.latencyMs !== undefined) settings.latencyMs = Number(c.latencyMs) || 0;
	if (c.rateWindowMs !== undefined) settings.rateWindowMs = Number(c.rateWindowMs) || DEFAULTS.rateWindowMs;
	if (c.retryAfter !== undefined) settings.retryAfter = !!c.retryAfter;
	if (c.rateLimitHeaders !== undefined) settings.rateLimitHeaders = !!c.rateLimitHeaders;
	if (c.reservationTtlMs !== undefined) settings.reservationTtlMs = Number(c.reservationTtlMs);
	if (c.batchListShape !== undefined) settings.batchListShape = c.batchListShape;
	return { ...settings };
}
