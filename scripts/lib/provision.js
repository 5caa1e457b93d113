// @ts-check
'use strict';

/**
 * What `npm start` puts into a running n8n, and what the end-to-end tests start from: one
 * credential per service pointing at the sandbox, and the example workflows wired to them.
 */

const fs = require('fs');
const path = require('path');

const { PROJECT_ROOT } = require('./runtime');

const EXAMPLES_DIR = path.join(PROJECT_ROOT, 'examples');

/**
 * The sandbox credentials, by credential type.
 * @param {{ baseUrls: Record<string, string> }} sandbox
 */
function sandboxCredentials(sandbox) {
	const { DEFAULT_TOKENS } = require('../../sandbox/callgoose');
	const { sandboxCredentialData } = require('../../sandbox/ccai');
	const { DEFAULT_KEYS, SITES } = require('../../sandbox/gosquared');
	/**
	 * `secret` names the field whose value the end-to-end tests replace to prove that a wrong
	 * secret fails n8n's credential test.
	 * @type {Record<string, { name: string, data: Record<string, unknown>, secret: string }>}
	 */
	const credentials = {
		callgooseApi: {
			name: 'Callgoose (sandbox)',
			data: { baseUrl: sandbox.baseUrls.callgoose, apiToken: DEFAULT_TOKENS.global, authPlacement: 'header' },
			secret: 'apiToken',
		},
		ccaiPlatformApi: {
			name: 'Google CCAI Platform (sandbox)',
			data: sandboxCredentialData(sandbox.baseUrls.ccai),
			secret: 'password',
		},
		goSquaredApi: {
			name: 'GoSquared (sandbox)',
			data: { apiKey: DEFAULT_KEYS.write, siteToken: SITES.main, apiUrl: sandbox.baseUrls.gosquared },
			secret: 'apiKey',
		},
	};
	return credentials;
}

/** The example workflows, as stored in examples/. */
function exampleWorkflows() {
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => ({ file, workflow: JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8')) }));
}

/**
 * Points every node's credential reference at the credential of that type created in n8n.
 * @param {any} workflow
 * @param {Record<string, { id: string, name: string }>} byType
 */
function wireCredentials(workflow, byType) {
	const copy = structuredClone(workflow);
	for (const node of copy.nodes) {
		for (const type of Object.keys(node.credentials ?? {})) {
			const credential = byType[type];
			if (!credential) throw new Error(`example "${copy.name}" uses a ${type} credential that is not provisioned`);
			node.credentials[type] = { id: credential.id, name: credential.name };
		}
	}
	return copy;
}

/**
 * Creates (or refreshes) the sandbox credentials and the example workflows.
 * @param {import('./n8n-client').N8nClient} client
 * @param {{ baseUrls: Record<string, string> }} sandbox
 */
async function provision(client, sandbox) {
	/** @type {Record<string, { id: string, name: string }>} */
	const credentials = {};
	for (const [type, { name, data }] of Object.entries(sandboxCredentials(sandbox))) {
		const saved = await client.upsertCredential({ name, type, data });
		credentials[type] = { id: saved.id, name: saved.name };
	}
	/** @type {Array<{ file: string, id: string, name: string, workflow: any, webhookTriggered: boolean }>} */
	const workflows = [];
	for (const { file, workflow } of exampleWorkflows()) {
		const saved = await client.upsertWorkflow(wireCredentials(workflow, credentials));
		const webhookTriggered = workflow.nodes.some((/** @type {{ webhookId?: string }} */ node) => node.webhookId !== undefined);
		workflows.push({ file, id: saved.id, name: saved.name, workflow: saved, webhookTriggered });
	}
	return { credentials, workflows };
}

module.exports = { provision, sandboxCredentials, exampleWorkflows, wireCredentials };
