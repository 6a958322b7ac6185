/**
 * Throughput benchmark: N messages through Message > Send, inside n8n's engine, against the stand-in
 * enforcing L requests/minute, with every answer delayed several times the gap between requests
 * (so one-at-a-time sending cannot keep up). Time is compressed: Hero allows 300/min per key, so
 * L = 3000/min is Hero ×10, and the stand-in counts its limit over a 60 s × 300/L window (6 s).
 * The same load then goes through n8n's HTTP Request node (n8n-nodes-base), configured the way a
 * user would: header auth, and its batching options set to Hero's rate. Then both again with another
 * client on the key (a practice's own app) at a steady 0.2 L from one window before the run: the
 * Hero Health node at Hero's own 300/min over Hero's 60 s window (its pacing works in Hero's real
 * time), 600 messages; the HTTP Request node (which keeps no time of its own) at the compressed L.
 *
 * Prints: achieved rate / L, 429s seen by the workflow, duplicates and misses (from the stand-in's
 * log), the other client's refused share, the node's per-item overhead with the network excluded,
 * package load time and dist size.
 *
 *   npm run bench:throughput -- [N=600] [L=3000] [latencyMs=5 gaps]
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';

import { HttpHeaderAuth } from 'n8n-nodes-base/dist/credentials/HttpHeaderAuth.credentials';
import { HttpRequest } from 'n8n-nodes-base/dist/nodes/HttpRequest/HttpRequest.node';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { HeroHealth } from '../nodes/HeroHealth/HeroHealth.node';
import { DEFAULT_REQUESTS_IN_FLIGHT } from '../nodes/HeroHealth/actions/fields';
import type { Standin } from '../standin';
import { fixtureDescription } from '../test/fixtures/fixtureDescription';
import type { AnyNodeType } from '../test/harness/core';
import { runNode } from '../test/harness';
import type { RunNodeResult } from '../test/harness';
import { byId, items, runHero, startTestStandin } from '../test/helpers';
import { answerFigures, otherClientFigures } from './figures';
import { httpRequestSendParameters } from './httpRequestSend';
import { OTHER_CLIENT_TEXT, startOtherClient } from './otherClient';

const HERO_PER_MINUTE = 300;
const ROOT = join(__dirname, '..');

const count = Number(process.argv[2] ?? 600);
const perMinute = Number(process.argv[3] ?? 3000);
const gapMs = 60_000 / perMinute;
const latencyMs = Number(process.argv[4] ?? 5 * gapMs);
const windowMs = (60_000 * HERO_PER_MINUTE) / perMinute;

/** The key's limit as the stand-in enforces it in a run: L per minute, counted over a window. */
interface Limit {
	perMinute: number;
	windowMs: number;
}

const COMPRESSED: Limit = { perMinute, windowMs };
const HEROS_OWN: Limit = { perMinute: HERO_PER_MINUTE, windowMs: 60_000 };
// Another client's steady rate on the key in the shared-key rows, as a share of L.
const OTHER_CLIENT_SHARE = 0.2;
const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

interface Figures {
	rate: number;
	delivered: number;
	wallMs: number;
	answered429: number;
	surfaced429: number;
	errorItems: number;
	duplicates: number;
	misses: number;
	maxInWindow: number;
	/** the limit the stand-in enforced in this run */
	limit: Limit;
	/** another client's requests on the key while the run's went out, and how many Hero refused */
	other?: { requests: number; refused: number };
	/** messages accepted per whole window of the run / L, and the lowest window */
	perWindow: ReturnType<typeof answerFigures>;
}

const texts = (label: string, messages = count) =>
	Array.from({ length: messages }, (_, i) => `${label} ${i}: your flu jab is due`);

/** Input items for the texts, each to the stand-in's patient. */
const textItems = (standin: Standin, sent: string[]) =>
	items(sent.map((text) => ({ patientId: standin.fixtures.patient.id, text })));

