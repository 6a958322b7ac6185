// Before the queue-mode files: the local Hero stand-in (its rate window shortened, so the suite takes
// seconds where Hero's own window takes minutes) and n8n in queue mode from
// scripts/lib/cluster/: Postgres, Redis, a main, 2 workers and a webhook processor behind a load
// balancer, this package installed as a community package, the stand-in credential and the suite's
// workflows imported. The tests run in a jest sandbox that cannot hold the cluster object, so a small
// control server on 127.0.0.1 lets them restart processes and read n8n's database.
// Everything the tests need goes to process.env.HERO_QUEUE.
import * as http from 'http';
import type { AddressInfo } from 'net';

import type { Cluster } from '../../scripts/lib/cluster/api';
import { startCluster } from '../../scripts/lib/cluster/start';
import { standinCredential } from '../../scripts/lib/n8n/credentials';
import { bulkSendWorkflow, triggerWorkflow } from '../../scripts/lib/queue-workflows';
import { startStandin } from '../../standin';
import type { Standin } from '../../standin';
import type { QueueConfig } from './helpers';

/** What globalTeardown stops; jest runs both hooks in its own process, so a global carries them over. */
export interface QueueHandles {
	standin: Standin;
	cluster?: Cluster;
	control?: http.Server;
}

declare global {
	var __HERO_QUEUE__: QueueHandles | undefined;
}

/**
 * The stand-in's limit L and the credential's Rate Limit: Hero's default 300/min over Hero's own 60 s window, the
 * window the pacing reasons about. The bulk test's 400 sends need more than one window, so two busy workers fill it
 * and must share it.
 */
const LIMIT_PER_MINUTE = 300;
const RATE_WINDOW_MS = 60_000;
const WORKERS = 2;

type Route = (body: { names?: string[]; query?: string; executionIds?: string[] }) => Promise<unknown>;

function startControl(cluster: Cluster): Promise<http.Server> {
	const routes: Record<string, Route> = {
		'POST /restart': async ({ names }) => {
			await cluster.restart(names!);
			return { processes: Object.keys(cluster.processes) };
		},
		'POST /sql': async ({ query }) => ({ rows: await cluster.sql(query!) }),
		'GET /balancer': async () => ({ log: cluster.balancer.log }),
		'POST /worker-of': async ({ executionIds }) => ({ workers: executionIds!.map((id) => cluster.workerOf(id)) }),
	};
	const server = http.createServer((req, res) => {
		let body = '';
		req.on('data', (d) => (body += d));
		req.on('end', async () => {
			const route = routes[`${req.method} ${req.url}`];
			if (!route) {
				res.writeHead(404).end();
				return;
			}
			try {
				const result = await route(body ? JSON.parse(body) : {});
				res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
			} catch (error) {
				res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: String(error && error.stack) }));
			}
		});
	});
	return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

export default async function globalSetup(): Promise<void> {
	const started = Date.now();
	const standin = await startStandin({ port: 0, rateLimitPerMinute: LIMIT_PER_MINUTE, rateWindowMs: RATE_WINDOW_MS });
	const handles: QueueHandles = { standin };
	globalThis.__HERO_QUEUE__ = handles;
	try {
		const credential = standinCredential(standin.url);
		credential.data.rateLimitPerMinute = LIMIT_PER_MINUTE;
		const bulk = bulkSendWorkflow();
		const trigger = triggerWorkflow();
		const cluster = await startCluster({
			workers: WORKERS,
			webhookProcessors: 1,
			concurrency: 5,
			credentials: [credential],
			workflows: [bulk, trigger],
			publish: [bulk.id],
		});
		handles.cluster = cluster;
		const control = await startControl(cluster);
		handles.control = control;
		const config: QueueConfig = {
			standinUrl: standin.url,
			limitPerMinute: LIMIT_PER_MINUTE,
			rateWindowMs: RATE_WINDOW_MS,
			workers: WORKERS,
			mainUrl: cluster.mainUrl,
			balancerUrl: cluster.balancerUrl,
			urls: Object.fromEntries(Object.keys(cluster.processes).map((name) => [name, cluster.urlOf(name)])),
			apiKey: cluster.apiKey,
			controlUrl: `http://127.0.0.1:${(control.address() as AddressInfo).port}`,
			logsDir: cluster.logsDir,
			workflows: { bulk, trigger },
		};
		process.env.HERO_QUEUE = JSON.stringify(config);
		console.log(
			`\n[queue] n8n ${cluster.paths.n8nVersion} in queue mode: main, ${WORKERS} workers, 1 webhook processor, balancer ${cluster.balancerUrl}; ` +
				`stand-in ${standin.url} at ${LIMIT_PER_MINUTE}/min per ${RATE_WINDOW_MS / 1000} s window; up in ${((Date.now() - started) / 1000).toFixed(0)} s; logs in ${cluster.logsDir}`,
		);
	} catch (error) {
		if (handles.cluster) await handles.cluster.stop();
		await standin.close();
		globalThis.__HERO_QUEUE__ = undefined;
		throw error;
	}
}
