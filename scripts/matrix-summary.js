#!/usr/bin/env node
// @ts-check
// Prints the compatibility matrix's result as a table, from the Jest JSON results of
// `npm run test:matrix` (one row per leg; a leg that did not run says so). Exit code 1 when a
// selected leg did not pass every check.
'use strict';
const fs = require('fs');

const { legName, selectedLegs } = require('./lib/compatibility');

const CHECKS = [
	['install', /manual install/],
	['exports', /n8n-workflow of this n8n/],
	['types', /lists every node type/],
	['tool types', /AI-tool variant/],
	['credential tests', /credential test passes/],
	['poll trigger', /CCAI Platform Trigger \(polling\) activates/],
	['traffic-dip chain', /traffic-dip chain/],
	['agent tool', /AI Agent's tool/],
	['redirect', /a redirect to another host/],
];

/** @type {Array<{ ancestorTitles: string[], title: string, status: string, duration?: number }>} */
let tests = [];
const file = process.argv[2];
try {
	const results = JSON.parse(fs.readFileSync(file ?? '', 'utf8'));
	tests = results.testResults.flatMap((/** @type {{ assertionResults: typeof tests }} */ suite) => suite.assertionResults);
} catch (error) {
	console.log(`compatibility matrix: no results (${error instanceof Error ? error.message : String(error)})`);
	process.exit(1);
}

const mark = (/** @type {string | undefined} */ status) => (status === 'passed' ? 'ok' : status === undefined ? '-' : status === 'failed' ? 'FAILED' : status);
const rows = [['n8n', 'Node', 'role', ...CHECKS.map(([name]) => String(name)), 'time', 'result']];
let allPassed = true;
for (const leg of selectedLegs()) {
	const mine = tests.filter((test) => test.ancestorTitles[0] === legName(leg));
	const statuses = CHECKS.map(([, pattern]) => mine.find((test) => /** @type {RegExp} */ (pattern).test(test.title))?.status);
	const passed = statuses.every((status) => status === 'passed');
	allPassed &&= passed;
	const seconds = mine.reduce((sum, test) => sum + (test.duration ?? 0), 0) / 1000;
	rows.push([leg.n8n, leg.node, leg.role, ...statuses.map(mark), `${Math.round(seconds)} s`, passed ? 'PASS' : mine.length ? 'FAIL' : 'NOT RUN']);
}
const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
console.log('Compatibility matrix (npm run test:matrix):');
for (const row of rows) console.log(`  ${row.map((cell, column) => cell.padEnd(widths[column])).join('  ')}`);
process.exit(allPassed ? 0 : 1);