/** Message > Send (SMS) with the patient and the text read from each item. */
const SEND_EACH_ITEM = {
	resource: 'message',
	operation: 'send',
	patientId: byId('={{ $json.patientId }}'),
	channel: 'sms',
	message: '={{ $json.text }}',
};

/**
 * A fresh stand-in for a run, enforcing `limit`. With `otherClient`, another client sends to the key at
 * 0.2 L from one window before the run until the returned stop is called.
 */
async function freshStandin(standin: Standin, limit: Limit, otherClient?: boolean): Promise<() => Promise<void>> {
	standin.reset();
	standin.setConfig({ rateLimitPerMinute: limit.perMinute, rateWindowMs: limit.windowMs });
	if (!otherClient) return async () => {};
	const gap = 60_000 / (OTHER_CLIENT_SHARE * limit.perMinute);
	const other = startOtherClient(standin.url, standin.keys.full, standin.fixtures.patient.id, gap);
	await sleep(limit.windowMs);
	return other.stop;
}

/** What the stand-in saw for one run: rate over the requests' span, 429s, duplicates, misses, the busiest window. */
function figures(standin: Standin, result: RunNodeResult, sent: string[], wallMs: number, limit: Limit): Figures {
	const requests = standin.log
		.filter((entry) => entry.path === '/v1/messages/send')
		.map((entry) => {
			const text = (entry.body as { message_string: string }).message_string;
			return { entry, time: entry.time, status: entry.status, text, other: text.startsWith(OTHER_CLIENT_TEXT) };
		});
	const sends = requests.filter((request) => !request.other).map((request) => request.entry);
	const times = sends.map((entry) => Date.parse(entry.time));
	const landed = new Map<string, number>();
	for (const entry of sends) {
		if (entry.fault !== null || entry.status !== 200) continue;
		const text = (entry.body as { message_string: string }).message_string;
		landed.set(text, (landed.get(text) ?? 0) + 1);
	}
	let maxInWindow = 0;
	for (let first = 0, last = 0; last < times.length; last++) {
		while (times[last] - times[first] >= limit.windowMs) first++;
		maxInWindow = Math.max(maxInWindow, last - first + 1);
	}
	const error = (item: INodeExecutionData) => item.json.error !== undefined;
	// A node that failed gave the workflow no items at all: every item counts as an error.
	const failed = result.error !== undefined;
	return {
		// n requests evenly spaced span n-1 gaps
		rate: ((sends.length - 1) / (Math.max(...times) - Math.min(...times))) * 60_000,
		// messages that reached Hero, per minute of the node's run
		delivered: (landed.size / wallMs) * 60_000,
		wallMs,
		answered429: sends.filter((entry) => entry.status === 429).length,
		surfaced429: failed
			? Number(/429|too many/i.test(String(result.error?.message)))
			: result.items.filter((item) => error(item) && JSON.stringify(item.json).includes('429')).length,
		errorItems: failed ? sent.length : result.items.filter(error).length,
		duplicates: [...landed.values()].filter((times) => times > 1).length,
		misses: sent.filter((text) => !landed.has(text)).length,
		maxInWindow,
		limit,
		other: otherClientFigures(requests),
		perWindow: answerFigures(
			sends.map((entry) => ({ at: Date.parse(entry.time), refused: entry.status === 429 })),
			limit.perMinute,
			limit.windowMs,
		),
	};
}

async function heroRun(
	standin: Standin,
	label: string,
	options: { requestsInFlight?: number; messages?: number; limit?: Limit; otherClient?: boolean } = {},
): Promise<Figures> {
	const limit = options.limit ?? COMPRESSED;
	const stopOtherClient = await freshStandin(standin, limit, options.otherClient);
	const sent = texts(label, options.messages);
	const { requestsInFlight } = options;
	const parameters = { ...SEND_EACH_ITEM, ...(requestsInFlight ? { options: { requestsInFlight } } : {}) };
	const started = Date.now();
	const result = await runHero(standin, parameters, {
		items: textItems(standin, sent),
		continueOnFail: true,
		credentials: { rateLimitPerMinute: limit.perMinute },
	});
	const wallMs = Date.now() - started;
	await stopOtherClient();
	return figures(standin, result, sent, wallMs, limit);
}

