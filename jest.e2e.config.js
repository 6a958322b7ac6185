/**
 * End-to-end suite in real n8n (test/e2e/*.e2e.ts): n8n 2.x on Node 24, installed by scripts/lib/n8n/install.ts
 * into a cache outside the clone, with this package's `npm pack` loaded as a community package.
 * Run by `npm test` after the unit suites, or alone with `npm run test:e2e`.
 * @type {import('jest').Config}
 */
module.exports = {
	testEnvironment: 'node',
	testMatch: ['<rootDir>/test/e2e/**/*.e2e.ts'],
	// The practice automations are built for n8n 2.x (data tables, the AI Agent's tools, the public API's
	// workflow shape): on 1.x the suite checks the nodes, the examples 01 to 05 and the trigger only.
	testPathIgnorePatterns: process.env.HERO_N8N_LINE === '1.x' ? ['/node_modules/', '<rootDir>/test/e2e/automations/'] : ['/node_modules/'],
	// globalSetup and globalTeardown go through this transform too
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', isolatedModules: true }] },
	globalSetup: '<rootDir>/test/e2e/globalSetup.ts',
	globalTeardown: '<rootDir>/test/e2e/globalTeardown.ts',
	maxWorkers: 1,
	verbose: true,
	testTimeout: 120000,
	// the package-load check first: when the nodes do not load, its failure is the one to read
	testSequencer: '<rootDir>/jest.sequencer.js',
};
