// Types for scripts/lib/cluster.js (n8n in queue mode: Redis, Postgres, main, workers, webhook processors).
import type { Server } from 'http';

import type { CliResult, InstallPaths, N8nEnv } from './n8n';

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
	credentials?: unknown[];
	/** workflow JSON objects (each with an `id`) or file paths, imported before the processes start */
	workflows?: Array<string | Record<string, unknown>>;
	/** workflow ids published (activated) before the main starts */
	publish?: string[];
	/** extra environment for every n8n process */
	env?: Record<string, string>;
	/** process names behind the load balancer. Default: main and every webhook processor */
	balance?: string[];
}

export interface ServiceHandle {
	name: string;
	pid: number;
	logFile: string;
	readyMs: number;
	logTail(lines?: number): string;
	stop(timeoutMs?: number): Promise<{ code: number | null; signal: string | null }>;
	exited(): { code: number | null; signal: string | null } | null;
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
	balancer: { url: string; port: number; log: BalancerEntry[]; close(): Promise<void>; server: Server };
	mainUrl: string;
	cookie: string;
	apiKey: string;
	redis: ServiceHandle & { host: string; port: number };
	postgres: ServiceHandle & { host: string; port: number; dataDir: string; socketDir: string; database: string; user: string; password: string };
	/** running processes by name: main, webhook-1.., worker-1.. */
	readonly processes: Record<string, N8nProcess>;
	env(name: string): N8nEnv;
	urlOf(name: string): string;
	/** `${process url}/webhook/<path>`: straight to one process, bypassing the balancer */
	webhookUrl(name: string, webhookPath: string): string;
	cli(args: string[], options?: { timeoutMs?: number }): Promise<CliResult>;
	cliOk(args: string[], options?: { timeoutMs?: number }): Promise<CliResult>;
	/** n8n's public API on the main */
	publicApi<T = any>(method: string, route: string, body?: unknown): Promise<T>;
	/** every execution of the workflow the public API lists (finished ones; all pages; with data) */
	executions(workflowId: string): Promise<any[]>;
	/** the worker whose log says it started the execution, or null */
	workerOf(executionId: string | number): string | null;
	startProcess(name: string): Promise<N8nProcess>;
	stopProcess(name: string): Promise<void>;
	/** stop and start again; 'n8n' restarts every n8n process (main first on the way up) */
	restart(name: string): Promise<void>;
	/** stops everything it started; idempotent */
	stop(): Promise<void>;
	startedMs: number;
}

export declare const DEFAULT_RUN_DIR: string;
export declare function startCluster(options?: ClusterOptions): Promise<Cluster>;
export declare function ensureServices(): { redisServer: string; initdb: string; postgres: string; pgIsready: string; createdb: string };
export declare function findTools(): { redisServer: string | null; initdb: string | null; postgres: string | null; pgIsready: string | null; createdb: string | null };
