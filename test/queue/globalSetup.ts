'use strict';
// Before the queue-mode files: the local Hero stand-in (its rate window shortened, so the suite takes
// seconds where Hero's own window takes minutes) and n8n in queue mode from
// scripts/lib/cluster.js: Postgres, Redis, a main, 2 workers and a webhook processor behind a load
// balancer, this package installed as a community package, the stand-in credential and the suite's
// workflows imported. The tests run in a jest sandbox that cannot hold the cluster object, so a small
// control server on 127.0.0.1 lets them restart processes and read n8n's database.
// Everything the tests need goes to process.env.HERO_QUEUE.

const http = require('http');

const n8n = require('../../scripts/lib/n8n');
const { startCluster } = require('../../scripts/lib/cluster');
const { bulkSendWorkflow, triggerWorkflow } = require('../../scripts/lib/queue-workflows');
const { startStandin } = require('../../standin');

/**
 * The stand-in's limit L and the credential's Rate Limit, as in issue 12's measurements (L = 600/min), with
 * Hero's 60 s window shortened to 6 s (60 requests per window) so that the count resets within the run.
 * Two busy workers can each offer L, so W × L reaches Hero.
 */
const LIMIT_PER_MINUTE = 600;
const RATE_WINDOW_MS = 6000;
const WORKERS = 2;

function startControl(cluster) {
	const routes = {
		'POST /restart': async ({ names }) => {
			await cluster.restart(names);
			return { processes: Object.keys(cluster.processes) };
		},
		'POST /sql': async ({ query }) => ({ rows: await cluster.sql(query) }),
		'GET /balancer': async () => ({ log: cluster.balancer.log }),
		'POST /worker-of': async ({ executionIds }) => ({ workers: executionIds.map((id) => cluster.workerOf(id)) }),
	};
	const server = http.createServer((req, res) => {
		let body = '';
		req.on('data', (d) => (body += d));
		req.on('end', async () => {
			const route = routes[`${req.method} ${req.url}`];
			if (!route) return res.writeHead(404).end();
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

module.exports = async function globalSetup() {
	const started = Date.now();
	const standin = await startStandin({ port: 0, rateLimitPerMinute: LIMIT_PER_MINUTE, rateWindowMs: RATE_WINDOW_MS });
	globalThis.__HERO_QUEUE__ = { standin };
	try {
		const credential = n8n.standinCredential(standin.url);
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
		globalThis.__HERO_QUEUE__.cluster = cluster;
		const control = await startControl(cluster);
		globalThis.__HERO_QUEUE__.control = control;
		const config = {
			standinUrl: standin.url,
			limitPerMinute: LIMIT_PER_MINUTE,
			rateWindowMs: RATE_WINDOW_MS,
			workers: WORKERS,
			mainUrl: cluster.mainUrl,
			balancerUrl: cluster.balancerUrl,
			urls: Object.fromEntries(Object.keys(cluster.processes).map((name) => [name, cluster.urlOf(name)])),
			apiKey: cluster.apiKey,
			controlUrl: `http://127.0.0.1:${control.address().port}`,
			logsDir: cluster.logsDir,
			workflows: { bulk, trigger },
		};
		process.env.HERO_QUEUE = JSON.stringify(config);
		console.log(
			`\n[queue] n8n ${cluster.paths.n8nVersion} in queue mode: main, ${WORKERS} workers, 1 webhook processor, balancer ${cluster.balancerUrl}; ` +
				`stand-in ${standin.url} at ${LIMIT_PER_MINUTE}/min per ${RATE_WINDOW_MS / 1000} s window; up in ${((Date.now() - started) / 1000).toFixed(0)} s; logs in ${cluster.logsDir}`,
		);
	} catch (error) {
		const { cluster } = globalThis.__HERO_QUEUE__;
		if (cluster) await cluster.stop();
		await standin.close();
		globalThis.__HERO_QUEUE__ = undefined;
		throw error;
	}
};
