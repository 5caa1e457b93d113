/**
 * `npm run test:queue`: the package in n8n's queue mode (PostgreSQL, Redis, main, two workers, a
 * webhook processor), started by the tests from Debian's packages and the pinned n8n runtime.
 * In band: each file starts one stack and walks through it in order.
 */
const base = require('./jest.config');

module.exports = {
	...base,
	roots: ['<rootDir>/e2e/queue'],
	testMatch: ['**/*.e2e.ts'],
	maxWorkers: 1,
	testTimeout: 180_000,
	slowTestThreshold: 120,
};
