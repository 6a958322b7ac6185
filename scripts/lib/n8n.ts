// Real n8n for this project, used by `npm run dev`, the e2e suite (test/e2e/) and the screenshots.
//
// - ensureN8n(): Node 24 and n8n from the npm registry (the only source that works on these machines),
//   installed OUTSIDE the clone in ${HERO_N8N_CACHE:-${XDG_CACHE_HOME:-~/.cache}/n8n-nodes-hero-health}/<key>,
//   keyed by the n8n and Node versions and a hash of the line's host folder (scripts/n8n-host/ for 2.x,
//   scripts/n8n-host-1x/ for 1.x; HERO_N8N_LINE=1.x picks 1.x, default 2.x). A `.complete` marker is written
//   only after a whole install succeeded, so a fresh clone on the same machine reuses it in a second.
// - installPackage(): `npm pack` of this project unpacked into <userFolder>/.n8n/nodes/node_modules/, which is
//   exactly how n8n users get a community package (node types `n8n-nodes-hero-health.heroHealth`, ...).
// - n8nEnv(), startN8n(), runCli(), executeWorkflow(), setupOwner(), createApiKey(): a private, quiet
//   instance on 127.0.0.1 (own user folder, diagnostics, templates, banners and n8n.io look-ups off).
// Node's own modules only: the CI workflow computes the same install key in shell (scripts/n8n-cache-dir.sh).

import { spawn, spawnSync } from 'child_process';
import type { ChildProcess, SpawnSyncOptions } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';

export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');
export const NODE_VERSION = '24.21.0';

/**
 * The n8n lines the e2e suite runs on, each installed from its own host folder under scripts/ (a package.json
 * and its lockfile): the newest 2.x (also npm run dev, the queue suite, the screenshots) and the newest 1.x.
 */
export const N8N_HOSTS = { '2.x': 'n8n-host', '1.x': 'n8n-host-1x' } as const;
export type N8nLine = keyof typeof N8N_HOSTS;

function lineFromEnv(): N8nLine {
	const line = process.env.HERO_N8N_LINE || '2.x';
	if (!(line in N8N_HOSTS)) throw new Error(`HERO_N8N_LINE=${line}: expected one of ${Object.keys(N8N_HOSTS).join(', ')}`);
	return line as N8nLine;
}

/** The line this process installs and runs: HERO_N8N_LINE, default 2.x. */
export const N8N_LINE = lineFromEnv();
const hostTemplateDir = (line: N8nLine) => path.join(__dirname, '..', N8N_HOSTS[line]);

interface PackageJson {
	name: string;
	dependencies?: Record<string, string>;
	n8n?: { nodes: string[]; credentials: string[] };
}

const readPackageJson = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as PackageJson;

const n8nVersionOf = (line: N8nLine) => readPackageJson(hostTemplateDir(line)).dependencies!.n8n;
/** The n8n version of N8N_LINE. */
export const N8N_VERSION = n8nVersionOf(N8N_LINE);
export const PACKAGE_NAME = readPackageJson(PROJECT_ROOT).name;
/** Fixed key for the private instances; never used for real data. */
export const ENCRYPTION_KEY = 'hero-health-local-n8n-not-a-secret';
const NATIVE_MODULES = ['sqlite3'];

const log = (...args: unknown[]) => console.error('[n8n]', ...args);

/** The environment n8n processes and npm run with. */
export type N8nEnv = NodeJS.ProcessEnv;

export interface InstallPaths {
	dir: string;
	nodeDir: string;
	nodeBin: string;
	hostDir: string;
	n8nBin: string;
	marker: string;
	logFile: string;
	/** the folder under scripts/ its package.json and lockfile come from */
	template: string;
	nodeVersion: string;
	n8nVersion: string;
}

export interface CliResult {
	code: number | null;
	stdout: string;
	stderr: string;
}

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

