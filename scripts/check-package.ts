/**
 * Checks what `npm publish` would publish, the way n8n's verification sees it:
 * 1. `npm pack` into a temporary folder, unpacked there;
 * 2. the tarball holds only package.json, README.md, LICENSE and the built nodes, credential and icons under dist/
 *    (nothing of the stand-in, the tests, the benches or the examples), and every file package.json's `n8n`
 *    section names;
 * 3. the metadata a reviewer checks: repository, bugs, homepage and author agree on one repository URL; the
 *    credential's and the codex files' documentation links go to sections of this package's README that exist;
 *    CHANGELOG.md starts with this version;
 * 4. n8n's scanner, @n8n/scan-community-package's analyzePackage(), with both of the legs its CLI runs on a
 *    published package: the unpacked tarball (compiled .js and package.json) and the source the provenance
 *    statement points at (package.json and nodes/, credentials/ of this checkout). Its CLI needs the published
 *    package, its provenance and GitHub, so it cannot run before a release. Any finding fails, warnings included.
 *
 *   npm run build && npm run check:package      (checks the dist/ the last build made; .ci/run builds once, in npm test)
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { ESLint } from 'eslint';
import type { Linter } from 'eslint';

import { packProject } from './lib/n8n/package';

const ROOT = path.resolve(__dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
if (!fs.existsSync(path.join(ROOT, 'dist', 'nodes'))) {
	console.error('[package] no dist/: run npm run build first');
	process.exit(1);
}

/** What this script uses of @n8n/scan-community-package's scanner.mjs (an ES module without type declarations). */
interface Scanner {
	SOURCE_FILE_PATTERNS: string[];
	analyzePackage(
		packageDir: string,
		filePatterns: string[],
	): Promise<{ passed: boolean; message?: string; details?: string; error?: unknown }>;
	buildScanConfig(): Promise<Linter.Config[]>;
}

// TypeScript compiles import() to require() under "module": "commonjs"; the scanner is an ES module.
const importEsm = new Function('url', 'return import(url)') as (url: string) => Promise<unknown>;

const problems: string[] = [];
const log = (...args: unknown[]) => console.log('[package]', ...args);

/** Every file under dir, as paths relative to base with forward slashes. */
function walk(dir: string, base = dir): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		return entry.isDirectory() ? walk(full, base) : [path.relative(base, full).split(path.sep).join('/')];
	});
}

function checkFiles(files: string[]) {
	const top = new Set(['package/package.json', 'package/README.md', 'package/LICENSE']);
	const shipped = /^package\/dist\/(credentials|nodes|icons)\//;
	const devOnly = /(^|\/)(test|tests|__tests__|fixtures|standin|bench|scripts|examples)(\/|$)|\.test\.|\.tgz$/;
	for (const file of files) {
		if (!(top.has(file) || shipped.test(file)) || devOnly.test(file)) problems.push(`tarball holds ${file}`);
	}
	for (const file of top) if (!files.includes(file)) problems.push(`tarball lacks ${file}`);
	for (const entry of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) {
		if (!files.includes(`package/${entry}`)) problems.push(`tarball lacks ${entry}, named in package.json's n8n section`);
	}
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
const anchor = (heading: string) =>
	heading
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{N}\- ]/gu, '')
		.replace(/ /g, '-');

