// n8n in queue mode, for the queue-mode suite (test/queue/) and the benchmarks: Redis and Postgres from
// Debian's packages, one main, W workers and webhook processors, a round-robin load balancer in front of
// the processes that take production webhooks, and this package installed the way users install it.
// Everything runs on 127.0.0.1 as processes this module starts and stops (by process group).
//
// API (stable; the types are below):
//
//   import { startCluster } from './scripts/lib/cluster/start';
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
// The types of that API are here; startCluster is in start.ts, the services it runs in debian-packages.ts,
// service.ts, redis.ts, postgres.ts and balancer.ts.

import type { CliResult } from '../n8n/cli';
import type { CredentialDocument, ExecutionJson } from '../n8n/json';
import type { N8nEnv } from '../n8n/npm';
import type { InstallPaths } from '../n8n/paths';
import type { Balancer } from './balancer';
import type { Postgres } from './postgres';
import type { Redis } from './redis';
import type { ServiceHandle } from './service';

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

export interface N8nProcess extends ServiceHandle {
	role: ProcessRole;
	/** http://127.0.0.1:<port> (a worker's is its health server) */
	url: string;
	port: number;
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
