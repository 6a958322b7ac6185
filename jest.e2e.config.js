/**
 * End-to-end suite in real n8n (test/e2e/*.e2e.ts): n8n 2.x on Node 24, installed by scripts/lib/n8n/install.ts
 * into a cache outside the clone, with this package's `npm pack` loaded as a community package.
 * Run by `npm test` after the unit suites, or alone with `npm run test:e2e`.
 * @type {import('jest').Config}
 */
module.exports = {
	testEnvironment: 'node',
	testMatch: ['<rootDir>/test/e2e/**/*.e2e.ts'],
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
