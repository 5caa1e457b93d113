#!/usr/bin/env node
// @ts-check
'use strict';

/**
 * `npm run release -- <patch|minor|major|x.y.z>`: cuts a release locally. Publishing is left to
 * .github/workflows/publish.yml, which publishes with npm provenance when the tag arrives.
 *
 *   1. refuses unless the working tree is clean, the branch is main, and CHANGELOG.md's
 *      [Unreleased] section has entries;
 *   2. runs the fast checks: lint, n8n's strict lint, typecheck, unit tests, the scanner, package
 *      contents (the end-to-end tests and the compatibility matrix run in the tag's CI);
 *   3. moves [Unreleased] under "## [x.y.z] - <today>" and updates the compare links;
 *   4. sets the version in package.json and package-lock.json, commits "Release x.y.z", tags x.y.z;
 *   5. prints the push command (`--push` runs it).
 *
 * `--dry-run` prints the new CHANGELOG section and changes nothing. `--verify-tag <tag>` (used by
 * the publish workflow) checks that a tag is package.json's version with a CHANGELOG section.
 */

const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const CHANGELOG = path.join(ROOT, 'CHANGELOG.md');
const SEMVER = /^(\d+)\.(\d+)\.(\d+)$/;

/**
 * The next version for a bump keyword or an explicit version, which must be higher.
 * @param {string} current
 * @param {string} requested
 */
function nextVersion(current, requested) {
	const [major, minor, patch] = (SEMVER.exec(current) ?? []).slice(1).map(Number);
	if (major === undefined) throw new Error(`package.json's version ${current} is not x.y.z`);
	const next =
		requested === 'major' ? `${major + 1}.0.0` : requested === 'minor' ? `${major}.${minor + 1}.0` : requested === 'patch' ? `${major}.${minor}.${patch + 1}` : requested;
	const parts = (SEMVER.exec(next) ?? []).slice(1).map(Number);
	if (parts.length !== 3) throw new Error(`"${requested}" is neither patch, minor, major nor a version x.y.z`);
	const higher = parts[0] - major || parts[1] - minor || parts[2] - patch;
	if (higher <= 0) throw new Error(`${next} is not higher than the current version ${current}`);
	return next;
}

/**
 * CHANGELOG.md with its [Unreleased] entries moved under the new version, a fresh empty
 * [Unreleased] above it, and the compare links at the bottom updated.
 * @param {string} text
 * @param {{ version: string, date: string, repositoryUrl: string }} release
 */
function releaseChangelog(text, { version, date, repositoryUrl }) {
	const heading = /^## \[Unreleased\][^\n]*\n/m.exec(text);
	if (!heading) throw new Error('CHANGELOG.md has no "## [Unreleased]" section');
	const start = heading.index + heading[0].length;
	const nextSection = text.slice(start).search(/^## \[/m);
	const end = nextSection === -1 ? text.search(/^\[Unreleased\]:/m) : start + nextSection;
	const body = text.slice(start, end === -1 ? undefined : end).trim();
	if (!/^\s*- /m.test(body)) throw new Error('CHANGELOG.md\'s [Unreleased] section has no entries: nothing to release');
	if (new RegExp(`^## \\[${version.replace(/\./g, '\\.')}\\]`, 'm').test(text)) throw new Error(`CHANGELOG.md already has a section for ${version}`);
	const previous = /^## \[(\d+\.\d+\.\d+)\]/m.exec(text.slice(start))?.[1];
	let result = `${text.slice(0, start)}\n## [${version}] - ${date}\n\n${body}\n\n${text.slice(end === -1 ? text.length : end)}`;
	const repo = repositoryUrl.replace(/^git\+/, '').replace(/\.git$/, '');
	const links = `[Unreleased]: ${repo}/compare/${version}...HEAD\n[${version}]: ${previous ? `${repo}/compare/${previous}...${version}` : `${repo}/releases/tag/${version}`}\n`;
	result = /^\[Unreleased\]:.*\n?/m.test(result) ? result.replace(/^\[Unreleased\]:.*\n?/m, links) : `${result.trimEnd()}\n\n${links}`;
	return result.replace(/\n{3,}/g, '\n\n');
}

/**
 * Why a tag cannot be released, or undefined when it can.
 * @param {string} tag
 * @param {string} version package.json's
 * @param {string} changelog
 */
function tagProblem(tag, version, changelog) {
	if (tag !== version) return `the tag ${tag} is not package.json's version ${version}`;
	if (!new RegExp(`^## \\[${version.replace(/\./g, '\\.')}\\] - \\d{4}-\\d{2}-\\d{2}`, 'm').test(changelog)) {
		return `CHANGELOG.md has no "## [${version}] - <date>" section`;
	}
	return undefined;
}

/** @param {string} command @param {string[]} args */
function run(command, args, { capture = false } = {}) {
	return execFileSync(command, args, { cwd: ROOT, encoding: 'utf8', stdio: capture ? ['ignore', 'pipe', 'inherit'] : 'inherit' });
}

function main() {
	const args = process.argv.slice(2);
	const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	const changelog = fs.readFileSync(CHANGELOG, 'utf8');

	const verifyIndex = args.indexOf('--verify-tag');
	if (verifyIndex !== -1) {
		const problem = tagProblem(String(args[verifyIndex + 1] ?? ''), pkg.version, changelog);
		if (problem) throw new Error(problem);
		console.log(`The tag ${pkg.version} is package.json's version, with a CHANGELOG.md section.`);
		return;
	}

	const requested = args.find((arg) => !arg.startsWith('--'));
	if (!requested) throw new Error('usage: npm run release -- <patch|minor|major|x.y.z> [--dry-run] [--push]');
	const version = nextVersion(pkg.version, requested);
	const date = new Date().toISOString().slice(0, 10);
	const updated = releaseChangelog(changelog, { version, date, repositoryUrl: pkg.repository.url });
	if (args.includes('--dry-run')) {
		console.log(`Would release ${version} (from ${pkg.version}). CHANGELOG.md would read:\n`);
		console.log(updated.slice(0, updated.indexOf('\n## [', updated.indexOf(`## [${version}]`) + 1)));
		return;
	}

	if (run('git', ['status', '--porcelain'], { capture: true }).trim()) throw new Error('the working tree has changes: commit or stash them first');
	const branch = run('git', ['rev-parse', '--abbrev-ref', 'HEAD'], { capture: true }).trim();
	if (branch !== 'main') throw new Error(`releases are cut from main, not ${branch}`);

	for (const script of ['lint', 'lint:n8n', 'typecheck', 'test', 'scan']) run('npm', ['run', script]);
	run('node', ['scripts/check-pack.js']);

	fs.writeFileSync(CHANGELOG, updated);
	run('npm', ['version', version, '--no-git-tag-version']);
	run('git', ['add', 'CHANGELOG.md', 'package.json', 'package-lock.json']);
	run('git', ['commit', '-m', `Release ${version}`]);
	run('git', ['tag', '-a', version, '-m', `Release ${version}`]);
	if (args.includes('--push')) run('git', ['push', '--follow-tags', 'origin', 'main']);
	else console.log(`\nTagged ${version}. Push it, and the Publish workflow publishes it with provenance:\n  git push --follow-tags origin main`);
}

if (require.main === module) {
	try {
		main();
	} catch (error) {
		console.error(`release: ${error instanceof Error ? error.message : String(error)}`);
		process.exit(1);
	}
}

module.exports = { nextVersion, releaseChangelog, tagProblem };
