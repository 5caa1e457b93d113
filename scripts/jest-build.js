// @ts-check
'use strict';

/**
 * Jest's global setup: the tests run the compiled package in dist/ (see jest.config.js), so it
 * must be the build of the current sources. `npm test` has just built it; after an edit, a plain
 * `npx jest` builds it here first.
 */

const { execFileSync } = require('child_process');
const path = require('path');

const { buildIsCurrent } = require('./lib/build-stamp');

module.exports = async function ensureBuild() {
	const root = path.resolve(__dirname, '..');
	if (buildIsCurrent(root)) return;
	process.stdout.write('\ndist/ is not the build of the current sources: running npm run build first\n');
	execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
	if (!buildIsCurrent(root)) throw new Error('npm run build did not leave a current build in dist/');
};
