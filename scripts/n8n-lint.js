#!/usr/bin/env node
// @ts-check
'use strict';

/**
 * `npm run lint:n8n`: n8n's own `n8n-node lint` (from @n8n/node-cli), unmodified, in strict mode,
 * on what the package ships: package.json, nodes/ and credentials/.
 *
 * Strict mode (package.json `"n8n": { "strict": true }`) makes `n8n-node lint` compare
 * eslint.config.mjs with @n8n/node-cli's template (whitespace aside) and fail on any difference,
 * then run `eslint .` with that config. In this repository's root, `eslint .` also lints test/,
 * e2e/ and bench/, and the community-node rules, written for code that runs inside n8n, forbid what
 * tests must do there: import n8n-core, fs or axios (no-restricted-imports), read process.env and
 * use timers (no-restricted-globals), hold fake tokens (no-hardcoded-secrets). The config cannot
 * exclude them without failing strict mode, so this script runs `n8n-node lint` in a folder that
 * holds exactly the shipped sources, the same files n8n's scanner lints from a package's source
 * (its SOURCE_FILE_PATTERNS: package.json and {nodes,credentials}/**), with the repository's own
 * eslint.config.mjs, tsconfig.json and node_modules. No rule is changed or switched off.
 */

const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const { PROJECT_ROOT } = require('./lib/runtime');

const STAGE = path.join(PROJECT_ROOT, '.cache', 'n8n-lint');
const COPIED = ['package.json', 'eslint.config.mjs', 'tsconfig.json', 'nodes', 'credentials'];

fs.rmSync(STAGE, { recursive: true, force: true });
fs.mkdirSync(STAGE, { recursive: true });
for (const entry of COPIED) fs.cpSync(path.join(PROJECT_ROOT, entry), path.join(STAGE, entry), { recursive: true });
fs.symlinkSync(path.join(PROJECT_ROOT, 'node_modules'), path.join(STAGE, 'node_modules'), 'dir');

console.log(`n8n-node lint (strict) on ${COPIED.join(', ')}, staged in ${path.relative(PROJECT_ROOT, STAGE)}/`);
const result = spawnSync(path.join(PROJECT_ROOT, 'node_modules', '.bin', 'n8n-node'), ['lint'], {
	cwd: STAGE,
	stdio: 'inherit',
	env: { ...process.env, CI: 'true' },
});
if (result.error) throw result.error;
process.exit(result.status ?? 1);
