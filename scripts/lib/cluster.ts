// n8n in queue mode, for the queue-mode suite (test/queue/) and the benchmarks: Redis and Postgres from
// Debian's packages, one main, W workers and webhook processors, a round-robin load balancer in front of
// the processes that take production webhooks, and this package installed the way users install it.
// Everything runs on 127.0.0.1 as processes this module starts and stops (by process group).
//
// API (stable; the types are below):
//
//   import { startCluster } from './scripts/lib/cluster';
//   const c = await startCluster({
//     workers: 2,                 // W, >= 0 (default 2)
//     webhookProcessors: 1,       // `n8n webhook` processes (default 1)
//     concurrency: 5,             // `n8n worker --concurrency` (default 5)
//     runDir,                     // default <project>/.n8n-e2e/queue (git-ignored; wiped first)
//     credentials: [...],         // n8n import:credentials documents (plaintext `data`), e.g. n8n.standinCredential(url)
//     workflows: [...],           // workflow JSON objects (each with an `id`) or file paths, imported before start
//     publish: ['wfId'],          // published (activated) through the public API once the processes are up
//     env: { KEY: 'value' },      // extra environment for every n8n process
//     balance: ['main', 'webhook-1'],  // processes behind the load balancer (default: main and every webhook processor)
//   });
//   c.balancerUrl                 // http://127.0.0.1:<p>: what N8N_WEBHOOK_URL points at (registered with Hero)
//   c.mainUrl, c.apiKey, c.cookie // the editor/REST/public API of the main
//   c.processes                   // { main, 'webhook-1', 'worker-1', ... }: { name, role, url, port, pid, logFile, logTail() }
//   c.balancer.log                // [{ seq, method, path, backend, status }] one entry per proxied request
//   c.webhookUrl(name, path)      // `${process url}/webhook/<path>`: send straight to one process, bypassing the balancer
//   await c.publicApi('GET', '/workflows/<id>')       // n8n public API on the main (X-N8N-API-KEY)
//   await c.executions(workflowId)                    // every finished execution of the workflow (all pages, with data)
//   await c.workerOf(executionId)                     // which worker ran it ('worker-2'), from the workers' logs
//   await c.restart('main' | ['main', 'webhook-1'] | 'n8n')   // stop, then start again, together ('n8n': every n8n process)
//   await c.stopProcess(name); await c.startProcess(name)
//   c.env(name)                   // the environment a process runs with (e.g. to run CLI commands next to it)
//   c.cli(args)                   // n8n CLI command against the cluster's database; resolves {code, stdout, stderr}
//   await c.sql('SELECT ...')     // rows (arrays of strings) from n8n's Postgres database, e.g. execution_entity
//                                 // rows exist from the moment a run is handed over (status new/running included)
//   c.postgres, c.redis           // { port, pid, logFile, ... }
//   c.logsDir                     // every process's log: main.log, worker-1.log, webhook-1.log, redis.log, postgres.log, balancer.log
//   await c.stop()                // stops everything it started, idempotent; also run on process exit
//
// Services: `redis-server` and Postgres (`initdb`, `postgres`, `pg_isready`, `createdb`) come from Debian's
// `redis-server` and `postgresql` packages, installed with apt-get (after `apt-get update`) when missing
// (`sudo -n` when not root). Postgres runs as the `postgres` user when this process is root (its tools refuse
// root), on a data folder in the system temp folder that user owns, with its own port and socket folder.
// Node's own modules only, beyond scripts/lib/n8n.ts.

import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';

import * as n8n from './n8n';
import type { CliResult, CredentialDocument, ExecutionJson, ExitStatus, InstallPaths, N8nEnv } from './n8n';

export const DEFAULT_RUN_DIR = path.join(n8n.PROJECT_ROOT, '.n8n-e2e', 'queue');
const DB = { database: 'n8n', user: 'n8n', password: 'n8n' };

const log = (...args: unknown[]) => console.error('[cluster]', ...args);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export type ProcessRole = 'main' | 'worker' | 'webhook';

export interface ClusterOptions {
	/** W: `n8n worker` processes, >= 0. Default 2 */
	workers?: number;
	/** `n8n webhook` processes. Default 1 */
	webhookProcessors?: number;
	/** `n8n worker --concurrency`. Default 5 */
	concurrency?: number;
	/** Default <project>/.n8n-e2e/queue (wiped first) */
	runDir?: string;
	/** n8n import:credentials documents, `data` in plaintext (e.g. n8n.standinCredential(url)) */
	credentials?: CredentialDocument[];
	/** workflow JSON objects (each with an `id`) or file paths, imported before the processes start */
	workflows?: Array<string | { id: string }>;
	/** workflow ids published (activated) through the public API once the processes are up */
	publish?: string[];
	/** extra environment for every n8n process */
	env?: Record<string, string>;
	/** process names behind the load balancer. Default: main and every webhook processor */
	balance?: string[];
}

