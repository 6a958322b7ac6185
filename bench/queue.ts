/**
 * Queue-mode benchmark: the issue's table, measured in real n8n queue mode (scripts/lib/cluster/:
 * Postgres, Redis, a main, W workers, a webhook processor; this package installed as a community
 * package) against the stand-in enforcing L requests per minute per key over Hero's real 60-second
 * sliding window.
 *
 * For W = 1, 2 and 4 workers: a Webhook-triggered workflow is called K times at once (K = 4, or 8 at
 * W = 4); each execution sends N SMS through the Hero Health node (Message: Send, default options).
 * Worker concurrency is ceil(K / W), so every worker is busy. The same load then goes through n8n's
 * HTTP Request node in the same cluster, set up the way n8n's docs say to handle rate limits: header
 * auth with the key, Batching (1 item per batch, 60 000 / L ms apart) and Retry On Fail at the most
 * the docs allow (5 tries, 5 s apart). At W = 2, a minute after the busy run, one execution of N
 * SMS runs alone: nothing is set by hand in between. Then the busy run again with another client on
 * the key (a practice's own app) sending Message: Send at a steady 0.2 L, from one window before the
 * executions start until they have finished, each request once whatever the answer.
 *
 * Columns (from the stand-in's request log): requests; answered 429 (share of requests); the worst
 * share over any 60 s window (Hero's window); executions failed; messages delivered; duplicates
 * (messages Hero accepted more than once); misses (never accepted); delivered rate / L: Hero's
 * allowance put to use, i.e. messages accepted for the first time per whole 60 s window of the run
 * over L (a run shorter than a window: over its requests' span), and in brackets the emptiest of
 * those windows; the other client's requests while the executions ran, and how many Hero refused.
 * Every request of each row goes to .n8n-e2e/bench-queue-rows/, which `npm run bench:plot` draws.
 *
 * Progress goes to stderr, the table to stdout. At the defaults the whole command takes 28 to 40 minutes
 * on a shared 2-core machine, 8 to 12 of them starting the three clusters.
 *
 *   npm run bench:queue -- [K=4] [N=300] [L=600] [workers=1,2,4]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import { join } from 'node:path';

import type { Cluster } from '../scripts/lib/cluster/api';
import { startCluster } from '../scripts/lib/cluster/start';
import { STANDIN_CREDENTIAL_ID, STANDIN_CREDENTIAL_NAME, standinCredential } from '../scripts/lib/n8n/credentials';
import type { ExecutionJson } from '../scripts/lib/n8n/json';
import { N8N_VERSION, PACKAGE_NAME, PROJECT_ROOT } from '../scripts/lib/n8n/project';
import { allExecutions } from '../scripts/lib/n8n/rest';
import { bulkRequestNodes, workflow } from '../scripts/lib/queue-workflows';
import type { WorkflowNode } from '../scripts/lib/queue-workflows';
import { startStandin } from '../standin';
import type { LogEntry, Standin } from '../standin';
import { answerFigures, otherClientFigures, rowFileName, tableOf } from './figures';
import type { RowFile, RowRequest, TableRow } from './figures';
import { httpRequestSendParameters } from './httpRequestSend';
import { OTHER_CLIENT_TEXT, startOtherClient } from './otherClient';

const K = Number(process.argv[2] ?? 4);
const N = Number(process.argv[3] ?? 300);
const L = Number(process.argv[4] ?? 600);
const WORKERS = String(process.argv[5] ?? '1,2,4')
	.split(',')
	.map(Number);
const ROWS_DIR = join(PROJECT_ROOT, '.n8n-e2e', 'bench-queue-rows');
// Another client's steady rate on the key in the shared-key run, as a share of L.
const OTHER_CLIENT_SHARE = 0.2;
const WINDOW_MS = 60_000;
const SEND_PATH = '/v1/messages/send';
// The stand-in's patients without an SMS restriction (1004 and 1005 have one).
const PATIENTS = Array.from({ length: 29 }, (_, i) => String(1001 + i)).filter((id) => id !== '1004' && id !== '1005');

const progress = (message: string) =>
	process.stderr.write(`[bench:queue ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

const HTTP_CREDENTIAL = { id: 'benchHttpHeaderAuth', name: 'Hero key (header auth)' };

/** Webhook → Split Out → `send`: one execution per call, one item per message. */
function bulkWorkflow(id: string, send: Omit<WorkflowNode, 'id' | 'name' | 'position'>) {
	return workflow(id, `Bench: ${id}`, [
		...bulkRequestNodes(id, id),
		{ id: `${id}-send`, name: 'Send', position: [440, 0], ...send },
	]);
}

