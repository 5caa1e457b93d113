/** `npm run bench`: benchmarks that print figures. They assert only that the work was done. */
const path = require('path');

const base = require('./jest.config');

module.exports = {
	...base,
	roots: ['<rootDir>/bench'],
	testMatch: ['**/*.bench.ts'],
	maxWorkers: 1,
	testTimeout: 600_000,
	// n8n's HTTP Request node, loaded from the n8n runtime, uses the same n8n-workflow as n8n-core
	// here, as it does inside n8n (its errors are then the ones n8n-core knows).
	moduleNameMapper: { '^n8n-workflow$': path.join(__dirname, 'node_modules', 'n8n-workflow') },
};
