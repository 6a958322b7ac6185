/**
 * Validates the GitHub Actions workflows, so that a broken workflow fails CI here rather than on the first push
 * or the first release:
 * - every .github/workflows/*.yml against GitHub's workflow schema, with @action-validator/core (the validator's
 *   WebAssembly build from the npm registry; it runs offline);
 * - every local `uses: ./...` names a file that exists (a reusable workflow: one with a workflow_call trigger);
 * - what issue 13 asks of the two workflows: ci.yml runs .ci/run on pushes and pull requests; publish.yml runs on
 *   v* tags, runs the CI first, and publishes with provenance from the only job with an OIDC token;
 * - ci.yml caches each folder scripts/lib/n8n/ installs an n8n line into (2.x and 1.x): the shell script it names
 *   those folders with (it runs before `npm ci`, so it cannot load TypeScript) prints the same folders as
 *   scripts/lib/n8n/paths.ts, and
 *   one cache step per line caches its folder.
 *
 *   npm run check:workflows
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { validateWorkflow, type ValidationError } from '@action-validator/core';
import { parse } from 'yaml';

import { installPaths } from './lib/n8n/paths';
import { N8N_HOSTS } from './lib/n8n/project';
import type { N8nLine } from './lib/n8n/project';

const ROOT = path.resolve(__dirname, '..');
const WORKFLOWS = path.join(ROOT, '.github', 'workflows');

type Job = {
	uses?: string;
	needs?: string | string[];
	permissions?: Record<string, string>;
	steps?: Array<{ run?: string; uses?: string; with?: Record<string, string> }>;
};
type Workflow = { on?: string | string[] | Record<string, { tags?: string[] } | null>; jobs?: Record<string, Job> };

/** The events a workflow's `on:` names, in any of its three forms. */
const triggers = (on: Workflow['on']) => (typeof on === 'string' ? [on] : Array.isArray(on) ? on : Object.keys(on ?? {}));

/** The innermost messages of a validation error (one_of/any_of errors nest the alternatives' errors). */
function leaves(error: ValidationError): string[] {
	const nested = 'states' in error ? (error.states ?? []).flatMap((state) => state.errors.flatMap(leaves)) : [];
	if (nested.length > 0) return nested;
	const where = 'location' in error && error.location ? `line ${error.location.line}` : ('path' in error && error.path) || '/';
	return [`${where}: ${error.title}${error.detail ? ` (${error.detail})` : ''}`];
}

const problems: string[] = [];
const fail = (file: string, message: string) => problems.push(`${file}: ${message}`);
const workflows: Record<string, Workflow> = {};

const files = fs
	.readdirSync(WORKFLOWS)
	.filter((name) => /\.ya?ml$/.test(name))
	.sort();
for (const file of files) {
	const text = fs.readFileSync(path.join(WORKFLOWS, file), 'utf8');
	const { errors } = validateWorkflow(text);
	for (const message of new Set(errors.flatMap(leaves))) fail(file, message);
	try {
		if (errors.length === 0) workflows[file] = parse(text); // stricter than the validator: a duplicate key fails
	} catch (error) {
		fail(file, error.message);
	}
}
for (const [file, workflow] of Object.entries(workflows)) {
	for (const [name, job] of Object.entries(workflow.jobs ?? {})) {
		for (const uses of [job.uses, ...(job.steps ?? []).map((step) => step.uses)]) {
			if (!uses?.startsWith('./')) continue;
			const called = path.relative(WORKFLOWS, path.join(ROOT, uses));
			if (!fs.existsSync(path.join(ROOT, uses))) fail(file, `job ${name}: ${uses} does not exist`);
			else if (job.uses === uses && workflows[called] && !triggers(workflows[called].on).includes('workflow_call'))
				fail(file, `job ${name}: ${uses} has no workflow_call trigger`);
		}
	}
	console.log(`[workflows] ${file}: valid (${Object.keys(workflow.jobs ?? {}).length} jobs)`);
}

