/**
 * The tests load one build: the compiled package in dist/, which n8n loads too. A test that
 * imports `../nodes/...` gets the compiled module (jest.config.js maps it), the same instance the
 * workflow executions use; and Jest rebuilds dist/ first when the sources changed since the last
 * build, so that `npx jest` after an edit never runs stale code.
 */
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
