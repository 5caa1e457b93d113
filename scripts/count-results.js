#!/usr/bin/env node
// Prints "N passed, N failed" from Jest JSON result files. A missing or unreadable file counts as one
// failure, so that a crashed test run can never look green.
'use strict';
const fs = require('fs');

let passed = 0;
let failed = 0;
const files = process.argv.slice(2);
if (files.length === 0) failed += 1;
for (const file of files) {
	try {
		/** @type {{ numPassedTests: number, numFailedTests: number, testResults: Array<{ status: string, assertionResults: Array<{ status: string }> }> }} */
		const results = JSON.parse(fs.readFileSync(file, 'utf8'));
		passed += results.numPassedTests;
		failed += results.numFailedTests;
		// A suite that failed to run (syntax error, crash) has no failed tests but is still a failure.
		failed += results.testResults.filter((suite) => suite.status === 'failed' && suite.assertionResults.every((test) => test.status !== 'failed')).length;
	} catch {
		failed += 1;
	}
}
console.log(`${passed} passed, ${failed} failed`);