/**
 * n8n's HTTP Request node as a user sets it up for Hero: header auth, JSON fields, optionally
 * batching, and either Continue on Fail or (n8n's documented answer to rate limits) Retry On Fail.
 */
async function httpRequestRun(
	standin: Standin,
	label: string,
	options: { batching: boolean; otherClient?: boolean; retryOnFail?: boolean },
): Promise<Figures> {
	const stopOtherClient = await freshStandin(standin, COMPRESSED, options.otherClient);
	const sent = texts(label);
	const httpRequest = new HttpRequest();
	// n8n registers its own nodes under this name (the harness would otherwise prefix it as a community node).
	httpRequest.description.name = 'n8n-nodes-base.httpRequest';
	// One item every 60 000 / L ms when batched: 200 ms at Hero's 300/min.
	const parameters = httpRequestSendParameters(
		`${standin.url}/v1/messages/send`,
		standin.keys.full.practiceGroupId,
		options.batching ? gapMs : undefined,
	);
	const started = Date.now();
	const result = await runNode({
		nodeType: httpRequest,
		parameters,
		items: textItems(standin, sent),
		continueOnFail: !options.retryOnFail,
		// n8n's defaults for Retry On Fail: 3 tries, 1 s apart.
		node: options.retryOnFail ? { retryOnFail: true, maxTries: 3, waitBetweenTries: 1000 } : {},
		credentials: { httpHeaderAuth: { name: 'x-api-key', value: standin.keys.full.apiKey } },
		credentialTypes: [new HttpHeaderAuth()],
	});
	const wallMs = Date.now() - started;
	await stopOtherClient();
	return figures(standin, result, sent, wallMs, COMPRESSED);
}

/** The Hero Health node with Hero's answer stubbed in memory: everything but the network. */
class HeroHealthNetworkStubbed extends HeroHealth {
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		Object.assign(this.helpers, {
			httpRequestWithAuthentication: async () => ({ statusCode: 200, headers: {}, body: { message_id: '1' } }),
		});
		return await super.execute.call(this);
	}
}

/** The n8n engine's own cost per item: a node that passes its input through. */
class PassThrough implements INodeType {
	description: INodeTypeDescription = fixtureDescription('Pass Through', 'passThrough', { description: 'Benchmark baseline' });

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData().map((item, index) => ({ json: item.json, pairedItem: { item: index } }))];
	}
}

async function msPerItem(standin: Standin, nodeType: AnyNodeType): Promise<number> {
	const input = textItems(standin, texts('Overhead'));
	const samples: number[] = [];
	for (let run = 0; run < 6; run++) {
		standin.reset();
		const started = process.hrtime.bigint();
		// A rate limit no run can reach: the limiter never waits.
		await runHero(standin, SEND_EACH_ITEM, { items: input, nodeType, credentials: { rateLimitPerMinute: 1e9 } });
		if (run > 0) samples.push(Number(process.hrtime.bigint() - started) / 1e6 / count);
	}
	return samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)];
}

/** Load time of the package's dist in a fresh process: n8n-workflow first (n8n has it loaded), then the package. */
function loadTimes(): { workflowMs: number; packageMs: number } {
	const script = `
		const t0 = process.hrtime.bigint();
		require('n8n-workflow');
		const t1 = process.hrtime.bigint();
		const { HeroHealth } = require('./dist/nodes/HeroHealth/HeroHealth.node.js');
		const { HeroHealthTrigger } = require('./dist/nodes/HeroHealth/HeroHealthTrigger.node.js');
		const { HeroHealthApi } = require('./dist/credentials/HeroHealthApi.credentials.js');
		new HeroHealth(); new HeroHealthTrigger(); new HeroHealthApi();
		const t2 = process.hrtime.bigint();
		console.log(JSON.stringify({ workflowMs: Number(t1 - t0) / 1e6, packageMs: Number(t2 - t1) / 1e6 }));`;
	const runs = Array.from({ length: 5 }, () => {
		const child = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
		if (child.status !== 0) throw new Error(`loading dist failed (run npm run build): ${child.stderr}`);
		return JSON.parse(child.stdout) as { workflowMs: number; packageMs: number };
	});
	const median = (values: number[]) => values.sort((a, b) => a - b)[2];
	return { workflowMs: median(runs.map((r) => r.workflowMs)), packageMs: median(runs.map((r) => r.packageMs)) };
}

