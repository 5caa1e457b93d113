// Build steps tsc does not do: emptying dist/ first (so that a removed source file leaves no stale
// output behind), then copying the node and credential icons and the codex (.node.json) files.
const fs = require('fs');
const { src, dest } = require('gulp');

async function clean() {
	await fs.promises.rm('dist', { recursive: true, force: true });
}

function copyAssets() {
	return src(['nodes/**/*.{svg,png}', 'nodes/**/*.node.json', 'credentials/**/*.{svg,png}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

exports.clean = clean;
exports['build:assets'] = copyAssets;
