/**
 * The tests load one build: the compiled package in dist/, which n8n loads too. A test that
 * imports `../nodes/...` gets the compiled module (jest.config.js maps it), the same instance the
 * workflow executions use; and Jest rebuilds dist/ first when the sources changed since the last
 * build, so that `npx jest` after an edit never runs stale code.
 */
import { execFileSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';

import * as redaction from '../../nodes/shared/redaction';
import * as router from '../../nodes/shared/router';
import { buildIsCurrent, inputsHash } from '../../scripts/lib/build-stamp';
import { ROOT } from '../helpers/n8n';

test('a test that imports nodes/ gets the compiled module the workflow executions load', () => {
	expect(require.resolve('../../nodes/shared/redaction')).toBe(path.join(ROOT, 'dist/nodes/shared/redaction.js'));
	// From any depth: the per-operation tests import ../../../nodes/... (test/<Service>/<resource>/).
	expect(require.resolve('../../../nodes/shared/redaction')).toBe(path.join(ROOT, 'dist/nodes/shared/redaction.js'));
	expect(redaction).toBe(require(path.join(ROOT, 'dist/nodes/shared/redaction.js')));
	expect(router).toBe(require(path.join(ROOT, 'dist/nodes/shared/router.js')));
});

test('the build the tests run is the build of the current sources', () => {
	expect(buildIsCurrent(ROOT)).toBe(true);
	expect(inputsHash(ROOT)).toMatch(/^[0-9a-f]{64}$/);
});

test('the build ships only nodes/ and credentials/, even with images elsewhere in the project (an end-to-end run leaves screenshots in artifacts/)', () => {
	// A copy of what the build reads, beside a screenshot: `n8n-node build` copies every .png it finds.
	const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'build-'));
	try {
		for (const entry of ['nodes', 'credentials', 'scripts', 'package.json', 'tsconfig.json', 'gulpfile.js']) {
			fs.cpSync(path.join(ROOT, entry), path.join(copy, entry), { recursive: true });
		}
		fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'));
		fs.mkdirSync(path.join(copy, 'artifacts/e2e'), { recursive: true });
		fs.copyFileSync(path.join(ROOT, 'nodes/Callgoose/callgoose.svg'), path.join(copy, 'artifacts/e2e/screenshot.svg'));
		execFileSync('npm', ['run', 'build'], { cwd: copy, stdio: 'ignore' });
		expect(fs.readdirSync(path.join(copy, 'dist')).sort()).toEqual(['credentials', 'nodes']);
		expect(fs.existsSync(path.join(copy, 'dist/nodes/Callgoose/Callgoose.node.js'))).toBe(true);
		expect(fs.existsSync(path.join(copy, 'dist/nodes/Callgoose/callgoose.svg'))).toBe(true);
	} finally {
		fs.rmSync(copy, { recursive: true, force: true });
	}
}, 120_000);
