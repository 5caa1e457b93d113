// @ts-check
'use strict';

/**
 * Whether dist/ is the build of the current sources. The build (gulpfile.js) writes a hash of
 * everything that goes into dist/; Jest's global setup compares it with the sources before any
 * test runs, and rebuilds when they differ, so that the tests never run a stale build.
 */

const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

/** What the build reads: the TypeScript sources, their assets, and the build's own configuration. */
const INPUT_DIRECTORIES = ['nodes', 'credentials'];
const INPUT_FILES = ['tsconfig.json', 'gulpfile.js', 'package.json'];
const STAMP = path.join('.cache', 'build-inputs.sha256');

/**
 * @param {string} directory
 * @returns {string[]}
 */
function filesUnder(directory) {
	if (!fs.existsSync(directory)) return [];
	return fs
		.readdirSync(directory, { withFileTypes: true })
		.flatMap((entry) => {
			const full = path.join(directory, entry.name);
			return entry.isDirectory() ? filesUnder(full) : [full];
		});
}

/**
 * A hash of the build's inputs: their paths and contents.
 * @param {string} root
 */
function inputsHash(root) {
	const hash = crypto.createHash('sha256');
	const files = [
		...INPUT_DIRECTORIES.flatMap((directory) => filesUnder(path.join(root, directory))),
		...INPUT_FILES.map((file) => path.join(root, file)).filter((file) => fs.existsSync(file)),
	].sort();
	for (const file of files) {
		hash.update(path.relative(root, file).split(path.sep).join('/'));
		hash.update('\0');
		hash.update(fs.readFileSync(file));
		hash.update('\0');
	}
	return hash.digest('hex');
}

/**
 * Records that dist/ was just built from the current sources.
 * @param {string} root
 */
function writeStamp(root) {
	fs.mkdirSync(path.join(root, '.cache'), { recursive: true });
	fs.writeFileSync(path.join(root, STAMP), `${inputsHash(root)}\n`);
}

/**
 * Whether dist/ holds every file package.json's `n8n` block lists, built from the current sources.
 * @param {string} root
 */
function buildIsCurrent(root) {
	const stampFile = path.join(root, STAMP);
	if (!fs.existsSync(stampFile)) return false;
	/** @type {{ n8n: { nodes: string[], credentials: string[] } }} */
	const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
	const listed = [...pkg.n8n.nodes, ...pkg.n8n.credentials];
	if (!listed.every((file) => fs.existsSync(path.join(root, file)))) return false;
	return fs.readFileSync(stampFile, 'utf8').trim() === inputsHash(root);
}

module.exports = { buildIsCurrent, inputsHash, writeStamp };
