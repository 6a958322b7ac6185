// This project and the n8n lines it runs on: where the clone is, the package's name, and the Node and n8n versions
// the installs pin. scripts/n8n-cache-dir.sh reads NODE_VERSION from this file with sed (it runs before `npm ci`),
// so NODE_VERSION stays a one-line string constant here.

import * as fs from 'fs';
import * as path from 'path';

export const PROJECT_ROOT = path.resolve(__dirname, '..', '..', '..');
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
/** The folder under scripts/ a line's package.json and lockfile come from. */
export const hostTemplateDir = (line: N8nLine) => path.join(__dirname, '..', '..', N8N_HOSTS[line]);

export interface PackageJson {
	name: string;
	dependencies?: Record<string, string>;
	n8n?: { nodes: string[]; credentials: string[] };
}

export const readPackageJson = (dir: string) =>
	JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as PackageJson;

export const n8nVersionOf = (line: N8nLine) => readPackageJson(hostTemplateDir(line)).dependencies!.n8n;
/** The n8n version of N8N_LINE. */
export const N8N_VERSION = n8nVersionOf(N8N_LINE);
export const PACKAGE_NAME = readPackageJson(PROJECT_ROOT).name;
