// Where an install of one n8n line lives: outside the clone, in
// ${HERO_N8N_CACHE:-${XDG_CACHE_HOME:-~/.cache}/n8n-nodes-hero-health}/<key>, the key naming the n8n and Node versions,
// the platform and a hash of the line's host folder, so that every clone sharing the cache reuses a complete install.
// Node's own modules only: the CI workflow computes the same install key in shell (scripts/n8n-cache-dir.sh).

import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { N8N_LINE, NODE_VERSION, hostTemplateDir, n8nVersionOf } from './project';
import type { N8nLine } from './project';

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

/** PATH with Node 24's bin folder first. */
export const pathWithNode = (paths: InstallPaths) =>
	`${path.join(paths.nodeDir, 'bin')}${path.delimiter}${process.env.PATH || ''}`;