export interface Owner {
	email: string;
	password: string;
	firstName: string;
	lastName: string;
}

/** A credential document for `n8n import:credentials`, `data` in plaintext. */
export interface CredentialDocument {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

const errorCode = (error: unknown) => (error as NodeJS.ErrnoException).code;

/** The last `lines` lines of a log file ('' while it does not exist). */
export function tailOf(file: string, lines = 60): string {
	try {
		return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
	} catch {
		return '';
	}
}

// ---------------------------------------------------------------------------------------------
// Install (cached outside the clone)

function nodePackageName(): string {
	const platforms: Record<string, string> = { linux: 'linux', darwin: 'darwin' };
	const arches: Record<string, string> = { x64: 'x64', arm64: 'arm64' };
	const p = platforms[process.platform];
	const a = arches[process.arch];
	if (!p || !a) throw new Error(`No Node ${NODE_VERSION} package on the npm registry for ${process.platform}-${process.arch}`);
	return `node-${p}-${a}`;
}

export function cacheRoot(): string {
	if (process.env.HERO_N8N_CACHE) return path.resolve(process.env.HERO_N8N_CACHE);
	const xdg = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
	return path.join(xdg, 'n8n-nodes-hero-health');
}

function installKey(line: N8nLine): string {
	const hash = crypto.createHash('sha256');
	for (const f of ['package.json', 'package-lock.json']) hash.update(fs.readFileSync(path.join(hostTemplateDir(line), f)));
	return `n8n-${n8nVersionOf(line)}_node-${NODE_VERSION}_${process.platform}-${process.arch}_${hash.digest('hex').slice(0, 10)}`;
}

export function installPaths(line: N8nLine = N8N_LINE): InstallPaths {
	const dir = path.join(cacheRoot(), installKey(line));
	const nodeDir = path.join(dir, 'node');
	const hostDir = path.join(dir, 'host');
	return {
		dir,
		nodeDir,
		nodeBin: path.join(nodeDir, 'bin', 'node'),
		hostDir,
		n8nBin: path.join(hostDir, 'node_modules', 'n8n', 'bin', 'n8n'),
		marker: path.join(dir, '.complete'),
		logFile: path.join(dir, 'install.log'),
		template: hostTemplateDir(line),
		nodeVersion: NODE_VERSION,
		n8nVersion: n8nVersionOf(line),
	};
}

export function isComplete(paths: InstallPaths): boolean {
	try {
		const marker = JSON.parse(fs.readFileSync(paths.marker, 'utf8')) as { n8n?: string; node?: string };
		return (
			marker.n8n === paths.n8nVersion &&
			marker.node === NODE_VERSION &&
			fs.existsSync(paths.nodeBin) &&
			fs.existsSync(paths.n8nBin)
		);
	} catch {
		return false;
	}
}

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
function withLockSync<T>(lockDir: string, fn: () => T): T {
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

/**
 * npm run exports the project's npm config to scripts as npm_* variables (local_prefix, ignore_scripts,
 * nodedir, ...), which would point a child npm at this project. Only where and how to fetch passes on.
 */
const NPM_FETCH_CONFIG =
	/^npm_config_(cache|registry|cafile|ca|strict_ssl|proxy|https_proxy|noproxy|userconfig|globalconfig|fetch_[a-z_]+|maxsockets|prefer_offline|prefer_online|offline|.*registry|.*_auth.*)$/i;

function withoutNpmRunEnv(source: NodeJS.ProcessEnv): N8nEnv {
	const env: N8nEnv = {};
	for (const [k, v] of Object.entries(source)) {
		if (/^npm_/i.test(k) && !NPM_FETCH_CONFIG.test(k)) continue;
		if (k === 'NODE_OPTIONS' || k === 'INIT_CWD') continue;
		env[k] = v;
	}
	return env;
}

/** PATH with Node 24's bin folder first. */
const pathWithNode = (paths: InstallPaths) => `${path.join(paths.nodeDir, 'bin')}${path.delimiter}${process.env.PATH || ''}`;

/** Environment for npm/node-gyp under Node 24: its bin first on PATH, its headers for native addons. */
function buildEnv(paths: InstallPaths): N8nEnv {
	const env = withoutNpmRunEnv(process.env);
	env.PATH = pathWithNode(paths);
	env.npm_config_nodedir = paths.nodeDir;
	env.npm_config_build_from_source = 'true'; // no prebuilt-binary downloads (GitHub is unreachable here)
	env.npm_config_update_notifier = 'false';
	env.npm_config_fund = 'false';
	env.npm_config_audit = 'false';
	return env;
}

function npmCommand(): string {
	// The npm that runs this script (npm run ...) or the one on PATH; run by Node 24 via PATH.
	return process.platform === 'win32' ? 'npm.cmd' : 'npm';
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

		// 2. n8n into a host folder, from the pinned lockfile, without install scripts (many need the internet).
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

// ---------------------------------------------------------------------------------------------
// This package, loaded the way users get it

/** `npm pack` of the built project; throws when dist/ is missing. Returns the tarball path. */
export function packProject(destDir: string): string {
	const pkg = readPackageJson(PROJECT_ROOT);
	for (const f of [...pkg.n8n!.nodes, ...pkg.n8n!.credentials]) {
		if (!fs.existsSync(path.join(PROJECT_ROOT, f))) throw new Error(`${f} is missing: run npm run build first`);
	}
	fs.mkdirSync(destDir, { recursive: true });
	const env = withoutNpmRunEnv(process.env);
	const r = spawnSync(npmCommand(), ['pack', '--json', '--ignore-scripts', '--pack-destination', destDir], {
		cwd: PROJECT_ROOT,
		env,
		encoding: 'utf8',
	});
	if (r.status !== 0) throw new Error(`npm pack failed: ${r.stderr}`);
	const [info] = JSON.parse(r.stdout) as Array<{ filename: string }>;
	return path.join(destDir, info.filename);
}

/** Unpacks this package into <userFolder>/.n8n/nodes/node_modules/<name>, where n8n looks for community packages. */
export function installPackage(userFolder: string): string {
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hero-pack-'));
	try {
		const tgz = packProject(tmp);
		const target = path.join(userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME);
		fs.rmSync(target, { recursive: true, force: true });
		fs.mkdirSync(target, { recursive: true });
		const r = spawnSync('tar', ['-xzf', tgz, '-C', target, '--strip-components=1']);
		if (r.status !== 0) throw new Error(`tar failed: ${r.stderr}`);
		return target;
	} finally {
		fs.rmSync(tmp, { recursive: true, force: true });
	}
}

// ---------------------------------------------------------------------------------------------
// A private instance

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

/** Runs an n8n CLI command; resolves {code, stdout, stderr}. */
export function runCli(
	paths: InstallPaths,
	env: N8nEnv,
	args: string[],
	{ timeoutMs = 180_000 }: { timeoutMs?: number } = {},
): Promise<CliResult> {
	return new Promise((resolve, reject) => {
		const child = spawn(paths.nodeBin, [paths.n8nBin, ...args], {
			env,
			cwd: env.N8N_USER_FOLDER,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`n8n ${args.join(' ')} timed out after ${timeoutMs} ms\n${stdout}\n${stderr}`));
		}, timeoutMs);
		child.on('error', (e) => {
			clearTimeout(timer);
			reject(e);
		});
		child.on('close', (code) => {
			clearTimeout(timer);
			resolve({ code, stdout, stderr });
		});
	});
}

export async function runCliOk(
	paths: InstallPaths,
	env: N8nEnv,
	args: string[],
	options?: { timeoutMs?: number },
): Promise<CliResult> {
	const r = await runCli(paths, env, args, options);
	if (r.code !== 0) throw new Error(`n8n ${args.join(' ')} exited ${r.code}\n${r.stdout}\n${r.stderr}`);
	return r;
}

/** The first top-level JSON object in n8n's output (`execute --rawOutput` prints a few log lines first). */
export function parseRunOutput(text: string): RunJson | null {
	const lines = text.split('\n');
	const start = lines.findIndex((l) => l === '{');
	if (start === -1) return null;
	let end = lines.indexOf('}', start);
	while (end !== -1) {
		try {
			return JSON.parse(lines.slice(start, end + 1).join('\n')) as RunJson;
		} catch {
			end = lines.indexOf('}', end + 1);
		}
	}
	return null;
}

/** `n8n execute --id=<id> --rawOutput`; resolves {code, run, stdout, stderr} where run is n8n's IRun JSON (or null). */
export async function executeWorkflow(paths: InstallPaths, env: N8nEnv, id: string, options?: { timeoutMs?: number }) {
	const r = await runCli(paths, env, ['execute', `--id=${id}`, '--rawOutput'], options);
	return { ...r, run: parseRunOutput(r.stdout) };
}

export async function importCredentials(paths: InstallPaths, env: N8nEnv, credentials: CredentialDocument[]): Promise<void> {
	const file = path.join(env.N8N_USER_FOLDER!, 'import-credentials.json');
	fs.writeFileSync(file, JSON.stringify(credentials, null, 2));
	try {
		await runCliOk(paths, env, ['import:credentials', `--input=${file}`]);
	} finally {
		fs.rmSync(file, { force: true });
	}
}

/** `n8n import:workflow` of workflow files or workflow JSON objects (each with its `id`). */
export async function importWorkflows(
	paths: InstallPaths,
	env: N8nEnv,
	workflows: Array<string | { id: string }>,
): Promise<void> {
	const dir = fs.mkdtempSync(path.join(env.N8N_USER_FOLDER!, 'import-'));
	try {
		workflows.forEach((workflow, i) => {
			const file = path.join(dir, `${String(i).padStart(3, '0')}.json`);
			if (typeof workflow === 'string') fs.copyFileSync(workflow, file);
			else fs.writeFileSync(file, JSON.stringify(workflow, null, 2));
		});
		await runCliOk(paths, env, ['import:workflow', '--separate', `--input=${dir}`]);
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
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

// ---------------------------------------------------------------------------------------------
// REST (the editor's own routes) and the public API

// What n8n's CLI and public API answer, as JSON: the fields this project's scripts and tests read.

/** An output item of a node: its JSON, of whatever shape the node gave it. */
export interface ItemJson {
	json: unknown;
}

/** One run of one node in an execution (n8n's ITaskData): its items by connection type, then by output. */
export interface TaskJson {
	data?: { main?: Array<ItemJson[] | null> };
}

/** An execution's data (n8n's IRunExecutionData): each node's runs, by node name, and the error that stopped it. */
export interface RunExecutionJson {
	resultData: {
		runData: Record<string, TaskJson[]>;
		error?: { message?: string; [field: string]: unknown };
		lastNodeExecuted?: string;
	};
}

/** A finished run as `n8n execute --rawOutput` prints it (n8n's IRun). */
export interface RunJson {
	status: string;
	data: RunExecutionJson;
}

/** An execution as the public API lists it; `data` only with includeData=true. */
export interface ExecutionJson {
	id: string | number;
	workflowId: string;
	status: string;
	data?: RunExecutionJson;
}

/** A page of the public API's lists: the next page's cursor, if any. */
export interface PageJson<T> {
	data: T[];
	nextCursor?: string | null;
}

/** A workflow node as the public API answers it and examples/ holds it. */
export interface WorkflowNodeJson {
	id: string;
	name: string;
	type: string;
	parameters: Record<string, unknown>;
	webhookId?: string;
	/** the credential of each type the node uses, by type */
	credentials?: Record<string, { id: string; name: string }>;
}

/** A workflow as the public API answers it and examples/ holds it. */
export interface WorkflowJson {
	id: string;
	name: string;
	active?: boolean;
	nodes: WorkflowNodeJson[];
	/** by source node name, then connection type (main, ai_tool, ...): where its outputs go */
	connections?: Record<string, Record<string, unknown>>;
	/** what the nodes keep between runs, by `node:<name>` (or `global`) */
	staticData?: Record<string, unknown> | null;
}

export interface RestOptions {
	cookie?: string;
	apiKey?: string;
	body?: unknown;
}

/** An answer of n8n's; `json` is the parsed body (null when empty or not JSON), of the shape the caller names. */
export interface RestResult<T = unknown> {
	status: number;
	json: T;
	text: string;
	res: Response;
}

function cookieFrom(res: Response): string {
	return res.headers
		.getSetCookie()
		.filter(Boolean)
		.map((c) => c.split(';')[0])
		.join('; ');
}

export async function rest<T = unknown>(
	url: string,
	method: string,
	route: string,
	{ cookie, body, apiKey }: RestOptions = {},
): Promise<RestResult<T>> {
	const headers: Record<string, string> = { accept: 'application/json' };
	if (body !== undefined) headers['content-type'] = 'application/json';
	if (cookie) headers.cookie = cookie;
	if (apiKey) headers['x-n8n-api-key'] = apiKey;
	const res = await fetch(`${url}${route}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
	const text = await res.text();
	let json: unknown = null;
	try {
		json = text ? JSON.parse(text) : null;
	} catch {
		// not JSON
	}
	return { status: res.status, json: json as T, text, res };
}

export async function restOk<T = unknown>(
	url: string,
	method: string,
	route: string,
	options?: RestOptions,
): Promise<RestResult<T>> {
	const r = await rest<T>(url, method, route, options);
	if (r.status >= 300) throw new Error(`${method} ${route} answered ${r.status}: ${r.text.slice(0, 500)}`);
	return r;
}

/** A call to n8n's public API (/api/v1) with an API key; `T` is the shape of the JSON it answers. */
export type PublicApi = <T = unknown>(method: string, route: string, body?: unknown) => Promise<T>;

/** Every execution of the workflow the public API lists, following its cursor through all pages; `query` adds e.g. includeData and limit. */
export async function allExecutions(
	publicApi: PublicApi,
	workflowId: string,
	query: Record<string, string>,
): Promise<ExecutionJson[]> {
	const all: ExecutionJson[] = [];
	let cursor: string | undefined;
	do {
		const qs = new URLSearchParams({ workflowId, ...query, ...(cursor ? { cursor } : {}) });
		const page = await publicApi<PageJson<ExecutionJson>>('GET', `/executions?${qs}`);
		all.push(...page.data);
		cursor = page.nextCursor ?? undefined;
	} while (cursor);
	return all;
}

export const DEMO_OWNER: Owner = { email: 'demo@example.com', password: 'HeroDemo-2026', firstName: 'Demo', lastName: 'Owner' };

/** Sets up the instance owner on a fresh instance, or logs in; resolves to the auth cookie. */
export async function setupOwner(url: string, owner: Owner = DEMO_OWNER): Promise<string> {
	const settings = await restOk<{ data: { userManagement: { showSetupOnFirstLoad: boolean } } }>(url, 'GET', '/rest/settings');
	const needsSetup = settings.json.data.userManagement.showSetupOnFirstLoad;
	const r = needsSetup
		? await restOk(url, 'POST', '/rest/owner/setup', { body: owner })
		: await restOk(url, 'POST', '/rest/login', { body: { emailOrLdapLoginId: owner.email, password: owner.password } });
	const cookie = cookieFrom(r.res);
	if (!cookie) throw new Error('n8n set no auth cookie');
	return cookie;
}

/** A public-API key with every scope n8n offers; resolves to the raw key. */
export async function createApiKey(url: string, cookie: string, label = `local-${Date.now()}`): Promise<string> {
	const scopes = (await restOk<{ data: string[] }>(url, 'GET', '/rest/api-keys/scopes', { cookie })).json.data;
	const r = await restOk<{ data: { rawApiKey: string } }>(url, 'POST', '/rest/api-keys', {
		cookie,
		body: { label, scopes, expiresAt: null },
	});
	return r.json.data.rawApiKey;
}

/** A parameter of a served node or credential type: the fields the tests read. */
export interface ServedProperty {
	name: string;
	displayName?: string;
	options?: Array<{ name: string; value?: unknown }>;
	displayOptions?: { show?: Record<string, unknown[] | undefined> };
}

/** A node or credential type as the editor serves it (/types/*.json): the fields the tests read. */
export interface ServedType {
	name: string;
	displayName: string;
	properties: ServedProperty[];
	/** node types: the webhooks the node registers */
	webhooks?: unknown[];
}

/** Node types and credential types the running editor serves (what the node panel lists). */
export async function registeredTypes(url: string, cookie: string): Promise<{ nodes: ServedType[]; credentials: ServedType[] }> {
	const nodes = (await restOk<ServedType[]>(url, 'GET', '/types/nodes.json', { cookie })).json;
	const credentials = (await restOk<ServedType[]>(url, 'GET', '/types/credentials.json', { cookie })).json;
	return { nodes, credentials };
}

// ---------------------------------------------------------------------------------------------
// The project's examples and the local credentials they get

export const EXAMPLES_DIR = path.join(PROJECT_ROOT, 'examples');
export const STANDIN_CREDENTIAL_ID = 'HeroStandinCred1';
export const STANDIN_CREDENTIAL_NAME = 'Hero Health (local stand-in)';

/**
 * The Header Auth credential example 05's Webhook node gets on the local instances (npm run dev, the e2e suite):
 * the header a caller must send for an Elements token. A demo value, known to anyone reading this file; a
 * practice makes its own credential with a long random value.
 */
export const DEMO_CALLER_CREDENTIAL: CredentialDocument = {
	id: 'ElementsCaller01',
	name: 'Elements token caller (local demo)',
	type: 'httpHeaderAuth',
	data: { name: 'X-Elements-Caller-Key', value: 'local-demo-caller-key-not-a-secret' },
};

/**
 * The Basic Auth credential the staff forms (n8n Form Trigger) of the examples get on the local instances: the
 * login staff type to open the form. A demo value; a practice makes its own.
 */
export const DEMO_FORM_CREDENTIAL: CredentialDocument = {
	id: 'StaffFormLogin01',
	name: 'Staff form login (local demo)',
	type: 'httpBasicAuth',
	data: { user: 'staff', password: 'local-demo-form-password' },
};

/**
 * The OpenAI credential example 13's chat model gets on the local instances: its base URL is the scripted model
 * (scripts/lib/scripted-model.ts) that `npm run dev` and the e2e suite serve on 127.0.0.1; the key is a dummy.
 */
export const SCRIPTED_MODEL_CREDENTIAL = { id: 'ScriptedModel01', name: 'OpenAI (local scripted model)' };
export function scriptedModelCredential(modelUrl: string): CredentialDocument {
	return {
		...SCRIPTED_MODEL_CREDENTIAL,
		type: 'openAiApi',
		data: { apiKey: 'local-scripted-model-not-a-secret', url: modelUrl },
	};
}

/** The SMTP credential the examples' Send Email nodes get on the local instances: the local mailbox (scripts/lib/mailbox.ts). */
export function mailboxCredential(port: number): CredentialDocument {
	return {
		id: 'LocalMailbox0001',
		name: 'Local mailbox (catches staff email)',
		type: 'smtp',
		data: { host: '127.0.0.1', port, secure: false, disableStartTls: true, user: '', password: '' },
	};
}

/** An example as committed in examples/ (a file name there, or any path). */
export function readExample(file: string): WorkflowJson {
	return JSON.parse(fs.readFileSync(path.resolve(EXAMPLES_DIR, file), 'utf8')) as WorkflowJson;
}

/**
 * An example as the local instances import it. Examples ship naming no credential, so that users pick their
 * own; here each Hero node gets the stand-in credential, each Webhook node with Header Auth and each form with
 * Basic Auth the demo one, each Send Email node the local mailbox and each OpenAI chat model the scripted model's.
 */
export function withLocalCredentials(workflow: WorkflowJson): WorkflowJson {
	const ref = (credential: CredentialDocument) => ({ [credential.type]: { id: credential.id, name: credential.name } });
	const nodes = workflow.nodes.map((node) => {
		if (node.type.startsWith(`${PACKAGE_NAME}.`))
			return { ...node, credentials: { heroHealthApi: { id: STANDIN_CREDENTIAL_ID, name: STANDIN_CREDENTIAL_NAME } } };
		if (node.parameters.authentication === 'headerAuth') return { ...node, credentials: ref(DEMO_CALLER_CREDENTIAL) };
		if (node.parameters.authentication === 'basicAuth') return { ...node, credentials: ref(DEMO_FORM_CREDENTIAL) };
		if (node.type === 'n8n-nodes-base.emailSend') return { ...node, credentials: ref(mailboxCredential(0)) };
		if (node.type === '@n8n/n8n-nodes-langchain.lmChatOpenAi') return { ...node, credentials: ref(scriptedModelCredential('')) };
		return node;
	});
	return { ...workflow, nodes };
}

export function exampleFiles(): string[] {
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => path.join(EXAMPLES_DIR, f));
}

export function standinCredential(
	standinUrl: string,
	key: { apiKey: string; practiceGroupId: string } = { apiKey: 'hero-test-key', practiceGroupId: 'pg_standin_1' },
): CredentialDocument {
	return {
		id: STANDIN_CREDENTIAL_ID,
		name: STANDIN_CREDENTIAL_NAME,
		type: 'heroHealthApi',
		data: {
			apiKey: key.apiKey,
			practiceGroupId: key.practiceGroupId,
			environment: 'custom',
			baseUrl: standinUrl,
			rateLimitPerMinute: 300,
		},
	};
}

/**
 * A ready instance folder: this package unpacked into it, the local credentials and every example imported.
 * `fresh` wipes the folder first. Returns the env for `n8n start` and CLI commands.
 */
export async function prepareInstance(
	paths: InstallPaths,
	{
		userFolder,
		port,
		brokerPort,
		standinUrl,
		modelUrl,
		mailPort,
		fresh = false,
		examples = exampleFiles(),
	}: {
		userFolder: string;
		port: number;
		brokerPort: number;
		standinUrl: string;
		/** the scripted chat model's base URL, for example 13's OpenAI credential */
		modelUrl: string;
		/** the local mailbox's SMTP port (scripts/lib/mailbox.ts), for the Send Email nodes' credential */
		mailPort: number;
		fresh?: boolean;
		examples?: string[];
	},
): Promise<N8nEnv> {
	if (fresh) fs.rmSync(userFolder, { recursive: true, force: true });
	fs.mkdirSync(userFolder, { recursive: true });
	installPackage(userFolder);
	const env = n8nEnv(paths, { userFolder, port, brokerPort });
	await importCredentials(paths, env, [
		standinCredential(standinUrl),
		DEMO_CALLER_CREDENTIAL,
		DEMO_FORM_CREDENTIAL,
		mailboxCredential(mailPort),
		scriptedModelCredential(modelUrl),
	]);
	const workflows = examples.map((file) => withLocalCredentials(readExample(file)));
	if (workflows.length) await importWorkflows(paths, env, workflows);
	return env;
}
