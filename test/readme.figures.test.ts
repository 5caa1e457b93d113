/**
 * The README's figures about the package (size, file count, node types) against the package as it
 * is now: `npm pack --dry-run` of the build that `npm test` made, and package.json's `n8n` block.
 * scripts/readme-figures.js computes them and writes them between `<!-- figures:… -->` markers;
 * these tests fail when the README says something else, so the figures cannot go stale again.
 */
import { readFileSync } from 'fs';
import path from 'path';

import { differences, FIX, measure, render, rewrite, staleMessage } from '../scripts/readme-figures';
import { ROOT } from './helpers/n8n';

const markdown = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const figures = measure(ROOT);
const regions = render(figures);

test(`the README's figures are the package's (when not: \`${FIX}\`)`, () => {
	const stale = differences(markdown, regions);
	if (stale.length > 0) throw new Error(staleMessage(stale));
});

test('the figures are measured, not assumed: every node type and file of the package counts', () => {
	const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	expect(figures.nodeTypes).toHaveLength(pkg.n8n.nodes.length);
	expect(figures.nodeTypes).toContain('ccaiPlatformTrigger');
	expect(figures.credentialTypes).toBe(pkg.n8n.credentials.length);
	// dist/ holds the listed classes and more; README.md, LICENSE and package.json come on top.
	expect(figures.files).toBeGreaterThan(pkg.n8n.nodes.length + pkg.n8n.credentials.length + 3);
	expect(figures.unpackedBytes).toBeGreaterThan(figures.packedBytes);
});

test('a stale figure in any marked region is reported, and a rewrite makes the README current', () => {
	const current = rewrite(markdown, regions);
	expect(differences(current, regions)).toEqual([]);
	const stale = current.replace(/(<!-- figures:pack -->about )\d+/, '$11').replace(/`\.ccaiPlatformTrigger`, /, '');
	expect(differences(stale, regions).map(({ name }) => name)).toEqual(['pack', 'node-types']);
	expect(differences(current.replace('<!-- /figures:type-counts -->', ''), regions).map(({ name }) => name)).toEqual(['type-counts']);
	expect(rewrite(stale, regions)).toBe(current);
});
