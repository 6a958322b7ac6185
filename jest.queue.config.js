/**
 * Queue-mode suite (test/queue/*.queue.ts): n8n 2.x in queue mode (Postgres, Redis, a main, 2 workers and a
 * webhook processor behind a load balancer, from scripts/lib/cluster.js) with this package installed as a
 * community package. Run by `npm test` after the e2e suite, or alone with `npm run test:queue`.
 * @type {import('jest').Config}
 */
module.exports = {
	testEnvironment: 'node',
	testMatch: ['<rootDir>/test/queue/**/*.queue.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', isolatedModules: true }] },
	globalSetup: '<rootDir>/test/queue/globalSetup.js',
	globalTeardown: '<rootDir>/test/queue/globalTeardown.js',
	maxWorkers: 1,
	verbose: true,
	testTimeout: 300000,
	testSequencer: '<rootDir>/test/e2e/sequencer.js',
	// n8n's user folders (with package.json files) live there while the suite runs
	modulePathIgnorePatterns: ['<rootDir>/.n8n-e2e/'],
};