/** A process the cluster started, stopped by its process group. */
export interface ServiceHandle {
	name: string;
	pid: number;
	logFile: string;
	logTail(lines?: number): string;
	stop(timeoutMs?: number): Promise<ExitStatus>;
	readyMs: number;
	exited(): ExitStatus | null;
}

export interface N8nProcess extends ServiceHandle {
	role: ProcessRole;
	/** http://127.0.0.1:<port> (a worker's is its health server) */
	url: string;
	port: number;
}

export interface BalancerEntry {
	seq: number;
	method: string;
	path: string;
	/** the process that took the request, e.g. 'main' or 'webhook-1' */
	backend: string;
	status: number | null;
	error?: string;
}

export interface Balancer {
	url: string;
	port: number;
	log: BalancerEntry[];
	close(): Promise<void>;
	server: http.Server;
}

export interface Postgres extends ServiceHandle {
	host: string;
	port: number;
	dataDir: string;
	socketDir: string;
	database: string;
	user: string;
	password: string;
	/** one SQL statement in n8n's database; rows as arrays of strings (psql -At, tab-separated) */
	sql(query: string): Promise<string[][]>;
}

export type Redis = ServiceHandle & { host: string; port: number };

export interface Tools {
	redisServer: string | null;
	initdb: string | null;
	postgres: string | null;
	pgIsready: string | null;
	createdb: string | null;
	psql: string | null;
}

/** The same programs, once ensureServices has seen every one of them. */
export type InstalledTools = { [K in keyof Tools]: string };

// ---------------------------------------------------------------------------------------------
// Debian packages

function isRoot(): boolean {
	return typeof process.getuid === 'function' && process.getuid() === 0;
}

function asRootArgs(cmd: string, args: string[]): [string, string[]] {
	return isRoot() ? [cmd, args] : ['sudo', ['-n', cmd, ...args]];
}

function postgresBinDirs(): string[] {
	const base = '/usr/lib/postgresql';
	if (!fs.existsSync(base)) return [];
	return fs
		.readdirSync(base)
		.filter((v) => /^\d+$/.test(v))
		.sort((a, b) => Number(b) - Number(a))
		.map((v) => path.join(base, v, 'bin'))
		.filter((dir) => fs.existsSync(path.join(dir, 'initdb')));
}

function onPath(name: string): string | null {
	const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
	return r.status === 0 ? r.stdout.trim() : null;
}

export function findTools(): Tools {
	const [pgBin] = postgresBinDirs();
	const pg = (name: string) => (pgBin ? path.join(pgBin, name) : null);
	return {
		redisServer: onPath('redis-server') || (fs.existsSync('/usr/bin/redis-server') ? '/usr/bin/redis-server' : null),
		initdb: pg('initdb'),
		postgres: pg('postgres'),
		pgIsready: pg('pg_isready'),
		createdb: pg('createdb'),
		psql: pg('psql'),
	};
}

const allFound = (tools: Tools): tools is InstalledTools => Object.values(tools).every((tool) => tool !== null);

/** Installs Debian's redis-server and postgresql when their programs are missing; returns the programs' paths. */
export function ensureServices(): InstalledTools {
	let tools = findTools();
	const missing: string[] = [];
	if (!tools.redisServer) missing.push('redis-server');
	if (!tools.initdb || !tools.postgres || !tools.pgIsready || !tools.createdb || !tools.psql) missing.push('postgresql');
	if (allFound(tools)) return tools;
	log(`installing Debian packages: ${missing.join(' ')} (apt-get update first)`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	for (const args of [['update'], ['install', '-y', '--no-install-recommends', ...missing]]) {
		const [cmd, full] = asRootArgs('apt-get', args);
		const r = spawnSync(cmd, full, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 15 * 60_000 });
		if (r.status !== 0) {
			throw new Error(
				`apt-get ${args.join(' ')} failed (${r.error ? r.error.message : `exit ${r.status}`}):\n${(r.stdout || '').slice(-2000)}\n${(r.stderr || '').slice(-2000)}`,
			);
		}
	}
	tools = findTools();
	if (!allFound(tools)) throw new Error(`still missing after apt-get install: ${JSON.stringify(tools)}`);
	return tools;
}

// ---------------------------------------------------------------------------------------------
// Processes