function checkMetadata(work: string, files: string[]) {
	const repo = String(pkg.repository?.url ?? '')
		.replace(/^git\+/, '')
		.replace(/\.git$/, '');
	if (!/^https:\/\/github\.com\/[^/]+\/[^/]+$/.test(repo))
		problems.push(`repository.url is not a GitHub repository: ${pkg.repository?.url}`);
	const expected = { homepage: `${repo}#readme`, 'bugs.url': `${repo}/issues`, 'author.url': repo };
	const actual = { homepage: pkg.homepage, 'bugs.url': pkg.bugs?.url, 'author.url': pkg.author?.url };
	for (const [field, value] of Object.entries(expected)) {
		if (actual[field as keyof typeof actual] !== value)
			problems.push(`${field} is ${actual[field as keyof typeof actual]}, expected ${value}`);
	}
	if (!pkg.author?.name || !pkg.author?.email) problems.push('author needs a name and an email');

	const readme = fs.readFileSync(path.join(work, 'package/README.md'), 'utf8');
	const anchors = new Set([...readme.matchAll(/^#{1,6} (.+)$/gm)].map((m) => anchor(m[1])));
	const links: Array<[string, string]> = [];
	for (const file of files.filter((f) => f.startsWith('package/dist/credentials/') && f.endsWith('.js'))) {
		const text = fs.readFileSync(path.join(work, file), 'utf8');
		for (const m of text.matchAll(/documentationUrl\s*=\s*['"]([^'"]*)['"]/g)) links.push([file, m[1]]);
	}
	for (const file of files.filter((f) => f.endsWith('.node.json'))) {
		const codex = JSON.parse(fs.readFileSync(path.join(work, file), 'utf8'));
		for (const list of Object.values<Array<{ url: string }>>(codex.resources ?? {}))
			for (const { url } of list) links.push([file, url]);
	}
	if (links.length === 0) problems.push('no documentation links found in the credential or the codex files');
	for (const [file, url] of links) {
		const [base, hash] = url.split('#');
		if (base !== repo || !hash || !anchors.has(hash)) problems.push(`${file}: ${url} is not a section of ${repo}'s README`);
	}
	log(`${links.length} documentation links: ${[...new Set(links.map(([, url]) => url))].join(', ')}`);

	const changelog = fs.readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8');
	const release = /^## (\S+)/m.exec(changelog)?.[1];
	if (release !== pkg.version) problems.push(`CHANGELOG.md starts with ${release}, package.json has ${pkg.version}`);
}

async function scan(scanner: Scanner, label: string, dir: string, patterns: string[], files: string[]) {
	const verdict = await scanner.analyzePackage(dir, patterns);
	// analyzePackage() fails on errors only; the same lint with its config counts warnings too.
	const eslint = new ESLint({
		cwd: dir,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: await scanner.buildScanConfig(),
	});
	const results = await eslint.lintFiles(files.map((file) => path.join(dir, file)));
	const errors = results.reduce((sum, r) => sum + r.errorCount, 0);
	const warnings = results.reduce((sum, r) => sum + r.warningCount, 0);
	const { details: _details, ...summary } = verdict; // the details are the findings, printed below
	log(
		`scanner, ${label} (${patterns.join(', ')}): ${JSON.stringify(summary)}; ${results.length} files, ${errors} errors, ${warnings} warnings`,
	);
	if (!verdict.passed || errors + warnings > 0) {
		problems.push(`scanner found problems in the ${label}`);
		console.log((await eslint.loadFormatter('stylish')).format(results));
	}
}

async function main() {
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hero-pack-'));
	try {
		const tarball = packProject(work);
		const filename = path.basename(tarball);
		execFileSync('tar', ['-xzf', tarball, '-C', work]);
		const packageDir = path.join(work, 'package');
		const files = walk(work)
			.filter((file) => file.startsWith('package/'))
			.sort();
		const size = fs.statSync(path.join(work, filename)).size;
		log(
			`${filename}: ${files.length} files, ${(size / 1024).toFixed(0)} KB; outside dist/: ${files.filter((f) => !f.startsWith('package/dist/')).join(', ')}`,
		);

		checkFiles(files);
		checkMetadata(work, files);
		const scanner = (await importEsm(
			pathToFileURL(require.resolve('@n8n/scan-community-package/scanner/scanner.mjs')).href,
		)) as Scanner;
		const tarballFiles = files
			.map((file) => file.slice('package/'.length))
			.filter((file) => file.endsWith('.js') || file === 'package.json');
		await scan(scanner, 'packed tarball', packageDir, ['**/*.js', 'package.json'], tarballFiles);
		const sourceFiles = [
			'package.json',
			...['nodes', 'credentials'].flatMap((dir) => walk(path.join(ROOT, dir)).map((f) => `${dir}/${f}`)),
		];
		await scan(
			scanner,
			'source',
			ROOT,
			scanner.SOURCE_FILE_PATTERNS,
			sourceFiles.filter((f) => /\.(js|ts|json)$/.test(f)),
		);
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
	if (problems.length > 0) {
		for (const problem of problems) console.error(`[package] ${problem}`);
		console.error(`[package] FAILED: ${problems.length} problem(s)`);
		process.exit(1);
	}
	log('OK: the tarball holds only what n8n needs, its metadata is complete, and the scanner found nothing');
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
