/**
 * One build for every test: the compiled package in dist/, the code n8n itself loads. The workflow
 * executions load it through package.json's `n8n` block; a test that imports `../nodes/...` or
 * `../credentials/...` from any depth (`../../../nodes/...` from test/<Service>/<resource>/), for
 * types, small units and an operation's prepare(), is mapped to the same compiled module, so that
 * no run ever mixes compiled and source copies of a module. The global setup rebuilds dist/ first
 * when the sources changed since the last build, so that `npx jest` after an edit tests the edit.
 * @type {import('jest').Config}
 */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.check.json' }],
	},
	moduleNameMapper: {
		'^(?:\\.\\./)+(nodes|credentials)/(.*)$': '<rootDir>/dist/$1/$2',
	},
	globalSetup: '<rootDir>/scripts/jest-build.js',
	testTimeout: 60_000,
	// Tests share one loopback sandbox per file; files run in parallel workers.
	maxWorkers: 2,
};
