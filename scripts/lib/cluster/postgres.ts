// Postgres for n8n's database: a throw-away data folder, its own port and socket folder on 127.0.0.1, run as the
// `postgres` user when this process is root (its tools refuse root), with durability off for speed.

import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { freePort } from '../n8n/process';
import { isRoot } from './debian-packages';
import type { InstalledTools } from './debian-packages';
import { spawnService } from './service';
import type { ServiceHandle } from './service';

export const DB = { database: 'n8n', user: 'n8n', password: 'n8n' };

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

/** Runs argv as the `postgres` user when root (initdb and postgres refuse root), as is otherwise. */
function asPostgresUser(cmd: string, args: string[]): [string, string[]] {
	return isRoot() ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
}

export async function startPostgres(tools: InstalledTools, { logsDir }: { logsDir: string }): Promise<Postgres> {
	const port = await freePort();
	// The data folder must be reachable by the postgres user: the system temp folder, not the clone
	// (the clone may sit in a folder only root may enter).
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