const running = new Set<number>(); // process-group leaders still alive, killed on exit whatever happens
let exitHookInstalled = false;

function installExitHook(): void {
	if (exitHookInstalled) return;
	exitHookInstalled = true;
	const killAll = () => {
		for (const pid of running) n8n.killGroup(pid, 'SIGKILL');
	};
	process.on('exit', killAll);
	// Ctrl-C or a CI time-out: Node exits on these without 'exit' handlers running
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
		process.once(signal, () => {
			killAll();
			if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
		});
	}
}

interface SpawnServiceOptions {
	env: N8nEnv;
	cwd: string;
	logFile: string;
	ready: () => Promise<boolean>;
	readyTimeoutMs?: number;
	stopSignal?: NodeJS.Signals;
}

/**
 * Spawns `cmd args` as the leader of its own process group, output appended to `logFile`.
 * Resolves a handle once `ready()` resolves true (polled), rejecting (and killing it) when it exits or times out.
 */
async function spawnService(
	name: string,
	cmd: string,
	args: string[],
	{ env, cwd, logFile, ready, readyTimeoutMs = 180_000, stopSignal = 'SIGTERM' }: SpawnServiceOptions,
): Promise<ServiceHandle> {
	installExitHook();
	fs.mkdirSync(path.dirname(logFile), { recursive: true });
	const fd = fs.openSync(logFile, 'a');
	fs.writeSync(fd, `\n==== ${new Date().toISOString()} ${cmd} ${args.join(' ')}\n`);
	const child = spawn(cmd, args, { env, cwd, detached: true, stdio: ['ignore', fd, fd] });
	fs.closeSync(fd);
	const pid = child.pid!;
	running.add(pid);
	let exited: ExitStatus | null = null;
	const exitPromise = new Promise<ExitStatus>((resolve) =>
		child.on('exit', (code, signal) => {
			running.delete(pid);
			resolve((exited = { code, signal }));
		}),
	);
	child.on('error', () => {}); // reported through 'exit' / readiness
	const logTail = (n = 60) => n8n.tailOf(logFile, n);
	async function stop(timeoutMs = 30_000): Promise<ExitStatus> {
		if (exited) return exited;
		n8n.killGroup(pid, stopSignal);
		const timer = setTimeout(() => n8n.killGroup(pid, 'SIGKILL'), timeoutMs);
		const result = await exitPromise;
		clearTimeout(timer);
		n8n.killGroup(pid, 'SIGKILL'); // children (task runners) that outlived their leader
		return result;
	}
	const started = Date.now();
	for (;;) {
		if (exited) throw new Error(`${name} exited during start (${JSON.stringify(exited)}). ${logFile}:\n${logTail()}`);
		let ok = false;
		try {
			ok = await ready();
		} catch {
			ok = false;
		}
		if (ok) break;
		if (Date.now() - started > readyTimeoutMs) {
			await stop(5000);
			throw new Error(`${name} was not ready after ${readyTimeoutMs} ms. ${logFile}:\n${logTail()}`);
		}
		await sleep(250);
	}
	return { name, pid, logFile, logTail, stop, readyMs: Date.now() - started, exited: () => exited };
}

async function httpOk(url: string): Promise<boolean> {
	const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
	return res.status === 200;
}

function redisPing(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		let data = '';
		socket.setTimeout(2000, () => {
			socket.destroy();
			resolve(false);
		});
		socket.on('error', () => resolve(false));
		socket.on('connect', () => socket.write('PING\r\n'));
		socket.on('data', (d) => {
			data += d;
			if (data.includes('\r\n')) {
				socket.end();
				resolve(data.startsWith('+PONG'));
			}
		});
	});
}

async function startRedis(tools: InstalledTools, { logsDir }: { logsDir: string }): Promise<Redis> {
	const port = await n8n.freePort();
	const logFile = path.join(logsDir, 'redis.log');
	const args = [
		'--port',
		String(port),
		'--bind',
		'127.0.0.1',
		'--save',
		'',
		'--appendonly',
		'no',
		'--daemonize',
		'no',
		'--protected-mode',
		'yes',
	];
	const handle = await spawnService('redis', tools.redisServer, args, {
		env: process.env,
		cwd: os.tmpdir(),
		logFile,
		ready: async () => await redisPing(port),
		readyTimeoutMs: 30_000,
	});
	return { ...handle, host: '127.0.0.1', port };
}

/** Runs argv as the `postgres` user when root (initdb and postgres refuse root), as is otherwise. */
function asPostgresUser(cmd: string, args: string[]): [string, string[]] {
	return isRoot() ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
}

