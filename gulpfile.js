// Build steps tsc does not do: emptying dist/ first (so that a removed source file leaves no stale
// output behind), then copying the node and credential icons and the codex (.node.json) files, and
// recording which sources the build is of (scripts/lib/build-stamp.js: the tests check it).
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

async function stamp() {
	writeStamp(__dirname);
}

exports.clean = clean;
exports['build:assets'] = series(copyAssets, stamp);
