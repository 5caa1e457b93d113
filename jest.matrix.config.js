/**
 * `npm run test:matrix`: the compatibility matrix (scripts/lib/compatibility.js), each n8n version
 * installed on first use. One leg after another, in band.
 */
const base = require('./jest.config');

module.exports = {
	...base,
	roots: ['<rootDir>/e2e'],
	testMatch: ['**/*.matrix.ts'],
	maxWorkers: 1,
	testTimeout: 120_000,
	slowTestThreshold: 120,
};
