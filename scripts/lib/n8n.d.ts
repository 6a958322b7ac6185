// Types for scripts/lib/n8n.js (used by the TypeScript e2e suite).
import type { ChildProcess } from 'child_process';

export interface InstallPaths {
	dir: string;
	nodeDir: string;
	nodeBin: string;
	hostDir: string;
	n8nBin: string;
	marker: string;
	logFile: string;
	nodeVersion: string;
	n8nVersion: string;
}

export type N8nEnv = Record<string, string | undefined>;

export interface CliResult {
	code: number | null;
	stdout: string;
	stderr: string;
}

export interface RunningN8n {
	url: string;
	pid: number;
	child: ChildProcess;
	readyMs: number;
	logFile: string;
	logTail(lines?: number): string;
	stop(timeoutMs?: number): Promise<{ code: number | null; signal: string | null }>;
	exited(): { code: number | null; signal: string | null } | null;
}

export interface RestResult {
	status: number;
	json: any;
	text: string;
	res: Response;
}

export interface RestOptions {
	cookie?: string;
	apiKey?: string;
	body?: unknown;
}

export declare const PROJECT_ROOT: string;
export declare const PACKAGE_NAME: string;
export declare const NODE_VERSION: string;
export declare const N8N_VERSION: string;
export declare const ENCRYPTION_KEY: string;
export declare const DEMO_OWNER: { email: string; password: string; firstName: string; lastName: string };
export declare const EXAMPLES_DIR: string;
export declare const STANDIN_CREDENTIAL_ID: string;
export declare const STANDIN_CREDENTIAL_NAME: string;

export declare function cacheRoot(): string;
export declare function installPaths(): InstallPaths;
export declare function isComplete(paths: InstallPaths): boolean;
export declare function ensureN8n(options?: { force?: boolean }): InstallPaths;
export declare function packProject(destDir: string): string;
export declare function installPackage(userFolder: string): string;
export declare function freePort(): Promise<number>;
export declare function portOr(preferred: number): Promise<number>;
export declare function n8nEnv(
	paths: InstallPaths,
	options: { userFolder: string; port: number; brokerPort: number; extra?: Record<string, string> },
): N8nEnv;
export declare function runCli(paths: InstallPaths, env: N8nEnv, args: string[], options?: { timeoutMs?: number }): Promise<CliResult>;
export declare function runCliOk(paths: InstallPaths, env: N8nEnv, args: string[], options?: { timeoutMs?: number }): Promise<CliResult>;
export declare function parseRunOutput(text: string): any;
export declare function executeWorkflow(
	paths: InstallPaths,
	env: N8nEnv,
	id: string,
	options?: { timeoutMs?: number },
): Promise<CliResult & { run: any }>;
export declare function importCredentials(paths: InstallPaths, env: N8nEnv, credentials: unknown[]): Promise<void>;
export declare function importWorkflows(paths: InstallPaths, env: N8nEnv, files: string[]): Promise<void>;
export declare function startN8n(paths: InstallPaths, env: N8nEnv, options: { logFile: string; readyTimeoutMs?: number }): Promise<RunningN8n>;
export declare function killGroup(pid: number, signal: NodeJS.Signals): void;
export declare function rest(url: string, method: string, route: string, options?: RestOptions): Promise<RestResult>;
export declare function restOk(url: string, method: string, route: string, options?: RestOptions): Promise<RestResult>;
export declare function setupOwner(url: string, owner?: { email: string; password: string; firstName: string; lastName: string }): Promise<string>;
export declare function createApiKey(url: string, cookie: string, label?: string): Promise<string>;
export declare function registeredTypes(url: string, cookie: string): Promise<{ nodes: any[]; credentials: any[] }>;
export declare function exampleFiles(): string[];
export declare function standinCredential(
	standinUrl: string,
	key?: { apiKey: string; practiceGroupId: string },
): { id: string; name: string; type: string; data: Record<string, unknown> };
export declare function prepareInstance(
	paths: InstallPaths,
	options: { userFolder: string; port: number; brokerPort: number; standinUrl: string; fresh?: boolean; examples?: string[] },
): Promise<N8nEnv>;
