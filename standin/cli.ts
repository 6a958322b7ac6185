// npm run standin -- --port 4010 [--rate-limit 300] [--latency 0] [--rate429 0] [--rate5xx 0] [--drop 0]
//                    [--retry-after] [--ratelimit-headers] [--reservation-ttl 300000] [--seed 1] [--host 127.0.0.1]

import { startStandin, type StandinFaults, type StandinOptions } from './index';

const USAGE = `Usage: npm run standin -- [--port 4010] [--host 127.0.0.1] [--rate-limit 300] [--latency 0]
       [--rate429 0] [--rate5xx 0] [--drop 0] [--retry-after] [--ratelimit-headers] [--reservation-ttl <ms>] [--seed 1]`;

function parseArgs(argv: string[]): StandinOptions {
	const opts: StandinOptions = { port: 4010 };
	const faults: StandinFaults = {};
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		const [flag, inline] = arg.split('=');
		const value = () => {
			const v = inline !== undefined ? inline : argv[++i];
			if (v === undefined || Number.isNaN(Number(v))) throw new Error(`${flag} needs a number`);
			return Number(v);
		};
		switch (flag) {
			case '--port':
				opts.port = value();
				break;
			case '--host':
				opts.host = inline !== undefined ? inline : argv[++i];
				break;
			case '--rate-limit':
				opts.rateLimitPerMinute = value();
				break;
			case '--latency':
				opts.latencyMs = value();
				break;
			case '--rate429':
				faults.rate429 = value();
				break;
			case '--rate5xx':
				faults.rate5xx = value();
				break;
			case '--drop':
				faults.rateDrop = value();
				break;
			case '--retry-after':
				opts.retryAfter = true;
				break;
			case '--ratelimit-headers':
				opts.rateLimitHeaders = true;
				break;
			case '--reservation-ttl':
				opts.reservationTtlMs = value();
				break;
			case '--seed':
				opts.seed = value();
				break;
			case '-h':
			case '--help':
				console.log(USAGE);
				process.exit(0);
				break;
			default:
				throw new Error(`Unknown option ${arg}`);
		}
	}
	opts.faults = faults;
	return opts;
}

async function main() {
	let opts: StandinOptions;
	try {
		opts = parseArgs(process.argv.slice(2));
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