async function startPostgres(tools: InstalledTools, { logsDir }: { logsDir: string }): Promise<Postgres> {
	const port = await n8n.freePort();
	// The data folder must be reachable by the postgres user: the system temp folder, not the clone
	// (CI clones into a folder only root may enter).
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hero-queue-pg-'));
	const dataDir = path.join(dir, 'data');
	const socketDir = path.join(dir, 'socket');
	fs.mkdirSync(socketDir);
	if (isRoot()) {
		const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim());
		const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
		if (!Number.isInteger(uid) || !Number.isInteger(gid))
			throw new Error("no postgres user on this machine (Debian's postgresql package creates it)");
		for (const p of [dir, socketDir]) fs.chownSync(p, uid, gid);
	}
	fs.chmodSync(dir, 0o700);
	const logFile = path.join(logsDir, 'postgres.log');
	const [initCmd, initArgs] = asPostgresUser(tools.initdb, [
		'-D',
		dataDir,
		'-U',
		DB.user,
		'-A',
		'trust',
		'-E',
		'UTF8',
		'--no-locale',
		'--no-sync',
	]);
	const init = spawnSync(initCmd, initArgs, { cwd: dir, encoding: 'utf8', timeout: 120_000 });
	fs.appendFileSync(logFile, `==== initdb\n${init.stdout}\n${init.stderr}\n`);
	if (init.status !== 0) throw new Error(`initdb failed (exit ${init.status}): ${init.stderr || init.error}`);
	const settings = [
		'listen_addresses=127.0.0.1',
		'fsync=off',
		'synchronous_commit=off',
		'full_page_writes=off',
		'max_connections=200',
	];
	const [cmd, args] = asPostgresUser(tools.postgres, [
		'-D',
		dataDir,
		'-p',
		String(port),
		'-k',
		socketDir,
		...settings.flatMap((s) => ['-c', s]),
	]);
	const handle = await spawnService('postgres', cmd, args, {
		env: process.env,
		cwd: dir,
		logFile,
		// SIGINT is Postgres's fast shutdown (SIGTERM waits for every client to leave)
		stopSignal: 'SIGINT',
		readyTimeoutMs: 60_000,
		ready: async () =>
			spawnSync(tools.pgIsready, ['-h', '127.0.0.1', '-p', String(port), '-U', DB.user], { timeout: 5000 }).status === 0,
	});
	const created = spawnSync(tools.createdb, ['-h', '127.0.0.1', '-p', String(port), '-U', DB.user, DB.database], {
		encoding: 'utf8',
		timeout: 30_000,
	});
	if (created.status !== 0) {
		await handle.stop();
		throw new Error(`createdb failed: ${created.stderr}`);
	}
	const stop = async (timeoutMs?: number) => {
		const result = await handle.stop(timeoutMs);
		fs.rmSync(dir, { recursive: true, force: true });
		return result;
	};
	const sql = (query: string) =>
		new Promise<string[][]>((resolve, reject) => {
			const child = spawn(
				tools.psql,
				[
					'-h',
					'127.0.0.1',
					'-p',
					String(port),
					'-U',
					DB.user,
					'-d',
					DB.database,
					'-At',
					'-F',
					'\t',
					'-v',
					'ON_ERROR_STOP=1',
					'-c',
					query,
				],
				{ stdio: ['ignore', 'pipe', 'pipe'] },
			);
			let out = '';
			let err = '';
			child.stdout.on('data', (d) => (out += d));
			child.stderr.on('data', (d) => (err += d));
			child.on('error', reject);
			child.on('close', (code) => {
				if (code !== 0) return reject(new Error(`psql: ${err.trim()} (${query})`));
				resolve(
					out
						.split('\n')
						.filter((line) => line !== '')
						.map((line) => line.split('\t')),
				);
			});
		});
	return { ...handle, stop, sql, host: '127.0.0.1', port, dataDir, socketDir, ...DB };
}

// ---------------------------------------------------------------------------------------------
// The load balancer: round robin over the processes that take production webhooks

