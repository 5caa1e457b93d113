// Build steps tsc does not do: emptying dist/ first (so that a removed source file leaves no stale
// output behind), removing what `n8n-node build` copied from outside nodes/ and credentials/, then
// copying the node and credential icons and the codex (.node.json) files, and recording which
// sources the build is of (scripts/lib/build-stamp.js: the tests check it).
const fs = require('fs');
const { series, src, dest } = require('gulp');

const { writeStamp } = require('./scripts/lib/build-stamp');

async function clean() {
	await fs.promises.rm('dist', { recursive: true, force: true });
}

function copyAssets() {
	return src(['nodes/**/*.{svg,png}', 'nodes/**/*.node.json', 'credentials/**/*.{svg,png}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

/**
 * `n8n-node build` copies every .png and .svg of the project into dist/, wherever it lies
 * (outside dist/ and node_modules/): after an end-to-end run that includes artifacts/'s
 * screenshots, which `npm pack` would then ship. dist/ keeps only the build of nodes/ and
 * credentials/.
 */
async function prune() {
	const entries = await fs.promises.readdir('dist').catch(() => []);
	await Promise.all(
		entries
			.filter((entry) => !['nodes', 'credentials'].includes(entry))
			.map((entry) => fs.promises.rm(`dist/${entry}`, { recursive: true, force: true })),
	);
}

async function stamp() {
	writeStamp(__dirname);
}

exports.clean = clean;
exports['build:assets'] = series(prune, copyAssets, stamp);
