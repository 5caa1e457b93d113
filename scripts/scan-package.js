#!/usr/bin/env node
// @ts-check
'use strict';

/**
 * `npm run scan`: the analysis of n8n's community-package scanner (@n8n/scan-community-package,
 * the check n8n runs before it verifies a package) on the packed tarball of this checkout, with no
 * registry involved. (`npm run scan` builds first.)
 *
 * The scanner's command line (`npx @n8n/scan-community-package <name>`) downloads a published
 * version, checks its npm provenance, fetches the source commit the provenance names, then runs
 * `analyzePackage` twice: on that source (package.json, nodes/ and credentials/) and on the
 * unpacked tarball (compiled .js and package.json). This script runs the same two analyses with
 * the scanner's own `analyzePackage`, config and file patterns: on this checkout as the source,
 * and on the tarball `npm pack` makes of it. Provenance cannot be checked here: it exists only for
 * a version published from CI (see .github/workflows/publish.yml).
 */

const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const { packPackage } = require('./lib/n8n-instance');
const { PROJECT_ROOT } = require('./lib/runtime');

// The scanner ships as ES modules without type declarations; the shape used is declared below.
const SCANNER = '@n8n/scan-community-package/scanner/scanner.mjs';

async function main() {
	/** @type {{ analyzePackage: (dir: string, patterns?: string[]) => Promise<{ passed: boolean, message?: string, details?: string }>, SOURCE_FILE_PATTERNS: string[] }} */
	const scanner = await import(SCANNER);
	const { version } = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'node_modules', '@n8n', 'scan-community-package', 'package.json'), 'utf8'));
	const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-scan-'));
	try {
		const tarball = packPackage(scratch);
		const unpacked = path.join(scratch, 'package');
		fs.mkdirSync(unpacked);
		execFileSync('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1']);
		const legs = [
			{ what: `source (${scanner.SOURCE_FILE_PATTERNS.join(', ')})`, dir: PROJECT_ROOT, patterns: scanner.SOURCE_FILE_PATTERNS },
			{ what: `tarball ${path.basename(tarball)} (**/*.js, package.json)`, dir: unpacked, patterns: ['**/*.js', 'package.json'] },
		];
		console.log(`@n8n/scan-community-package ${version}, analysis only (no provenance: this tarball is not published)`);
		let passed = true;
		for (const leg of legs) {
			const result = await scanner.analyzePackage(leg.dir, leg.patterns);
			// The scanner passes an empty folder; here that would mean a broken pack or path.
			if (result.message === 'No files found to analyze') result.passed = false;
			passed &&= result.passed;
			console.log(`  ${result.passed ? 'passed' : 'FAILED'}: ${leg.what}${result.message ? ` - ${result.message}` : ''}`);
			if (result.details) console.log(result.details);
		}
		console.log(passed ? 'The scanner reports no findings.' : 'The scanner reports findings (above).');
		process.exitCode = passed ? 0 : 1;
	} finally {
		fs.rmSync(scratch, { recursive: true, force: true });
	}
}

main().catch((error) => {
	console.error(`scan failed: ${error instanceof Error ? error.stack : String(error)}`);
	process.exit(1);
});