function startBalancer(getBackends: () => Array<{ name: string; port: number }>, logFile: string): Promise<Balancer> {
	const entries: BalancerEntry[] = [];
	let next = 0;
	let seq = 0;
	const server = http.createServer((req, res) => {
		const backends = getBackends();
		if (backends.length === 0) {
			res.writeHead(502).end('no backend');
			return;
		}
		const backend = backends[next++ % backends.length];
		const entry: BalancerEntry = {
			seq: ++seq,
			method: req.method ?? '',
			path: req.url ?? '',
			backend: backend.name,
			status: null,
		};
		entries.push(entry);
		const upstream = http.request(
			{ host: '127.0.0.1', port: backend.port, method: req.method, path: req.url, headers: req.headers },
			(up) => {
				entry.status = up.statusCode ?? null;
				fs.appendFile(logFile, `${JSON.stringify(entry)}\n`, () => {});
				res.writeHead(up.statusCode ?? 502, up.headers);
				up.pipe(res);
			},
		);
		upstream.on('error', (error) => {
			entry.status = 502;
			entry.error = error.message;
			fs.appendFile(logFile, `${JSON.stringify(entry)}\n`, () => {});
			if (!res.headersSent) res.writeHead(502);
			res.end();
		});
		req.pipe(upstream);
	});
	return new Promise((resolve) => {
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			resolve({
				url: `http://127.0.0.1:${port}`,
				port,
				log: entries,
				close: () => new Promise<void>((r) => server.close(() => r())),
				server,
			});
		});
	});
}

// ---------------------------------------------------------------------------------------------
// The cluster

interface ProcessSpec {
	name: string;
	role: ProcessRole;
	args: string[];
	env: N8nEnv;
	port: number;
	url: string;
	healthUrl: string;
}

export interface Cluster {
	paths: InstallPaths;
	runDir: string;
	logsDir: string;
	userFolder: string;
	workers: number;
	webhookProcessors: number;
	concurrency: number;
	/** what N8N_WEBHOOK_URL points at: the URL registered with Hero */
	balancerUrl: string;
	balancer: Balancer;
	mainUrl: string;
	cookie: string;
	apiKey: string;
	redis: Redis;
	postgres: Postgres;
	/** one SQL statement in n8n's database; rows as arrays of strings */
	sql(query: string): Promise<string[][]>;
	/** running processes by name: main, webhook-1.., worker-1.. */
	readonly processes: Record<string, N8nProcess>;
	env(name: string): N8nEnv;
	urlOf(name: string): string;
	/** `${process url}/webhook/<path>`: straight to one process, bypassing the balancer */
	webhookUrl(name: string, webhookPath: string): string;
	cli(args: string[], options?: { timeoutMs?: number }): Promise<CliResult>;
	cliOk(args: string[], options?: { timeoutMs?: number }): Promise<CliResult>;
	/** n8n's public API on the main */
	publicApi<T = unknown>(method: string, route: string, body?: unknown): Promise<T>;
	/** every execution of the workflow the public API lists (finished ones; all pages; with data) */
	executions(workflowId: string): Promise<ExecutionJson[]>;
	/** the worker whose log says it started the execution, or null */
	workerOf(executionId: string | number): string | null;
	startProcess(name: string): Promise<N8nProcess>;
	stopProcess(name: string): Promise<void>;
	/** stop, then start again, all together; 'n8n' restarts every n8n process */
	restart(which: string | string[]): Promise<void>;
	/** stops everything it started; idempotent */
	stop(): Promise<void>;
	startedMs: number;
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
	const paths = n8n.ensureN8n();
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

		n8n.installPackage(userFolder);

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
			const port = await n8n.freePort();
			const brokerPort = await n8n.freePort();
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
			const env = n8n.n8nEnv(paths, { userFolder, port, brokerPort, extra });
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
		const cliEnv = { ...specs.main.env, N8N_RUNNERS_BROKER_PORT: String(await n8n.freePort()) };
		const cli = async (args: string[], opts?: { timeoutMs?: number }) => await n8n.runCli(paths, cliEnv, args, opts);
		const cliOk = async (args: string[], opts?: { timeoutMs?: number }) => await n8n.runCliOk(paths, cliEnv, args, opts);

		async function importAll(): Promise<void> {
			if (credentials.length) await n8n.importCredentials(paths, cliEnv, credentials);
			if (workflows.length) await n8n.importWorkflows(paths, cliEnv, workflows);
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
		const cookie = await n8n.setupOwner(mainUrl);
		const apiKey = await n8n.createApiKey(mainUrl, cookie, 'queue');
		await Promise.all([...names.filter((n) => n !== 'main').map((n) => startProcess(n)), importAll()]);
		phase(`${names.length - 1} more processes ready, credentials and workflows imported`);

		const publicApi = async <T = unknown>(method: string, route: string, body?: unknown) =>
			(await n8n.restOk<T>(mainUrl, method, `/api/v1${route}`, { apiKey, body })).json;
		// publishing through the running main costs no extra n8n boot (the CLI's publish:workflow takes ~20 s)
		for (const id of publish) await publicApi('POST', `/workflows/${id}/activate`);

		const executions = async (workflowId: string) =>
			await n8n.allExecutions(publicApi, workflowId, { includeData: 'true', limit: '100' });

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