function sizeOf(path: string): { bytes: number; files: number } {
	if (!statSync(path).isDirectory()) return { bytes: statSync(path).size, files: 1 };
	return readdirSync(path)
		.map((name) => sizeOf(join(path, name)))
		.reduce((total, part) => ({ bytes: total.bytes + part.bytes, files: total.files + part.files }), { bytes: 0, files: 0 });
}

function packedSize(): number | undefined {
	const child = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' });
	try {
		return (JSON.parse(child.stdout) as Array<{ size: number }>)[0].size;
	} catch {
		return undefined;
	}
}

const mark = (ok: boolean) => (ok ? 'ok  ' : 'MISS');
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
const COLUMNS = ['rate/L', 'deliv/L', 'wall', '429 in', '429 wf', 'errors', 'dupes', 'misses', 'busiest', 'other 429'];
const WIDTHS = [7, 8, 9, 7, 7, 7, 6, 7, 11, 11];
const NAME_WIDTH = 60;

function row(name: string, f: Figures) {
	const cells = [
		(f.rate / f.limit.perMinute).toFixed(3),
		(f.delivered / f.limit.perMinute).toFixed(3),
		`${(f.wallMs / 1000).toFixed(2)} s`,
		f.answered429,
		f.surfaced429,
		f.errorItems,
		f.duplicates,
		f.misses,
		`${f.maxInWindow}/${Math.floor((f.limit.perMinute * f.limit.windowMs) / 60_000)}`,
		f.other ? `${f.other.refused}/${f.other.requests}` : '–',
	];
	return name.padEnd(NAME_WIDTH) + cells.map((cell, i) => String(cell).padStart(WIDTHS[i])).join('');
}