const jobs = (file: string) => Object.values(workflows[file]?.jobs ?? {});
const runs = (file: string) => jobs(file).flatMap((job) => (job.steps ?? []).map((step) => step.run ?? ''));
const check = (file: string, ok: boolean, message: string) => {
	if (workflows[file] && !ok) fail(file, message);
};
for (const file of ['ci.yml', 'publish.yml']) if (!files.includes(file)) fail(file, 'missing');

const ci = triggers(workflows['ci.yml']?.on);
check(
	'ci.yml',
	['push', 'pull_request', 'workflow_call'].every((event) => ci.includes(event)),
	'must run on push, pull_request and workflow_call',
);
check(
	'ci.yml',
	runs('ci.yml').some((run) => /\.ci\/run\b/.test(run)),
	'no step runs .ci/run',
);
const CACHE_DIR_SCRIPT = 'scripts/n8n-cache-dir.sh';
const locate = runs('ci.yml').find((run) => run.includes(CACHE_DIR_SCRIPT));
check('ci.yml', !!locate, `no step names the n8n install folders with ${CACHE_DIR_SCRIPT}`);
const caches = jobs('ci.yml').flatMap((job) => (job.steps ?? []).filter((step) => step.uses?.startsWith('actions/cache@')));
for (const line of Object.keys(N8N_HOSTS) as N8nLine[]) {
	const dir = installPaths(line).dir;
	const shellDir = spawnSync('bash', [path.join(ROOT, CACHE_DIR_SCRIPT), line], { encoding: 'utf8' });
	check(
		'ci.yml',
		shellDir.status === 0 && shellDir.stdout.trim() === dir,
		`${CACHE_DIR_SCRIPT} ${line} prints ${JSON.stringify(shellDir.stdout.trim() || shellDir.stderr.trim())}, scripts/lib/n8n/paths.ts installs n8n ${line} into ${dir}`,
	);
	check('ci.yml', !!locate?.includes(line), `the step running ${CACHE_DIR_SCRIPT} does not name n8n ${line}`);
	const output = `steps.n8n.outputs.dir-${line.replace('.x', '')}`;
	check(
		'ci.yml',
		caches.some((step) => step.with?.path?.includes(output)),
		`no actions/cache step caches n8n ${line} (path: \${{ ${output} }})`,
	);
}

const publish = workflows['publish.yml'];
const publishOn = publish?.on;
const pushTags = publishOn && typeof publishOn === 'object' && !Array.isArray(publishOn) ? publishOn.push?.tags : undefined;
check('publish.yml', JSON.stringify(pushTags) === '["v*"]', 'must run on pushed v* tags only');
const publishers = jobs('publish.yml').filter((job) => (job.steps ?? []).some((step) => /\bnpm publish\b/.test(step.run ?? '')));
const oidc = jobs('publish.yml').filter((job) => job.permissions?.['id-token'] === 'write');
check(
	'publish.yml',
	publishers.length === 1 && oidc.length === 1 && oidc[0] === publishers[0],
	'exactly one job publishes, and only it has id-token: write',
);
check(
	'publish.yml',
	runs('publish.yml').some((run) => run.includes('npm publish --provenance --access public')),
	'must run npm publish --provenance --access public',
);
const called = jobs('publish.yml').find((job) => job.uses === './.github/workflows/ci.yml');
const needsOf = (job: Job | undefined) => [job?.needs ?? []].flat();
check(
	'publish.yml',
	!!called && Object.entries(publish?.jobs ?? {}).some(([name, job]) => job === called && needsOf(publishers[0]).includes(name)),
	'the publishing job must need the job that calls ci.yml',
);

if (problems.length > 0) {
	for (const problem of problems) console.error(`[workflows] ${problem}`);
	console.error(`[workflows] FAILED: ${problems.length} problem(s)`);
	process.exit(1);
}
console.log(`[workflows] ${files.length} workflow files valid`);
