#!/usr/bin/env node
// @ts-check
'use strict';

/**
 * `npm run readme:figures` (it builds first): the README's figures about the package, computed from
 * the real package and written between marker comments in README.md, e.g.
 *   <!-- figures:pack -->…<!-- /figures:pack -->
 * - pack: packed and unpacked size and file count, from `npm pack --dry-run --json` (of dist/, so
 *   it needs a build);
 * - node-types: the node type names, from the classes that package.json's `n8n` block lists in
 *   dist/ (n8n names a type `<package>.<description.name>`);
 * - type-counts: how many node and credential types that block lists.
 * The README itself is in the package, so writing the figures changes the sizes a little: the
 * script writes until the figures it computes are the ones in the file.
 * `--check` only compares, and exits 1 when the README differs (test/readme.figures.test.ts does
 * the same in `npm test`).
 */

const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const README = path.join(ROOT, 'README.md');
const FIX = 'npm run readme:figures';

/**
 * What the figures are made of, read from the built package in `root`.
 * @param {string} [root]
 */
function measure(root = ROOT) {
	const output = execFileSync('npm', ['pack', '--dry-run', '--json'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
	/** @type {[{ entryCount: number, size: number, unpackedSize: number }]} */
	const [{ entryCount, size, unpackedSize }] = JSON.parse(output);
	const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
	/** @param {string} file */
	const classes = (file) => {
		const full = path.join(root, file);
		if (!fs.existsSync(full)) throw new Error(`${file} (package.json's n8n block) is not built; run npm run build first`);
		return Object.values(require(full)).map((Class) => new Class());
	};
	/** @type {string[]} */
	const nodeTypes = pkg.n8n.nodes.flatMap((/** @type {string} */ file) => classes(file).map((node) => node.description.name));
	return { packageName: pkg.name, files: entryCount, packedBytes: size, unpackedBytes: unpackedSize, nodeTypes, credentialTypes: pkg.n8n.credentials.length };
}

const WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
const inWords = (/** @type {number} */ count) => WORDS[count] ?? String(count);
const kB = (/** @type {number} */ bytes) => `${Math.round(bytes / 1000)} kB`;
/** "a, b and c" */
const list = (/** @type {string[]} */ items) => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

/**
 * The text of each marked region.
 * @param {ReturnType<typeof measure>} figures
 * @returns {Record<string, string>}
 */
function render(figures) {
	const [first, ...rest] = figures.nodeTypes;
	return {
		pack: `about ${kB(figures.packedBytes)} packed, ${kB(figures.unpackedBytes)} unpacked, ${figures.files} files`,
		'node-types': `The node types are ${list([`\`${figures.packageName}.${first}\``, ...rest.map((name) => `\`.${name}\``)])}.`,
		'type-counts': `the ${inWords(figures.nodeTypes.length)} node types and the ${inWords(figures.credentialTypes)} credential types`,
	};
}

const region = (/** @type {string} */ name) => new RegExp(`(<!-- figures:${name} -->)([\\s\\S]*?)(<!-- /figures:${name} -->)`);

/**
 * The regions of `markdown` whose text differs from `regions`, with both texts.
 * @param {string} markdown
 * @param {Record<string, string>} regions
 */
function differences(markdown, regions) {
	return Object.entries(regions).flatMap(([name, expected]) => {
		const found = region(name).exec(markdown);
		if (!found) return [{ name, readme: '(no such region)', computed: expected }];
		return found[2] === expected ? [] : [{ name, readme: found[2], computed: expected }];
	});
}

/**
 * `markdown` with every region's text replaced.
 * @param {string} markdown
 * @param {Record<string, string>} regions
 */
function rewrite(markdown, regions) {
	let text = markdown;
	for (const [name, value] of Object.entries(regions)) {
		if (!region(name).test(text)) throw new Error(`README.md has no region <!-- figures:${name} -->…<!-- /figures:${name} -->`);
		text = text.replace(region(name), (_, open, _old, close) => `${open}${value}${close}`);
	}
	return text;
}

/**
 * What to tell the reader about stale regions, with the command that fixes them.
 * @param {ReturnType<typeof differences>} stale
 */
function staleMessage(stale) {
	const lines = stale.map(({ name, readme, computed }) => `figures:${name}\n  README:   ${readme}\n  computed: ${computed}`);
	return [`README.md's figures are out of date; \`${FIX}\` rewrites them.`, ...lines].join('\n');
}

function main() {
	if (process.argv.includes('--check')) {
		const stale = differences(fs.readFileSync(README, 'utf8'), render(measure()));
		if (stale.length) console.log(staleMessage(stale));
		process.exit(stale.length ? 1 : 0);
	}
	for (let pass = 1; pass <= 5; pass++) {
		const markdown = fs.readFileSync(README, 'utf8');
		const regions = render(measure());
		if (differences(markdown, regions).length === 0) {
			console.log(`README.md's figures are current:\n  ${Object.values(regions).join('\n  ')}`);
			return;
		}
		fs.writeFileSync(README, rewrite(markdown, regions));
	}
	throw new Error('the figures did not settle after 5 rewrites of README.md');
}

if (require.main === module) {
	try {
		main();
	} catch (error) {
		console.error(`readme-figures: ${error instanceof Error ? error.message : String(error)}`);
		process.exit(1);
	}
}

module.exports = { measure, render, differences, rewrite, staleMessage, FIX };
