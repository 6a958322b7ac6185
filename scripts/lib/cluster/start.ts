// startCluster(): n8n in queue mode (the API is described in api.ts). Everything runs on 127.0.0.1 as processes
// this module starts and stops (by process group).

import * as fs from 'fs';
import * as path from 'path';

import { importCredentials, importWorkflows, runCli, runCliOk } from '../n8n/cli';
import { ensureN8n } from '../n8n/install';
import { installPackage } from '../n8n/package';
import { freePort, n8nEnv } from '../n8n/process';
import { PROJECT_ROOT } from '../n8n/project';
import type { N8nEnv } from '../n8n/npm';
import { allExecutions, createApiKey, restOk, setupOwner } from '../n8n/rest';
import type { Cluster, ClusterOptions, N8nProcess, ProcessRole } from './api';
import { startBalancer } from './balancer';
import type { Balancer } from './balancer';
import { ensureServices } from './debian-packages';
import { DB, startPostgres } from './postgres';
import type { Postgres } from './postgres';
import { startRedis } from './redis';
import type { Redis } from './redis';
import { httpOk, spawnService } from './service';

export const DEFAULT_RUN_DIR = path.join(PROJECT_ROOT, '.n8n-e2e', 'queue');

const log = (...args: unknown[]) => console.error('[cluster]', ...args);

interface ProcessSpec {
	name: string;
	role: ProcessRole;
	args: string[];
	env: N8nEnv;
	port: number;
	url: string;
	healthUrl: string;
}