const heroWorkflow = bulkWorkflow('benchHero', {
	type: `${PACKAGE_NAME}.heroHealth`,
	typeVersion: 1,
	parameters: {
		resource: 'message',
		operation: 'send',
		patientId: { __rl: true, mode: 'id', value: '={{ $json.patientId }}' },
		channel: 'sms',
		message: '={{ $json.text }}',
		options: {},
	},
	credentials: { heroHealthApi: { id: STANDIN_CREDENTIAL_ID, name: STANDIN_CREDENTIAL_NAME } },
});

function httpWorkflow(standinUrl: string, practiceGroupId: string) {
	return bulkWorkflow('benchHttpRequest', {
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		// n8n's docs on rate limits: Retry On Fail, Wait Between Tries over the limit (at most 5 tries, 5 s apart).
		retryOnFail: true,
		maxTries: 5,
		waitBetweenTries: 5000,
		// Batching: one item every 60 000 / L ms, the key's rate limit.
		parameters: httpRequestSendParameters(`${standinUrl}${SEND_PATH}`, practiceGroupId, 60_000 / L),
		credentials: { httpHeaderAuth: HTTP_CREDENTIAL },
	});
}

const FINISHED = ['success', 'error', 'crashed', 'canceled'];

/** The workflow's executions, running ones too, without their data (cheap enough to poll). */
async function executionsOf(cluster: Cluster, workflowId: string): Promise<ExecutionJson[]> {
	return await allExecutions(cluster.publicApi, workflowId, { limit: '250' });
}

/**
 * Calls the workflow's webhook `executions` times at once, each with `messages` SMS; waits for every
 * execution to finish. With `otherClient` (a share of L), another client sends to the key at that
 * steady rate from one window before the calls until the executions have finished.
 */
async function run(
	cluster: Cluster,
	standin: Standin,
	workflowId: string,
	label: string,
	executions: number,
	messages: number,
	otherClient?: number,
): Promise<TableRow> {
	const before = new Set((await executionsOf(cluster, workflowId)).map((execution) => String(execution.id)));
	const firstEntry = standin.log.length;
	const texts: string[] = [];
	const other =
		otherClient === undefined
			? undefined
			: startOtherClient(standin.url, standin.keys.full, PATIENTS[0], WINDOW_MS / (otherClient * L));
	if (other) {
		progress(`${label}: another client at ${otherClient} L for a window first`);
		await sleep(WINDOW_MS);
	}
	const started = Date.now();
	progress(`${label}: ${executions} × ${messages} SMS`);
	await Promise.all(
		Array.from({ length: executions }, async (_, e) => {
			const batch = Array.from({ length: messages }, (__, i) => ({
				patientId: PATIENTS[i % PATIENTS.length],
				text: `${label} run ${e} message ${i}`,
			}));
			texts.push(...batch.map((message) => message.text));
			// A process that has not yet loaded the activated workflow answers 404 and starts nothing: ask again.
			for (let tries = 1; ; tries++) {
				const response = await fetch(`${cluster.balancerUrl}/webhook/${workflowId}`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ messages: batch }),
				});
				if (response.ok) break;
				const answer = await response.text();
				if (response.status !== 404 || tries === 30) throw new Error(`webhook call failed: ${response.status} ${answer}`);
				await sleep(2000);
			}
		}),
	);
	let finished: ExecutionJson[] = [];
	for (let polls = 0; ; polls++) {
		finished = (await executionsOf(cluster, workflowId)).filter(
			(execution) => !before.has(String(execution.id)) && FINISHED.includes(execution.status),
		);
		if (finished.length >= executions) break;
		if (Date.now() - started > 40 * 60_000)
			throw new Error(`${label}: only ${finished.length} of ${executions} executions finished in 40 min`);
		if (polls % 6 === 0) {
			const sends = standin.log.slice(firstEntry).filter((entry) => entry.path === SEND_PATH);
			progress(`${label}: ${finished.length}/${executions} executions done, ${sends.length} requests so far`);
		}
		await sleep(5000);
	}
	await other?.stop();
	const wallMs = Date.now() - started;
	const textOf = (entry: LogEntry) => (entry.body as { message_string?: string })?.message_string;
	const requests: RowRequest[] = standin.log
		.slice(firstEntry)
		.filter((entry: LogEntry) => entry.path === SEND_PATH)
		.map((entry) => ({ time: entry.time, status: entry.status, text: textOf(entry) }))
		.map((request) => (request.text?.startsWith(OTHER_CLIENT_TEXT) ? { ...request, other: true } : request));
	const sends = requests.filter((request) => !request.other);
	const landed = new Map<string, number>();
	for (const request of sends) {
		if (request.status !== 200) continue;
		landed.set(request.text ?? '', (landed.get(request.text ?? '') ?? 0) + 1);
	}
	const seen = new Set<string>();
	const workers = finished.map((execution) => cluster.workerOf(execution.id) ?? '?');
	const spread = [...new Set(workers)]
		.sort()
		.map((worker) => `${worker}: ${workers.filter((w) => w === worker).length}`)
		.join(', ');
	const row: TableRow = {
		label,
		figures: answerFigures(
			sends.map((request) => {
				const text = request.text ?? '';
				const repeat = request.status === 200 && seen.has(text);
				if (request.status === 200) seen.add(text);
				return { at: Date.parse(request.time), refused: request.status === 429, repeat };
			}),
			L,
		),
		failed: finished.filter((execution) => execution.status !== 'success').length,
		executions,
		delivered: landed.size,
		duplicates: [...landed.values()].filter((count) => count > 1).length,
		misses: texts.filter((text) => !landed.has(text)).length,
		other: otherClientFigures(requests),
		load: os.loadavg()[0],
	};
	for (const execution of finished.filter((e) => e.status !== 'success')) {
		const { data } = await cluster.publicApi<ExecutionJson>('GET', `/executions/${execution.id}?includeData=true`);
		progress(
			`${label}: execution ${execution.id} ${execution.status}: ${data?.resultData?.error?.message ?? '(no error recorded)'}`,
		);
	}
	// Every request of the row, the other client's too, for a closer look and for bench:plot: .n8n-e2e/bench-queue-rows/<label>.json
	mkdirSync(ROWS_DIR, { recursive: true });
	const file: RowFile = { label, perMinute: L, requests };
	writeFileSync(join(ROWS_DIR, rowFileName(label)), JSON.stringify(file));
	progress(
		`${label}: done in ${(wallMs / 1000).toFixed(0)} s (${spread}); ${JSON.stringify({ ...row.figures, perWindow: row.figures.perWindow.join(' '), other: row.other })}`,
	);
	return row;
}

