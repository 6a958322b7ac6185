// npm run standin -- --port 4010 [--rate-limit 300] [--latency 0] [--rate429 0] [--rate5xx 0] [--drop 0]
//                    [--retry-after] [--ratelimit-headers] [--reservation-ttl 300000] [--seed 1] [--host 127.0.0.1]

import { parseArgs } from 'node:util';

import { startStandin, type StandinFaults, type StandinOptions } from './index';

const USAGE = `Usage: npm run standin -- [--port 4010] [--host 127.0.0.1] [--rate-limit 300] [--latency 0]
       [--rate429 0] [--rate5xx 0] [--drop 0] [--retry-after] [--ratelimit-headers] [--reservation-ttl <ms>] [--seed 1]`;

/** The numeric flags, and where each one goes. */
const NUMBERS: Record<string, (opts: StandinOptions, faults: StandinFaults, value: number) => void> = {
	port: (opts, _, value) => (opts.port = value),
	'rate-limit': (opts, _, value) => (opts.rateLimitPerMinute = value),
	latency: (opts, _, value) => (opts.latencyMs = value),
	rate429: (_, faults, value) => (faults.rate429 = value),
	rate5xx: (_, faults, value) => (faults.rate5xx = value),
	drop: (_, faults, value) => (faults.rateDrop = value),
	'reservation-ttl': (opts, _, value) => (opts.reservationTtlMs = value),
	seed: (opts, _, value) => (opts.seed = value),
};

function readOptions(argv: string[]): StandinOptions {
	const { values } = parseArgs({
		args: argv,
		options: {
			...Object.fromEntries(Object.keys(NUMBERS).map((flag) => [flag, { type: 'string' as const }])),
			host: { type: 'string' },
			'retry-after': { type: 'boolean' },
			'ratelimit-headers': { type: 'boolean' },
			help: { type: 'boolean', short: 'h' },
		},
	});
	if (values.help) {
		console.log(USAGE);
		process.exit(0);
	}
	const faults: StandinFaults = {};
	const opts: StandinOptions = { port: 4010, faults };
	for (const [flag, apply] of Object.entries(NUMBERS)) {
		const raw = (values as Record<string, string | boolean | undefined>)[flag];
		if (raw === undefined) continue;
		if (typeof raw !== 'string' || raw.trim() === '' || Number.isNaN(Number(raw))) throw new Error(`--${flag} needs a number`);
		apply(opts, faults, Number(raw));
	}
	if (typeof values.host === 'string') opts.host = values.host;
	if (values['retry-after']) opts.retryAfter = true;
	if (values['ratelimit-headers']) opts.rateLimitHeaders = true;
	return opts;
}

async function main() {
	let opts: StandinOptions;
	try {
		opts = readOptions(process.argv.slice(2));
	} catch (e) {
		console.error(`${e.message}\n${USAGE}`);
		process.exit(2);
	}
	const s = await startStandin(opts);
	const k = s.keys.full;
	console.log(`Hero stand-in listening on ${s.url}`);
	console.log(`  x-api-key:           ${k.apiKey}   (all scopes)`);
	console.log(`  x-practice-group-id: ${k.practiceGroupId}`);
	console.log(`  messaging-only key:  ${s.keys.messagingOnly.apiKey}`);
	console.log(`  booking-only key:    ${s.keys.bookingOnly.apiKey}`);
	console.log(`  try: curl -s -H 'x-api-key: ${k.apiKey}' -H 'x-practice-group-id: ${k.practiceGroupId}' ${s.url}/v1/me`);
	console.log(`  control: ${s.url}/_standin/log | /_standin/state | POST /_standin/reset`);
	const stop = async (signal: string) => {
		console.log(`\n${signal}: stopping`);
		await s.close();
		process.exit(0);
	};
	process.once('SIGINT', () => stop('SIGINT'));
	process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
