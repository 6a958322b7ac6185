// The programs the cluster's services run: `redis-server` and Postgres (`initdb`, `postgres`, `pg_isready`,
// `createdb`, `psql`) from Debian's `redis-server` and `postgresql` packages, installed with apt-get (after
// `apt-get update`) when missing (`sudo -n` when not root).

import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const log = (...args: unknown[]) => console.error('[cluster]', ...args);

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

export function isRoot(): boolean {
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
