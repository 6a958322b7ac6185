// This package, loaded the way users get it: `npm pack` of the built project, unpacked into
// <userFolder>/.n8n/nodes/node_modules/, where n8n looks for community packages (node types
// `n8n-nodes-hero-health.heroHealth`, ...).

import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { npmCommand, withoutNpmRunEnv } from './npm';
import { PACKAGE_NAME, PROJECT_ROOT, readPackageJson } from './project';

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
