/** `npm run bench`: benchmarks that print figures. They assert only that the work was done. */
const base = require('./jest.config');

module.exports = {
	...base,
	roots: ['<rootDir>/bench'],
	testMatch: ['**/*.bench.ts'],
	maxWorkers: 1,
	testTimeout: 600_000,
};
