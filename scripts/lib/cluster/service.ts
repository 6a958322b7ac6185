// The processes the cluster starts: each the leader of its own process group, its output in a log file, ready
// when a check says so, and killed (by group) when this process exits, whatever the reason.

import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

import { tailOf } from '../n8n/logs';
import type { N8nEnv } from '../n8n/npm';
import { killGroup } from '../n8n/process';
import type { ExitStatus } from '../n8n/process';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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

const running = new Set<number>(); // process-group leaders still alive, killed on exit whatever happens
let exitHookInstalled = false;

function installExitHook(): void {
	if (exitHookInstalled) return;
	exitHookInstalled = true;
	const killAll = () => {
		for (const pid of running) killGroup(pid, 'SIGKILL');
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
export async function spawnService(
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
	const logTail = (n = 60) => tailOf(logFile, n);
	async function stop(timeoutMs = 30_000): Promise<ExitStatus> {
		if (exited) return exited;
		killGroup(pid, stopSignal);
		const timer = setTimeout(() => killGroup(pid, 'SIGKILL'), timeoutMs);
		const result = await exitPromise;
		clearTimeout(timer);
		killGroup(pid, 'SIGKILL'); // children (task runners) that outlived their leader
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

export async function httpOk(url: string): Promise<boolean> {
	const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
	return res.status === 200;
}
