/**
 * Process environment n8n-core needs before any of its services are created.
 *
 * n8n-core's `InstanceSettings` (built lazily through the DI container the first time a node
 * execution context is created) reads `N8N_USER_FOLDER` and `N8N_ENCRYPTION_KEY` and writes
 * `<N8N_USER_FOLDER>/.n8n/config`. Without `N8N_USER_FOLDER` that is the user's home, so this
 * module points it at a fresh temporary folder (removed when the process exits) unless the
 * caller already chose one. Import it before anything that can touch n8n-core's container.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const HARNESS_ENCRYPTION_KEY = 'hero-health-harness-test-key';

function setDefault(name: string, value: string): void {
	if (process.env[name] === undefined || process.env[name] === '') process.env[name] = value;
}

if (!process.env.N8N_USER_FOLDER) {
	const folder = mkdtempSync(join(tmpdir(), 'hero-harness-'));
	process.env.N8N_USER_FOLDER = folder;
	process.once('exit', () => {
		try {
			rmSync(folder, { recursive: true, force: true });
		} catch {
			// best effort
		}
	});
}
setDefault('N8N_ENCRYPTION_KEY', HARNESS_ENCRYPTION_KEY);
setDefault('N8N_DIAGNOSTICS_ENABLED', 'false');
setDefault('N8N_VERSION_NOTIFICATIONS_ENABLED', 'false');
