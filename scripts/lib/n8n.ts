'use strict';
// Real n8n for this project, used by `npm run dev`, the e2e suite (test/e2e/) and the screenshots.
//
// - ensureN8n(): Node 24 and n8n from the npm registry (the only source that works on these machines),
//   installed OUTSIDE the clone in ${HERO_N8N_CACHE:-${XDG_CACHE_HOME:-~/.cache}/n8n-nodes-hero-health}/<key>,
//   keyed by the n8n and Node versions and a hash of scripts/n8n-host/. A `.complete` marker is written
//   only after a whole install succeeded, so a fresh clone on the same machine reuses it in a second.
// - installPackage(): `npm pack` of this project unpacked into <userFolder>/.n8n/nodes/node_modules/, which is
//   exactly how n8n users get a community package (node types `n8n-nodes-hero-health.heroHealth`, ...).
// - n8nEnv(), startN8n(), runCli(), executeWorkflow(), setupOwner(), createApiKey(): a private, quiet
//   instance on 127.0.0.1 (own user folder, diagnostics, templates, banners and n8n.io look-ups off).
// Plain Node (CommonJS), no dependencies.

const crypto = require('crypto');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');
const { spawn, spawnSync } = require('child_process');

const PROJECT_ROOT = path.resolve(__dirname, '..', '..');
const HOST_TEMPLATE_DIR = path.join(__dirname, '..', 'n8n-host');
const NODE_VERSION = '24.21.0';
const N8N_VERSION = require(path.join(HOST_TEMPLATE_DIR, 'package.json')).dependencies.n8n;
const PACKAGE_NAME = require(path.join(PROJECT_ROOT, 'package.json')).name;
/** Fixed key for the private instances; never used for real data. */
const ENCRYPTION_KEY = 'hero-health-local-n8n-not-a-secret';
const NATIVE_MODULES = ['sqlite3'];

const log = (...args) => console.error('[n8n]', ...args);

// ---------------------------------------------------------------------------------------------
// Install (cached outside the clone)

function nodePackageName() {
	const platforms = { linux: 'linux', darwin: 'darwin' };
	const arches = { x64: 'x64', arm64: 'arm64' };
	const p = platforms[process.platform];
	const a = arches[process.arch];
	if (!p || !a) throw new Error(`No Node ${NODE_VERSION} package on the npm registry for ${process.platform}-${process.arch}`);
	return `node-${p}-${a}`;
}

function cacheRoot() {
	if (process.env.HERO_N8N_CACHE) return path.resolve(process.env.HERO_N8N_CACHE);
	const xdg = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
	return path.join(xdg, 'n8n-nodes-hero-health');
}

function installKey() {
	const hash = crypto.createHash('sha256');
	for (const f of ['package.json', 'package-lock.json']) hash.update(fs.readFileSync(path.join(HOST_TEMPLATE_DIR, f)));
	return `n8n-${N8N_VERSION}_node-${NODE_VERSION}_${process.platform}-${process.arch}_${hash.digest('hex').slice(0, 10)}`;
}

function installPaths() {
	const dir = path.join(cacheRoot(), installKey());
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
		nodeVersion: NODE_VERSION,
		n8nVersion: N8N_VERSION,
	};
}

function isComplete(paths) {
	try {
		const marker = JSON.parse(fs.readFileSync(paths.marker, 'utf8'));
		return (
			marker.n8n === N8N_VERSION &&
			marker.node === NODE_VERSION &&
			fs.existsSync(paths.nodeBin) &&
			fs.existsSync(paths.n8nBin)
		);
	} catch {
		return false;
	}
}

function pidAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		return e.code === 'EPERM';
	}
}

