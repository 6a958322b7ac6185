// A private, quiet n8n instance on 127.0.0.1: free ports, the environment (own user folder; diagnostics,
// templates, banners and n8n.io look-ups off) and `n8n start` in its own process group.

import { spawn } from 'child_process';
import type { ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';

import { tailOf } from './logs';
import type { N8nEnv } from './npm';
import { pathWithNode } from './paths';
import type { InstallPaths } from './paths';

/** Fixed key for the private instances; never used for real data. */
export const ENCRYPTION_KEY = 'hero-health-local-n8n-not-a-secret';

export interface ExitStatus {
	code: number | null;
	signal: NodeJS.Signals | null;
}

export interface RunningN8n {
	url: string;
	pid: number;
	child: ChildProcess;
	readyMs: number;
	logFile: string;
	logTail(lines?: number): string;
	stop(timeoutMs?: number): Promise<ExitStatus>;
	exited(): ExitStatus | null;
}

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address() as net.AddressInfo;
			srv.close(() => resolve(port));
		});
	});
}

/** Resolves to `preferred` when it is free on 127.0.0.1, otherwise to a random free port. */
export function portOr(preferred: number): Promise<number> {
	return new Promise((resolve) => {
		const srv = net.createServer();
		srv.unref();
		srv.once('error', () => freePort().then(resolve, () => resolve(0)));
		srv.listen(preferred, '127.0.0.1', () => srv.close(() => resolve(preferred)));
	});
}

/** Environment for `n8n start` / CLI commands: private user folder, 127.0.0.1 only, nothing phoned home. */
export function n8nEnv(
	paths: InstallPaths,
	{
		userFolder,
		port,
		brokerPort,
		extra = {},
	}: { userFolder: string; port: number; brokerPort: number; extra?: Record<string, string> },
): N8nEnv {
	const env: N8nEnv = {};
	for (const [k, v] of Object.entries(process.env)) {
		if (/^(npm_|N8N_|DB_|EXECUTIONS_|QUEUE_|GENERIC_)/i.test(k)) continue;
		if (['NODE_OPTIONS', 'NODE_PATH', 'WEBHOOK_URL', 'INIT_CWD', 'NODE_ENV'].includes(k)) continue;
		env[k] = v;
	}
	const base = `http://127.0.0.1:${port}/`;
	Object.assign(env, {
		PATH: pathWithNode(paths),
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		DB_TYPE: 'sqlite',
		N8N_HOST: '127.0.0.1',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_PORT: String(port),
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: base,
		N8N_SECURE_COOKIE: 'false',
		N8N_PUBLIC_API_DISABLED: 'false',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		// quiet and private: no telemetry, templates, banners, version checks or n8n.io registry look-ups
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_RUNNERS_TASK_TIMEOUT: '300',
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
		EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'true',
		// 1.x reads only WEBHOOK_URL and has no mcp-registry module (it refuses to start when told to disable it);
		// 2.x reads N8N_WEBHOOK_URL and calls WEBHOOK_URL deprecated
		...(paths.n8nVersion.startsWith('1.')
			? { WEBHOOK_URL: base }
			: { N8N_WEBHOOK_URL: base, N8N_DISABLED_MODULES: 'mcp-registry' }),
		...extra,
	});
	return env;
}

/**
 * Starts `n8n start` in its own process group; resolves when /healthz/readiness and the editor's first REST call
 * (/rest/settings) answer 200: n8n 1.x calls itself ready a moment before it serves its REST API.
 */
export async function startN8n(
	paths: InstallPaths,
	env: N8nEnv,
	{ logFile, readyTimeoutMs = 180_000 }: { logFile: string; readyTimeoutMs?: number },
): Promise<RunningN8n> {
	const url = `http://127.0.0.1:${env.N8N_PORT}`;
	fs.mkdirSync(path.dirname(logFile), { recursive: true });
	const fd = fs.openSync(logFile, 'w');
	const child = spawn(paths.nodeBin, [paths.n8nBin, 'start'], {
		env,
		cwd: env.N8N_USER_FOLDER,
		detached: true,
		stdio: ['ignore', fd, fd],
	});
	fs.closeSync(fd);
	const pid = child.pid!;
	let exited: ExitStatus | null = null;
	const exitPromise = new Promise<ExitStatus>((resolve) =>
		child.on('exit', (code, signal) => resolve((exited = { code, signal }))),
	);
	const logTail = (n = 60) => tailOf(logFile, n);
	const started = Date.now();
	for (;;) {
		if (exited) throw new Error(`n8n exited during start (${JSON.stringify(exited)}). ${logFile}:\n${logTail()}`);
		try {
			const ready = async (route: string) => (await fetch(`${url}${route}`)).status === 200;
			if ((await ready('/healthz/readiness')) && (await ready('/rest/settings'))) break;
		} catch {
			// not listening yet
		}
		if (Date.now() - started > readyTimeoutMs) {
			killGroup(pid, 'SIGKILL');
			throw new Error(`n8n was not ready after ${readyTimeoutMs} ms. ${logFile}:\n${logTail()}`);
		}
		await new Promise((r) => setTimeout(r, 250));
	}
	const readyMs = Date.now() - started;
	async function stop(timeoutMs = 30_000): Promise<ExitStatus> {
		if (exited) return exited;
		killGroup(pid, 'SIGTERM');
		const timer = setTimeout(() => killGroup(pid, 'SIGKILL'), timeoutMs);
		const result = await exitPromise;
		clearTimeout(timer);
		killGroup(pid, 'SIGKILL'); // the task runner, should it have outlived n8n
		return result;
	}
	return { url, pid, child, readyMs, logFile, logTail, stop, exited: () => exited };
}

export function killGroup(pid: number, signal: NodeJS.Signals): void {
	try {
		process.kill(-pid, signal);
	} catch {
		// already gone
	}
}
