#!/usr/bin/env node
// `npm pack --dry-run` must list only dist/, README.md, LICENSE and package.json.
'use strict';
const { execFileSync } = require('child_process');

const output = execFileSync('npm', ['pack', '--dry-run', '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
/** @type {[{ files: Array<{ path: string }> }]} */
const [{ files }] = JSON.parse(output);
const unexpected = files.map((file) => file.path).filter((file) => !/^(dist\/|README\.md$|LICENSE$|package\.json$)/.test(file));
const required = ['README.md', 'LICENSE', 'package.json'];
const missing = required.filter((file) => !files.some((entry) => entry.path === file));
if (!files.some((entry) => entry.path.startsWith('dist/'))) missing.push('dist/');
console.log(`npm pack would publish ${files.length} files`);
if (unexpected.length || missing.length) {
	if (unexpected.length) console.log(`not allowed in the package: ${unexpected.join(', ')}`);
	if (missing.length) console.log(`missing from the package: ${missing.join(', ')}`);
	process.exit(1);
}
