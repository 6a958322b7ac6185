// A lock folder beside an install, so that one process at a time installs into a cache key.

import * as fs from 'fs';
import * as path from 'path';

import { log } from './logs';

const errorCode = (error: unknown) => (error as NodeJS.ErrnoException).code;

function pidAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		return errorCode(e) === 'EPERM';
	}
}

function sleepSync(ms: number): void {
	Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** One installer at a time per cache key (two clones, or dev and tests started together). */
export function withLockSync<T>(lockDir: string, fn: () => T): T {
	const deadline = Date.now() + 60 * 60_000;
	let announced = false;
	for (;;) {
		try {
			fs.mkdirSync(path.dirname(lockDir), { recursive: true });
			fs.mkdirSync(lockDir);
			fs.writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
			break;
		} catch (e) {
			if (errorCode(e) !== 'EEXIST') throw e;
			let holder = NaN;
			try {
				holder = Number(fs.readFileSync(path.join(lockDir, 'pid'), 'utf8'));
			} catch {
				// lock directory without a pid yet: treat as held for a moment
			}
			if (Number.isInteger(holder) && holder > 0 && !pidAlive(holder)) {
				fs.rmSync(lockDir, { recursive: true, force: true });
				continue;
			}
			if (Date.now() > deadline) throw new Error(`Timed out waiting for the n8n install lock ${lockDir}`);
			if (!announced) log(`another process (pid ${holder}) is installing n8n; waiting for it`);
			announced = true;
			sleepSync(2000);
		}
	}
	try {
		return fn();
	} finally {
		fs.rmSync(lockDir, { recursive: true, force: true });
	}
}