function sleepSync(ms) {
	Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** One installer at a time per cache key (two clones, or dev and tests started together). */
function withLockSync(lockDir, fn) {
	const deadline = Date.now() + 60 * 60_000;
	let announced = false;
	for (;;) {
		try {
			fs.mkdirSync(path.dirname(lockDir), { recursive: true });
			fs.mkdirSync(lockDir);
			fs.writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
			break;
		} catch (e) {
			if (e.code !== 'EEXIST') throw e;
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
const NPM_FETCH_CONFIG = /^npm_config_(cache|registry|cafile|ca|strict_ssl|proxy|https_proxy|noproxy|userconfig|globalconfig|fetch_[a-z_]+|maxsockets|prefer_offline|prefer_online|offline|.*registry|.*_auth.*)$/i;

function withoutNpmRunEnv(source) {
	const env = {};
	for (const [k, v] of Object.entries(source)) {
		if (/^npm_/i.test(k) && !NPM_FETCH_CONFIG.test(k)) continue;
		if (k === 'NODE_OPTIONS' || k === 'INIT_CWD') continue;
		env[k] = v;
	}
	return env;
}

/** Environment for npm/node-gyp under Node 24: its bin first on PATH, its headers for native addons. */
function buildEnv(paths) {
	const env = withoutNpmRunEnv(process.env);
	env.PATH = `${path.join(paths.nodeDir, 'bin')}${path.delimiter}${process.env.PATH || ''}`;
	env.npm_config_nodedir = paths.nodeDir;
	env.npm_config_build_from_source = 'true'; // no prebuilt-binary downloads (GitHub is unreachable here)
	env.npm_config_update_notifier = 'false';
	env.npm_config_fund = 'false';
	env.npm_config_audit = 'false';
	return env;
}

function npmCommand() {
	// The npm that runs this script (npm run ...) or the one on PATH; run by Node 24 via PATH.
	return process.platform === 'win32' ? 'npm.cmd' : 'npm';
}

function runLogged(paths, label, cmd, args, options) {
	const started = Date.now();
	log(`${label} ...`);
	const fd = fs.openSync(paths.logFile, 'a');
	fs.writeSync(fd, `\n$ ${cmd} ${args.join(' ')}   (cwd ${options.cwd})\n`);
	const r = spawnSync(cmd, args, { ...options, stdio: ['ignore', fd, fd], timeout: options.timeout || 45 * 60_000 });
	fs.closeSync(fd);
	if (r.error || r.status !== 0) {
		const tail = fs.readFileSync(paths.logFile, 'utf8').split('\n').slice(-40).join('\n');
		throw new Error(
			`${label} failed (${r.error ? r.error.message : `exit ${r.status}`}). Last lines of ${paths.logFile}:\n${tail}`,
		);
	}
	log(`${label}: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/**
 * Installs Node 24 and n8n into the cache unless a complete install is there. Idempotent; fast when cached.
 * Returns the paths (nodeBin, n8nBin, ...).
 */
function ensureN8n({ force = false } = {}) {
	const paths = installPaths();
	if (!force && isComplete(paths)) return paths;
	withLockSync(`${paths.dir}.lock`, () => {
		if (!force && isComplete(paths)) return;
		const started = Date.now();
		log(`installing Node ${NODE_VERSION} and n8n ${N8N_VERSION} into ${paths.dir} (once per machine; several minutes)`);
		fs.rmSync(paths.dir, { recursive: true, force: true });
		fs.mkdirSync(paths.dir, { recursive: true });
		fs.writeFileSync(paths.logFile, `install started ${new Date().toISOString()}\n`);
		const env = buildEnv(paths);

		// 1. Node 24: the npm registry's node-<platform>-<arch> package holds the whole distribution, headers included.
		const packDir = path.join(paths.dir, 'pack');
		fs.mkdirSync(packDir);
		runLogged(paths, `npm pack ${nodePackageName()}@${NODE_VERSION}`, npmCommand(), ['pack', `${nodePackageName()}@${NODE_VERSION}`, '--pack-destination', packDir], {
			cwd: packDir,
			env: { ...env, PATH: process.env.PATH },
		});
		const tgz = fs.readdirSync(packDir).find((f) => f.endsWith('.tgz'));
		if (!tgz) throw new Error(`npm pack left no tarball in ${packDir}`);
		fs.mkdirSync(paths.nodeDir);
		runLogged(paths, 'unpack Node', 'tar', ['-xzf', path.join(packDir, tgz), '-C', paths.nodeDir, '--strip-components=1'], { cwd: paths.dir, env });
		fs.rmSync(packDir, { recursive: true, force: true });
		const version = spawnSync(paths.nodeBin, ['--version'], { encoding: 'utf8' }).stdout.trim();
		if (version !== `v${NODE_VERSION}`) throw new Error(`${paths.nodeBin} reports ${JSON.stringify(version)}, expected v${NODE_VERSION}`);

		// 2. n8n into a host folder, from the pinned lockfile, without install scripts (many need the internet).
		fs.mkdirSync(paths.hostDir);
		for (const f of ['package.json', 'package-lock.json']) fs.copyFileSync(path.join(HOST_TEMPLATE_DIR, f), path.join(paths.hostDir, f));
		runLogged(
			paths,
			`npm install n8n@${N8N_VERSION}`,
			npmCommand(),
			['install', '--legacy-peer-deps', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=warn'],
			{ cwd: paths.hostDir, env },
		);

		// 3. The native addons n8n needs at start, compiled against Node 24's headers.
		runLogged(paths, `compile ${NATIVE_MODULES.join(', ')} for Node ${NODE_VERSION}`, npmCommand(), ['rebuild', ...NATIVE_MODULES, '--ignore-scripts=false', '--build-from-source', '--foreground-scripts'], {
			cwd: paths.hostDir,
			env,
		});

		// 4. Check it loads under Node 24 before calling the install complete.
		runLogged(
			paths,
			'check the install',
			paths.nodeBin,
			['-e', `require('sqlite3'); const v = require('n8n/package.json').version; if (v !== ${JSON.stringify(N8N_VERSION)}) throw new Error('n8n ' + v);`],
			{ cwd: paths.hostDir, env },
		);
		fs.writeFileSync(
			paths.marker,
			JSON.stringify({ n8n: N8N_VERSION, node: NODE_VERSION, completedAt: new Date().toISOString(), seconds: Math.round((Date.now() - started) / 1000) }, null, 2),
		);
		log(`n8n ${N8N_VERSION} on Node ${NODE_VERSION} installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
	});
	return paths;
}

// ---------------------------------------------------------------------------------------------
// This package, loaded the way users get it

/** `npm pack` of the built project; throws when dist/ is missing. Returns the tarball path. */
function packProject(destDir) {
	const pkg = require(path.join(PROJECT_ROOT, 'package.json'));
	for (const f of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) {
		if (!fs.existsSync(path.join(PROJECT_ROOT, f))) throw new Error(`${f} is missing: run npm run build first`);
	}
	fs.mkdirSync(destDir, { recursive: true });
	const env = withoutNpmRunEnv(process.env);
	const r = spawnSync(npmCommand(), ['pack', '--json', '--ignore-scripts', '--pack-destination', destDir], { cwd: PROJECT_ROOT, env, encoding: 'utf8' });
	if (r.status !== 0) throw new Error(`npm pack failed: ${r.stderr}`);
	const [info] = JSON.parse(r.stdout);
	return path.join(destDir, info.filename);
}

/** Unpacks this package into <userFolder>/.n8n/nodes/node_modules/<name>, where n8n looks for community packages. */
function installPackage(userFolder) {
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

function freePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

/** Resolves to `preferred` when it is free on 127.0.0.1, otherwise to a random free port. */
function portOr(preferred) {
	return new Promise((resolve) => {
		const srv = net.createServer();
		srv.unref();
		srv.once('error', () => freePort().then(resolve, () => resolve(0)));
		srv.listen(preferred, '127.0.0.1', () => srv.close(() => resolve(preferred)));
	});
}

/** Environment for `n8n start` / CLI commands: private user folder, 127.0.0.1 only, nothing phoned home. */
function n8nEnv(paths, { userFolder, port, brokerPort, extra = {} }) {
	const env = {};
	for (const [k, v] of Object.entries(process.env)) {
		if (/^(npm_|N8N_|DB_|EXECUTIONS_|QUEUE_|GENERIC_)/i.test(k)) continue;
		if (['NODE_OPTIONS', 'NODE_PATH', 'WEBHOOK_URL', 'INIT_CWD', 'NODE_ENV'].includes(k)) continue;
		env[k] = v;
	}
	const base = `http://127.0.0.1:${port}/`;
	Object.assign(env, {
		PATH: `${path.join(paths.nodeDir, 'bin')}${path.delimiter}${process.env.PATH || ''}`,
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		DB_TYPE: 'sqlite',
		N8N_HOST: '127.0.0.1',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_PORT: String(port),
		N8N_PROTOCOL: 'http',
		N8N_WEBHOOK_URL: base,
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
		N8N_DISABLED_MODULES: 'mcp-registry',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_RUNNERS_TASK_TIMEOUT: '300',
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
		EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'true',
		...extra,
	});
	return env;
}

/** Runs an n8n CLI command; resolves {code, stdout, stderr}. */
function runCli(paths, env, args, { timeoutMs = 180_000 } = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(paths.nodeBin, [paths.n8nBin, ...args], { env, cwd: env.N8N_USER_FOLDER, stdio: ['ignore', 'pipe', 'pipe'] });
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

async function runCliOk(paths, env, args, options) {
	const r = await runCli(paths, env, args, options);
	if (r.code !== 0) throw new Error(`n8n ${args.join(' ')} exited ${r.code}\n${r.stdout}\n${r.stderr}`);
	return r;
}

/** The first top-level JSON object in n8n's output (`execute --rawOutput` prints a few log lines first). */
function parseRunOutput(text) {
	const lines = text.split('\n');
	const start = lines.findIndex((l) => l === '{');
	if (start === -1) return null;
	let end = lines.indexOf('}', start);
	while (end !== -1) {
		try {
			return JSON.parse(lines.slice(start, end + 1).join('\n'));
		} catch {
			end = lines.indexOf('}', end + 1);
		}
	}
	return null;
}

/** `n8n execute --id=<id> --rawOutput`; resolves {code, run, stdout, stderr} where run is n8n's IRun JSON (or null). */
async function executeWorkflow(paths, env, id, options) {
	const r = await runCli(paths, env, ['execute', `--id=${id}`, '--rawOutput'], options);
	return { ...r, run: parseRunOutput(r.stdout) };
}

async function importCredentials(paths, env, credentials) {
	const file = path.join(env.N8N_USER_FOLDER, 'import-credentials.json');
	fs.writeFileSync(file, JSON.stringify(credentials, null, 2));
	try {
		await runCliOk(paths, env, ['import:credentials', `--input=${file}`]);
	} finally {
		fs.rmSync(file, { force: true });
	}
}

async function importWorkflows(paths, env, files) {
	const dir = fs.mkdtempSync(path.join(env.N8N_USER_FOLDER, 'import-'));
	try {
		for (const f of files) fs.copyFileSync(f, path.join(dir, path.basename(f)));
		await runCliOk(paths, env, ['import:workflow', '--separate', `--input=${dir}`]);
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

/** Starts `n8n start` in its own process group; resolves when /healthz/readiness answers 200. */
async function startN8n(paths, env, { logFile, readyTimeoutMs = 180_000 } = {}) {
	const url = `http://127.0.0.1:${env.N8N_PORT}`;
	fs.mkdirSync(path.dirname(logFile), { recursive: true });
	const fd = fs.openSync(logFile, 'w');
	const child = spawn(paths.nodeBin, [paths.n8nBin, 'start'], { env, cwd: env.N8N_USER_FOLDER, detached: true, stdio: ['ignore', fd, fd] });
	fs.closeSync(fd);
	let exited = null;
	const exitPromise = new Promise((resolve) => child.on('exit', (code, signal) => resolve((exited = { code, signal }))));
	const logTail = (n = 60) => {
		try {
			return fs.readFileSync(logFile, 'utf8').split('\n').slice(-n).join('\n');
		} catch {
			return '';
		}
	};
	const started = Date.now();
	for (;;) {
		if (exited) throw new Error(`n8n exited during start (${JSON.stringify(exited)}). ${logFile}:\n${logTail()}`);
		try {
			const res = await fetch(`${url}/healthz/readiness`);
			if (res.status === 200) break;
		} catch {
			// not listening yet
		}
		if (Date.now() - started > readyTimeoutMs) {
			killGroup(child.pid, 'SIGKILL');
			throw new Error(`n8n was not ready after ${readyTimeoutMs} ms. ${logFile}:\n${logTail()}`);
		}
		await new Promise((r) => setTimeout(r, 250));
	}
	const readyMs = Date.now() - started;
	async function stop(timeoutMs = 30_000) {
		if (exited) return exited;
		killGroup(child.pid, 'SIGTERM');
		const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), timeoutMs);
		const result = await exitPromise;
		clearTimeout(timer);
		killGroup(child.pid, 'SIGKILL'); // the task runner, should it have outlived n8n
		return result;
	}
	return { url, pid: child.pid, child, readyMs, logFile, logTail, stop, exited: () => exited };
}

function killGroup(pid, signal) {
	try {
		process.kill(-pid, signal);
	} catch {
		// already gone
	}
}

// ---------------------------------------------------------------------------------------------
// REST (the editor's own routes) and the public API

function cookieFrom(res) {
	const cookies = typeof res.headers.getSetCookie === 'function' ? res.headers.getSetCookie() : [res.headers.get('set-cookie')];
	return cookies
		.filter(Boolean)
		.map((c) => c.split(';')[0])
		.join('; ');
}

async function rest(url, method, route, { cookie, body, apiKey } = {}) {
	const headers = { accept: 'application/json' };
	if (body !== undefined) headers['content-type'] = 'application/json';
	if (cookie) headers.cookie = cookie;
	if (apiKey) headers['x-n8n-api-key'] = apiKey;
	const res = await fetch(`${url}${route}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
	const text = await res.text();
	let json = null;
	try {
		json = text ? JSON.parse(text) : null;
	} catch {
		// not JSON
	}
	return { status: res.status, json, text, res };
}

async function restOk(url, method, route, options) {
	const r = await rest(url, method, route, options);
	if (r.status >= 300) throw new Error(`${method} ${route} answered ${r.status}: ${r.text.slice(0, 500)}`);
	return r;
}

const DEMO_OWNER = { email: 'demo@example.com', password: 'HeroDemo-2026', firstName: 'Demo', lastName: 'Owner' };

/** Sets up the instance owner on a fresh instance, or logs in; resolves to the auth cookie. */
async function setupOwner(url, owner = DEMO_OWNER) {
	const settings = await restOk(url, 'GET', '/rest/settings');
	const needsSetup = settings.json.data.userManagement.showSetupOnFirstLoad;
	const r = needsSetup
		? await restOk(url, 'POST', '/rest/owner/setup', { body: owner })
		: await restOk(url, 'POST', '/rest/login', { body: { emailOrLdapLoginId: owner.email, password: owner.password } });
	const cookie = cookieFrom(r.res);
	if (!cookie) throw new Error('n8n set no auth cookie');
	return cookie;
}

/** A public-API key with every scope n8n offers; resolves to the raw key. */
async function createApiKey(url, cookie, label = `local-${Date.now()}`) {
	const scopes = (await restOk(url, 'GET', '/rest/api-keys/scopes', { cookie })).json.data;
	const r = await restOk(url, 'POST', '/rest/api-keys', { cookie, body: { label, scopes, expiresAt: null } });
	return r.json.data.rawApiKey;
}

/** Node types and credential types the running editor serves (what the node panel lists). */
async function registeredTypes(url, cookie) {
	const nodes = (await restOk(url, 'GET', '/types/nodes.json', { cookie })).json;
	const credentials = (await restOk(url, 'GET', '/types/credentials.json', { cookie })).json;
	return { nodes, credentials };
}

// ---------------------------------------------------------------------------------------------
// The project's examples and the stand-in credential they use

const EXAMPLES_DIR = path.join(PROJECT_ROOT, 'examples');
const STANDIN_CREDENTIAL_ID = 'HeroStandinCred1';
const STANDIN_CREDENTIAL_NAME = 'Hero Health (local stand-in)';

function exampleFiles() {
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => path.join(EXAMPLES_DIR, f));
}

function standinCredential(standinUrl, key = { apiKey: 'hero-test-key', practiceGroupId: 'pg_standin_1' }) {
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
 * A ready instance folder: this package unpacked into it, the stand-in credential and every example imported.
 * `fresh` wipes the folder first. Returns the env for `n8n start` and CLI commands.
 */
async function prepareInstance(paths, { userFolder, port, brokerPort, standinUrl, fresh = false, examples = exampleFiles() }) {
	if (fresh) fs.rmSync(userFolder, { recursive: true, force: true });
	fs.mkdirSync(userFolder, { recursive: true });
	installPackage(userFolder);
	const env = n8nEnv(paths, { userFolder, port, brokerPort });
	await importCredentials(paths, env, [standinCredential(standinUrl)]);
	if (examples.length) await importWorkflows(paths, env, examples);
	return env;
}

module.exports = {
	PROJECT_ROOT,
	PACKAGE_NAME,
	NODE_VERSION,
	N8N_VERSION,
	ENCRYPTION_KEY,
	DEMO_OWNER,
	EXAMPLES_DIR,
	STANDIN_CREDENTIAL_ID,
	STANDIN_CREDENTIAL_NAME,
	cacheRoot,
	installPaths,
	isComplete,
	ensureN8n,
	packProject,
	installPackage,
	freePort,
	portOr,
	n8nEnv,
	runCli,
	runCliOk,
	parseRunOutput,
	executeWorkflow,
	importCredentials,
	importWorkflows,
	startN8n,
	killGroup,
	rest,
	restOk,
	setupOwner,
	createApiKey,
	registeredTypes,
	exampleFiles,
	standinCredential,
	prepareInstance,
};
