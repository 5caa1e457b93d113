#!/usr/bin/env node
// What `npm pack` would publish: only dist/nodes/ and dist/credentials/ (no screenshot an
// end-to-end run left in artifacts/), README.md, LICENSE and package.json; no source maps or
// declaration files (n8n loads neither, and they were 42% of the unpacked package); a `main` only
// if it names a file the package contains. Prints the packed and unpacked size (README, "Installation").
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');

const output = execFileSync('npm', ['pack', '--dry-run', '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
/** @type {[{ files: Array<{ path: string, size: number }>, size: number, unpackedSize: number }]} */
const [{ files, size, unpackedSize }] = JSON.parse(output);
const paths = files.map((file) => file.path);
const problems = [];
const unexpected = paths.filter((file) => !/^(dist\/(nodes|credentials)\/|README\.md$|LICENSE$|package\.json$)/.test(file));
if (unexpected.length) problems.push(`not allowed in the package: ${unexpected.join(', ')}`);
const extras = paths.filter((file) => /\.(js\.map|d\.ts|d\.ts\.map)$/.test(file));
if (extras.length) problems.push(`source maps or declarations in the package: ${extras.slice(0, 5).join(', ')}${extras.length > 5 ? ` and ${extras.length - 5} more` : ''}`);
const missing = ['README.md', 'LICENSE', 'package.json'].filter((file) => !paths.includes(file));
if (!paths.some((file) => file.startsWith('dist/'))) missing.push('dist/');
if (missing.length) problems.push(`missing from the package: ${missing.join(', ')}`);
const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8'));
if (pkg.main !== undefined && !paths.includes(pkg.main.replace(/^\.\//, ''))) problems.push(`"main" names ${pkg.main}, which the package does not contain`);
for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) {
	if (!paths.includes(file)) problems.push(`package.json's n8n block names ${file}, which the package does not contain`);
}
console.log(`npm pack would publish ${files.length} files: ${(size / 1000).toFixed(1)} kB packed, ${(unpackedSize / 1000).toFixed(1)} kB unpacked`);
for (const problem of problems) console.log(problem);
process.exit(problems.length ? 1 : 0);