async function main() {
	const standin = await startTestStandin({ rateLimitPerMinute: perMinute, rateWindowMs: windowMs, latencyMs });
	try {
		console.log(
			`${count} messages, stand-in limit L = ${perMinute}/min over a ${(windowMs / 1000).toFixed(1)} s window ` +
				`(Hero's ${HERO_PER_MINUTE}/min ×${perMinute / HERO_PER_MINUTE}), answers delayed ${latencyMs.toFixed(0)} ms ` +
				`= ${(latencyMs / gapMs).toFixed(1)} × the ${gapMs.toFixed(1)} ms gap\n`,
		);
		const batchLabel = `batch 1 every ${Math.ceil(gapMs)} ms`;
		const runs: Array<[string, Figures]> = [
			[`Hero Health node (${DEFAULT_REQUESTS_IN_FLIGHT} in flight, the default)`, await heroRun(standin, 'Hero')],
			['Hero Health node, 1 in flight (first 100)', await heroRun(standin, 'Hero 1', { requestsInFlight: 1, messages: 100 })],
			[`HTTP Request node, ${batchLabel}`, await httpRequestRun(standin, 'HTTP', { batching: true })],
			['HTTP Request node, no batching', await httpRequestRun(standin, 'HTTP unbatched', { batching: false })],
			[
				`Hero Health node, other client 0.2 L, Hero's ${HERO_PER_MINUTE}/min`,
				await heroRun(standin, 'Hero shared', { messages: 2 * HERO_PER_MINUTE, limit: HEROS_OWN, otherClient: true }),
			],
			[
				`HTTP Request node, ${batchLabel}, other client 0.2 L`,
				await httpRequestRun(standin, 'HTTP shared', { batching: true, otherClient: true }),
			],
			[
				`HTTP Request node, same + Retry On Fail`,
				await httpRequestRun(standin, 'HTTP retry', { batching: true, otherClient: true, retryOnFail: true }),
			],
		];
		console.log('run'.padEnd(NAME_WIDTH) + COLUMNS.map((column, i) => column.padStart(WIDTHS[i])).join(''));
		for (const [name, f] of runs) console.log(row(name, f));
		console.log(
			'rate/L: requests reaching the stand-in per minute over their span / L. deliv/L: messages delivered per minute\n' +
				'of the node run / L. 429 in: answered by the stand-in. 429 wf: error items the workflow got for a 429.\n' +
				'busiest: most requests in any stand-in window / allowed. other 429: requests of another client on the key\n' +
				'(steady at 0.2 L from one window before the run) refused while the run sent / all it sent meanwhile. With it,\n' +
				`the Hero Health node runs at Hero's own ${HERO_PER_MINUTE}/min over its 60 s window: its pacing keeps Hero's real time,\n` +
				'which this bench otherwise compresses tenfold. Retry On Fail reruns the whole node after an error, every item included; when\n' +
				'its last try fails too, the workflow gets one error (429 wf 1) and no items (errors = all).\n',
		);
		const [ours, , , , shared] = runs.map(([, f]) => f);

		standin.setConfig({ rateLimitPerMinute: 0, latencyMs: 0 });
		const stubbed = await msPerItem(standin, new HeroHealthNetworkStubbed());
		const engine = await msPerItem(standin, new PassThrough());
		const overHttp = await msPerItem(standin, new HeroHealth());
		const load = loadTimes();
		const dist = sizeOf(join(ROOT, 'dist'));
		const packed = packedSize();

		console.log(
			`${mark(ours.rate / perMinute >= 0.97)} achieved rate / L              ${(ours.rate / perMinute).toFixed(3)} (target ≥ 0.97)`,
		);
		console.log(
			`${mark(ours.surfaced429 === 0)} 429s seen by the workflow      ${ours.surfaced429} (stand-in answered ${ours.answered429})`,
		);
		console.log(`${mark(ours.duplicates === 0)} duplicates                     ${ours.duplicates}`);
		console.log(`${mark(ours.misses === 0)} misses                         ${ours.misses}`);
		const otherRefused = (shared.other?.refused ?? 0) / (shared.other?.requests ?? 1);
		console.log(
			`${mark(otherRefused <= 0.05)} another client on the key      ${(otherRefused * 100).toFixed(1)}% of its requests refused (target ≤ 5%)`,
		);
		console.log(
			`${mark(shared.perWindow.rate >= 0.72)} delivered beside it           ${shared.perWindow.rate.toFixed(3)} L per whole 60 s window, ` +
				`lowest ${shared.perWindow.lowest?.toFixed(3)} (target ≥ 0.72, 0.9 of the 0.8 L left)`,
		);
		console.log(
			`${mark(stubbed - engine < 1)} node overhead per item         ${(stubbed - engine).toFixed(3)} ms with the network stubbed ` +
				`(${stubbed.toFixed(3)} ms in n8n's engine, of which the engine itself ${engine.toFixed(3)} ms; ` +
				`${overHttp.toFixed(3)} ms with real HTTP to the stand-in at zero latency)`,
		);
		console.log(
			`     package load time              ${load.packageMs.toFixed(1)} ms (after n8n-workflow, which took ${load.workflowMs.toFixed(1)} ms)`,
		);
		console.log(
			`     dist size                      ${kb(dist.bytes)} in ${dist.files} files` +
				(packed === undefined ? '' : `; npm pack tarball ${kb(packed)}`),
		);
		console.log(
			`     machine load                   ${loadavg()
				.map((load) => load.toFixed(1))
				.join(', ')} (1, 5, 15 min averages)`,
		);
	} finally {
		await standin.close();
	}
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