export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
	const {
		workers = 2,
		webhookProcessors = 1,
		concurrency = 5,
		runDir = DEFAULT_RUN_DIR,
		credentials = [],
		workflows = [],
		publish = [],
		env: extraEnv = {},
		balance,
	} = options;
	const started = Date.now();
	const paths = ensureN8n();
	const tools = ensureServices();

	fs.rmSync(runDir, { recursive: true, force: true });
	const logsDir = path.join(runDir, 'logs');
	const userFolder = path.join(runDir, 'home');
	fs.mkdirSync(logsDir, { recursive: true });
	fs.mkdirSync(userFolder, { recursive: true });

	const handles: {
		processes: Record<string, N8nProcess>;
		redis: Redis | null;
		postgres: Postgres | null;
		balancer: Balancer | null;
	} = {
		processes: {},
		redis: null,
		postgres: null,
		balancer: null,
	};
	let stopped = false;
	const specs: Record<string, ProcessSpec> = {};

	async function stopProcess(name: string): Promise<void> {
		const proc = handles.processes[name];
		if (!proc) return;
		delete handles.processes[name];
		await proc.stop();
	}

	async function stop(): Promise<void> {
		if (stopped) return;
		stopped = true;
		// workers and webhook processors first, then the main, then the services under them
		const others = Object.keys(handles.processes).filter((n) => n !== 'main');
		await Promise.all(others.map((n) => stopProcess(n).catch(() => {})));
		await stopProcess('main').catch(() => {});
		if (handles.balancer) await handles.balancer.close().catch(() => {});
		if (handles.redis) await handles.redis.stop().catch(() => {});
		if (handles.postgres) await handles.postgres.stop().catch(() => {});
	}

	try {
		const [redis, postgres] = await Promise.all([startRedis(tools, { logsDir }), startPostgres(tools, { logsDir })]);
		handles.redis = redis;
		handles.postgres = postgres;

		installPackage(userFolder);

		// ports: main, each webhook processor and each worker's health server, and one broker port each
		const names = ['main', ...range(webhookProcessors).map((i) => `webhook-${i}`), ...range(workers).map((i) => `worker-${i}`)];
		const backendNames = balance || names.filter((n) => n === 'main' || n.startsWith('webhook-'));
		const balancer = await startBalancer(
			() => backendNames.filter((n) => handles.processes[n]).map((n) => ({ name: n, port: specs[n].port })),
			path.join(logsDir, 'balancer.log'),
		);
		handles.balancer = balancer;
		const balancerUrl = balancer.url;

		for (const name of names) {
			const role: ProcessRole = name === 'main' ? 'main' : name.startsWith('worker-') ? 'worker' : 'webhook';
			const port = await freePort();
			const brokerPort = await freePort();
			const extra: Record<string, string> = {
				DB_TYPE: 'postgresdb',
				DB_POSTGRESDB_HOST: postgres.host,
				DB_POSTGRESDB_PORT: String(postgres.port),
				DB_POSTGRESDB_DATABASE: DB.database,
				DB_POSTGRESDB_USER: DB.user,
				DB_POSTGRESDB_PASSWORD: DB.password,
				EXECUTIONS_MODE: 'queue',
				QUEUE_BULL_REDIS_HOST: redis.host,
				QUEUE_BULL_REDIS_PORT: String(redis.port),
				// what the trigger registers with Hero: the load balancer, for every process alike
				N8N_WEBHOOK_URL: `${balancerUrl}/`,
				N8N_EDITOR_BASE_URL: `http://127.0.0.1:${port}/`,
				N8N_LOG_LEVEL: 'info',
				...(role === 'worker'
					? { QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(port), N8N_WORKER_SERVER_ADDRESS: '127.0.0.1' }
					: {}),
				...extraEnv,
			};
			const env = n8nEnv(paths, { userFolder, port, brokerPort, extra });
			const args = role === 'main' ? ['start'] : role === 'worker' ? ['worker', `--concurrency=${concurrency}`] : ['webhook'];
			specs[name] = {
				name,
				role,
				args,
				env,
				port,
				url: `http://127.0.0.1:${port}`,
				healthUrl: `http://127.0.0.1:${port}/healthz/readiness`,
			};
		}

		// CLI commands run with the main's settings and a broker port of their own
		const cliEnv = { ...specs.main.env, N8N_RUNNERS_BROKER_PORT: String(await freePort()) };
		const cli = async (args: string[], opts?: { timeoutMs?: number }) => await runCli(paths, cliEnv, args, opts);
		const cliOk = async (args: string[], opts?: { timeoutMs?: number }) => await runCliOk(paths, cliEnv, args, opts);

		async function importAll(): Promise<void> {
			if (credentials.length) await importCredentials(paths, cliEnv, credentials);
			if (workflows.length) await importWorkflows(paths, cliEnv, workflows);
		}

		async function startProcess(name: string): Promise<N8nProcess> {
			const spec = specs[name];
			if (!spec) throw new Error(`no process named ${name} in this cluster (${Object.keys(specs).join(', ')})`);
			if (handles.processes[name]) return handles.processes[name];
			const handle = await spawnService(name, paths.nodeBin, [paths.n8nBin, ...spec.args], {
				env: spec.env,
				cwd: userFolder,
				logFile: path.join(logsDir, `${name}.log`),
				ready: async () => await httpOk(spec.healthUrl),
			});
			handles.processes[name] = { ...handle, role: spec.role, url: spec.url, port: spec.port };
			return handles.processes[name];
		}

		// The main first (it runs the database migrations); then, together, the other processes and the
		// imports (each n8n boot costs tens of seconds of CPU, so nothing waits that need not).
		let t = Date.now();
		const phase = (label: string) => {
			log(`${label}: ${((Date.now() - t) / 1000).toFixed(1)} s`);
			t = Date.now();
		};
		await startProcess('main');
		phase('main ready (migrations done)');
		const mainUrl = specs.main.url;
		const cookie = await setupOwner(mainUrl);
		const apiKey = await createApiKey(mainUrl, cookie, 'queue');
		await Promise.all([...names.filter((n) => n !== 'main').map((n) => startProcess(n)), importAll()]);
		phase(`${names.length - 1} more processes ready, credentials and workflows imported`);

		const publicApi = async <T = unknown>(method: string, route: string, body?: unknown) =>
			(await restOk<T>(mainUrl, method, `/api/v1${route}`, { apiKey, body })).json;
		// publishing through the running main costs no extra n8n boot (the CLI's publish:workflow takes ~20 s)
		for (const id of publish) await publicApi('POST', `/workflows/${id}/activate`);

		const executions = async (workflowId: string) =>
			await allExecutions(publicApi, workflowId, { includeData: 'true', limit: '100' });

		function workerOf(executionId: string | number): string | null {
			for (const name of Object.keys(specs).filter((n) => specs[n].role === 'worker')) {
				const file = path.join(logsDir, `${name}.log`);
				if (!fs.existsSync(file)) continue;
				if (new RegExp(`Worker started execution ${executionId}\\b`).test(fs.readFileSync(file, 'utf8'))) return name;
			}
			return null;
		}

		async function restart(which: string | string[]): Promise<void> {
			const targets = which === 'n8n' ? Object.keys(specs) : ([] as string[]).concat(which);
			for (const name of targets) if (!specs[name]) throw new Error(`no process named ${name} in this cluster`);
			await Promise.all(targets.map((n) => stopProcess(n)));
			await Promise.all(targets.map((n) => startProcess(n)));
		}

		const cluster: Cluster = {
			paths,
			runDir,
			logsDir,
			userFolder,
			workers,
			webhookProcessors,
			concurrency,
			balancerUrl,
			balancer,
			mainUrl,
			cookie,
			apiKey,
			redis,
			postgres,
			sql: postgres.sql,
			get processes() {
				return { ...handles.processes };
			},
			env: (name) => ({ ...specs[name].env }),
			urlOf: (name) => specs[name].url,
			webhookUrl: (name, webhookPath) => `${specs[name].url}/webhook/${webhookPath}`,
			cli,
			cliOk,
			publicApi,
			executions,
			workerOf,
			startProcess,
			stopProcess,
			restart,
			stop,
			startedMs: Date.now() - started,
		};
		log(
			`queue mode: main ${mainUrl}, ${webhookProcessors} webhook processor(s), ${workers} worker(s) ×${concurrency}, ` +
				`balancer ${balancerUrl}, Postgres :${postgres.port}, Redis :${redis.port}; up in ${cluster.startedMs} ms; logs in ${logsDir}`,
		);
		return cluster;
	} catch (error) {
		await stop();
		throw error;
	}
}

function range(n: number): number[] {
	return Array.from({ length: n }, (_, i) => i + 1);
}
