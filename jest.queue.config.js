/**
 * Queue-mode suite (test/queue/*.queue.ts): n8n 2.x in queue mode (Postgres, Redis, a main, 2 workers and a
 * webhook processor behind a load balancer, from scripts/lib/cluster/) with this package installed as a
 * community package. Run by `npm test` after the e2e suite, or alone with `npm run test:queue`.
 * Set up like the e2e suite (one worker, files in name order), with its own files and hooks.
 * @type {import('jest').Config}
 */
module.exports = {
	...require('./jest.e2e.config'),
	testMatch: ['<rootDir>/test/queue/**/*.queue.ts'],
	globalSetup: '<rootDir>/test/queue/globalSetup.ts',
	globalTeardown: '<rootDir>/test/queue/globalTeardown.ts',
	testTimeout: 300000,
	// n8n's user folders (with package.json files) live there while the suite runs
	modulePathIgnorePatterns: ['<rootDir>/.n8n-e2e/'],
};
