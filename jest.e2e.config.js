/**
 * `npm run test:e2e`: the package inside real n8n (the pinned runtime, installed on first use) and
 * a real browser. One test file, run in band: it starts one n8n and walks through it in order.
 */
const base = require('./jest.config');

module.exports = {
	...base,
	roots: ['<rootDir>/e2e'],
	testMatch: ['**/*.e2e.ts'],
	// The queue-mode suite has its own command (npm run test:queue).
	testPathIgnorePatterns: ['/node_modules/', '<rootDir>/e2e/queue/'],
	maxWorkers: 1,
	// The first run installs the n8n runtime (minutes); each step has its own bound below.
	testTimeout: 120_000,
	slowTestThreshold: 60,
};
