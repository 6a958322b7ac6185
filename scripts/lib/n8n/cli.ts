// n8n's CLI against an instance's user folder: any command, `execute` of a workflow, and the imports of
// credentials and workflows.

import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

import type { CredentialDocument, RunJson } from './json';
import type { N8nEnv } from './npm';
import type { InstallPaths } from './paths';

export interface CliResult {
	code: number | null;
	stdout: string;
	stderr: string;
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
