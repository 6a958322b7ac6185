/**
 * Process environment n8n-core needs before any of its services are created.
 *
 * n8n-core's `InstanceSettings` (built lazily through the DI container the first time a node
 * execution context is created) reads `N8N_USER_FOLDER` and `N8N_ENCRYPTION_KEY` and reads or
 * writes `<N8N_USER_FOLDER>/.n8n/config`. Without `N8N_USER_FOLDER` that is the user's home.
 *
 * Unless the caller chose a folder, this module uses `<os tmpdir>/n8n-nodes-hero-health-harness-<key hash>`
 * and writes its `.n8n/config` itself, atomically, before n8n-core looks at it, so parallel jest
 * workers never see a half-written file, and n8n-core only ever reads it. The folder is tiny and
 * reused from run to run, so nothing piles up and no exit hook is needed (jest's sandbox does not
 * reliably run them). Import this module before anything that can touch n8n-core's container.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const HARNESS_ENCRYPTION_KEY = 'hero-health-harness-test-key';

function setDefault(name: string, value: string): void {
	if (process.env[name] === undefined || process.env[name] === '') process.env[name] = value;
}

setDefault('N8N_ENCRYPTION_KEY', HARNESS_ENCRYPTION_KEY);
setDefault('N8N_DIAGNOSTICS_ENABLED', 'false');
setDefault('N8N_VERSION_NOTIFICATIONS_ENABLED', 'false');

if (!process.env.N8N_USER_FOLDER) {
	const key = process.env.N8N_ENCRYPTION_KEY as string;
	const hash = createHash('sha256').update(key).digest('hex').slice(0, 12);
	const folder = join(tmpdir(), `n8n-nodes-hero-health-harness-${hash}`);
	const n8nFolder = join(folder, '.n8n');
	const settingsFile = join(n8nFolder, 'config');
	if (!existsSync(settingsFile)) {
		mkdirSync(n8nFolder, { recursive: true, mode: 0o700 });
		const temporary = `${settingsFile}.${process.pid}.tmp`;
		writeFileSync(temporary, JSON.stringify({ encryptionKey: key }, null, '\t'), { mode: 0o600 });
		renameSync(temporary, settingsFile);
	}
	process.env.N8N_USER_FOLDER = folder;
}
