// npm run n8n:install [-- --force]
// Installs Node 24 and n8n from the npm registry into the cache outside the clone (see scripts/lib/n8n/install.ts),
// or does nothing when a complete install is there. Prints where it is.

import { ensureN8n } from './lib/n8n/install';
import { installPaths, isComplete } from './lib/n8n/paths';

const force = process.argv.includes('--force');
const started = Date.now();
const cached = !force && isComplete(installPaths());
const paths = ensureN8n({ force });
console.log(
	`n8n ${paths.n8nVersion} on Node ${paths.nodeVersion}: ${paths.dir} (${cached ? 'cached' : 'installed'}, ${((Date.now() - started) / 1000).toFixed(1)} s)`,
);
