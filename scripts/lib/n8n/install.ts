// ensureN8n(): Node 24 and n8n from the npm registry, the one source both come from (a node-<platform>-<arch>
// package holds the Node distribution), so an install reaches no host beyond the registry npm is configured with.
// It goes into the cache folder paths.ts names, for the line HERO_N8N_LINE picks (scripts/n8n-host/ for 2.x,
// scripts/n8n-host-1x/ for 1.x; default 2.x). A `.complete` marker is written only after a whole install
// succeeded, so a fresh clone sharing the cache reuses it in a second.

import { spawnSync } from 'child_process';
import type { SpawnSyncOptions } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

import { withLockSync } from './lock';
import { log, tailOf } from './logs';
import { npmCommand, withoutNpmRunEnv } from './npm';
import type { N8nEnv } from './npm';
import { installPaths, isComplete, pathWithNode } from './paths';
import type { InstallPaths } from './paths';
import { NODE_VERSION } from './project';

const NATIVE_MODULES = ['sqlite3'];

function nodePackageName(): string {
	const platforms: Record<string, string> = { linux: 'linux', darwin: 'darwin' };
	const arches: Record<string, string> = { x64: 'x64', arm64: 'arm64' };
	const p = platforms[process.platform];
	const a = arches[process.arch];
	if (!p || !a) throw new Error(`No Node ${NODE_VERSION} package on the npm registry for ${process.platform}-${process.arch}`);
	return `node-${p}-${a}`;
}

/** Environment for npm/node-gyp under Node 24: its bin first on PATH, its headers for native addons. */
function buildEnv(paths: InstallPaths): N8nEnv {
	const env = withoutNpmRunEnv(process.env);
	env.PATH = pathWithNode(paths);
	env.npm_config_nodedir = paths.nodeDir;
	env.npm_config_build_from_source = 'true'; // no prebuilt-binary downloads: those come from GitHub releases, not the registry
	env.npm_config_update_notifier = 'false';
	env.npm_config_fund = 'false';
	env.npm_config_audit = 'false';
	return env;
}

function runLogged(
	paths: InstallPaths,
	label: string,
	cmd: string,
	args: string[],
	options: SpawnSyncOptions & { cwd: string },
): void {
	const started = Date.now();
	log(`${label} ...`);
	const fd = fs.openSync(paths.logFile, 'a');
	fs.writeSync(fd, `\n$ ${cmd} ${args.join(' ')}   (cwd ${options.cwd})\n`);
	const r = spawnSync(cmd, args, { ...options, stdio: ['ignore', fd, fd], timeout: options.timeout || 45 * 60_000 });
	fs.closeSync(fd);
	if (r.error || r.status !== 0) {
		throw new Error(
			`${label} failed (${r.error ? r.error.message : `exit ${r.status}`}). Last lines of ${paths.logFile}:\n${tailOf(paths.logFile, 40)}`,
		);
	}
	log(`${label}: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/**
 * Installs Node 24 and n8n into the cache unless a complete install is there. Idempotent; fast when cached.
 * Returns the paths (nodeBin, n8nBin, ...).
 */
export function ensureN8n({ force = false }: { force?: boolean } = {}): InstallPaths {
	const paths = installPaths();
	if (!force && isComplete(paths)) return paths;
	withLockSync(`${paths.dir}.lock`, () => {
		if (!force && isComplete(paths)) return;
		const started = Date.now();
		log(`installing Node ${NODE_VERSION} and n8n ${paths.n8nVersion} into ${paths.dir} (once per machine; several minutes)`);
		fs.rmSync(paths.dir, { recursive: true, force: true });
		fs.mkdirSync(paths.dir, { recursive: true });
		fs.writeFileSync(paths.logFile, `install started ${new Date().toISOString()}\n`);
		const env = buildEnv(paths);

		// 1. Node 24: the npm registry's node-<platform>-<arch> package holds the whole distribution, headers included.
		const packDir = path.join(paths.dir, 'pack');
		fs.mkdirSync(packDir);
		runLogged(
			paths,
			`npm pack ${nodePackageName()}@${NODE_VERSION}`,
			npmCommand(),
			['pack', `${nodePackageName()}@${NODE_VERSION}`, '--pack-destination', packDir],
			{ cwd: packDir, env: { ...env, PATH: process.env.PATH } },
		);
		const tgz = fs.readdirSync(packDir).find((f) => f.endsWith('.tgz'));
		if (!tgz) throw new Error(`npm pack left no tarball in ${packDir}`);
		fs.mkdirSync(paths.nodeDir);
		runLogged(paths, 'unpack Node', 'tar', ['-xzf', path.join(packDir, tgz), '-C', paths.nodeDir, '--strip-components=1'], {
			cwd: paths.dir,
			env,
		});
		fs.rmSync(packDir, { recursive: true, force: true });
		const version = spawnSync(paths.nodeBin, ['--version'], { encoding: 'utf8' }).stdout.trim();
		if (version !== `v${NODE_VERSION}`)
			throw new Error(`${paths.nodeBin} reports ${JSON.stringify(version)}, expected v${NODE_VERSION}`);

		// 2. n8n into a host folder, from the pinned lockfile, without install scripts (many download from outside the registry).
		fs.mkdirSync(paths.hostDir);
		for (const f of ['package.json', 'package-lock.json'])
			fs.copyFileSync(path.join(paths.template, f), path.join(paths.hostDir, f));
		runLogged(
			paths,
			`npm install n8n@${paths.n8nVersion}`,
			npmCommand(),
			['install', '--legacy-peer-deps', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=warn'],
			{ cwd: paths.hostDir, env },
		);

		// 3. The native addons n8n needs at start, compiled against Node 24's headers.
		runLogged(
			paths,
			`compile ${NATIVE_MODULES.join(', ')} for Node ${NODE_VERSION}`,
			npmCommand(),
			['rebuild', ...NATIVE_MODULES, '--ignore-scripts=false', '--build-from-source', '--foreground-scripts'],
			{ cwd: paths.hostDir, env },
		);

		// 4. Check it loads under Node 24 before calling the install complete.
		runLogged(
			paths,
			'check the install',
			paths.nodeBin,
			[
				'-e',
				`require('sqlite3'); const v = require('n8n/package.json').version; if (v !== ${JSON.stringify(paths.n8nVersion)}) throw new Error('n8n ' + v);`,
			],
			{ cwd: paths.hostDir, env },
		);
		fs.writeFileSync(
			paths.marker,
			JSON.stringify(
				{
					n8n: paths.n8nVersion,
					node: NODE_VERSION,
					completedAt: new Date().toISOString(),
					seconds: Math.round((Date.now() - started) / 1000),
				},
				null,
				2,
			),
		);
		log(`n8n ${paths.n8nVersion} on Node ${NODE_VERSION} installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
	});
	return paths;
}