async function main() {
	const benchStarted = Date.now();
	const standin = await startStandin({ port: 0, rateLimitPerMinute: L, rateWindowMs: WINDOW_MS, maxLogEntries: 500_000 });
	const rows: TableRow[] = [];
	try {
		const key = standin.keys.full;
		const heroCredential = standinCredential(standin.url, key);
		heroCredential.data.rateLimitPerMinute = L;
		const credentials = [
			heroCredential,
			{ ...HTTP_CREDENTIAL, type: 'httpHeaderAuth', data: { name: 'x-api-key', value: key.apiKey } },
		];
		for (const workers of WORKERS) {
			const executions = workers === 4 ? 2 * K : K;
			progress(`starting queue mode with ${workers} worker(s), concurrency ${Math.ceil(executions / workers)}`);
			const cluster: Cluster = await startCluster({
				workers,
				webhookProcessors: 1,
				concurrency: Math.ceil(executions / workers),
				runDir: `${PROJECT_ROOT}/.n8n-e2e/bench-queue`,
				credentials,
				workflows: [heroWorkflow, httpWorkflow(standin.url, key.practiceGroupId)],
				publish: [heroWorkflow.id, 'benchHttpRequest'],
			});
			try {
				standin.reset();
				const where = `${workers} worker${workers > 1 ? 's' : ''}`;
				rows.push(
					await run(cluster, standin, heroWorkflow.id, `Hero Health node, ${where}, ${executions} × ${N}`, executions, N),
				);
				if (workers === 2) {
					// Hero's window and this package's pacing see no request for a minute; nothing else changes.
					const lastAt = Date.parse(standin.log[standin.log.length - 1].time);
					await sleep(Math.max(0, lastAt + WINDOW_MS + 1000 - Date.now()));
					rows.push(
						await run(cluster, standin, heroWorkflow.id, `Hero Health node, ${where}, one execution alone, 1 × ${N}`, 1, N),
					);
					// The other client's first window also lets the workers' pacing forget the runs before.
					standin.reset();
					const label = `Hero Health node, ${where}, ${executions} × ${N}, another client at ${OTHER_CLIENT_SHARE} L`;
					rows.push(await run(cluster, standin, heroWorkflow.id, label, executions, N, OTHER_CLIENT_SHARE));
				}
				standin.reset();
				rows.push(
					await run(cluster, standin, 'benchHttpRequest', `HTTP Request node, ${where}, ${executions} × ${N}`, executions, N),
				);
			} finally {
				await cluster.stop();
			}
		}
	} finally {
		await standin.close();
	}
	const minutes = ((Date.now() - benchStarted) / 60_000).toFixed(1);
	// The machine's load matters: a busy machine stalls the processes, which costs a lone process its pace.
	const loads = rows.map((row) => row.load?.toFixed(1)).join(', ');
	console.log(
		`\nn8n ${N8N_VERSION} queue mode; stand-in at L = ${L}/min per key over a 60 s sliding window; ${minutes} min in all; ` +
			`load average over the last minute of each row: ${loads}.\n`,
	);
	console.log(tableOf(rows));
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
