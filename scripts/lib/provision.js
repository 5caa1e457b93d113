// @ts-check
'use strict';

/**
 * What `npm start` puts into a running n8n, and what the end-to-end tests start from: the
 * credentials pointing at the sandbox (one per service, and for Callgoose one per kind of token:
 * Incident and Request), and the example workflows wired to them.
 */

const fs = require('fs');
const path = require('path');

const { PROJECT_ROOT } = require('./runtime');

const EXAMPLES_DIR = path.join(PROJECT_ROOT, 'examples');

/**
 * The sandbox credentials, by key: the credential type, or for a second credential of a type a
 * key of its own. An example's node picks a credential of its type by name, else the one keyed by
 * the type.
 * @param {{ baseUrls: Record<string, string> }} sandbox
 */
function sandboxCredentials(sandbox) {
	const { DEFAULT_TOKENS } = require('../../sandbox/callgoose');
	const { sandboxCredentialData } = require('../../sandbox/ccai');
	const { DEFAULT_KEYS, SITES } = require('../../sandbox/gosquared');
	/**
	 * `secret` names the field whose value the end-to-end tests replace to prove that a wrong
	 * secret fails n8n's credential test.
	 * @type {Record<string, { type: string, name: string, data: Record<string, unknown>, secret: string }>}
	 */
	const credentials = {
		callgooseApi: {
			type: 'callgooseApi',
			name: 'Callgoose (sandbox)',
			data: { baseUrl: sandbox.baseUrls.callgoose, apiToken: DEFAULT_TOKENS.global, authPlacement: 'header' },
			secret: 'apiToken',
		},
		// Callgoose's Request tokens run Automation Workflows; its Incident tokens (above) are refused there.
		callgooseRequestToken: {
			type: 'callgooseApi',
			name: 'Callgoose Request token (sandbox)',
			data: { baseUrl: sandbox.baseUrls.callgoose, apiToken: DEFAULT_TOKENS.request, authPlacement: 'header' },
			secret: 'apiToken',
		},
		ccaiPlatformApi: {
			type: 'ccaiPlatformApi',
			name: 'Google CCAI Platform (sandbox)',
			data: sandboxCredentialData(sandbox.baseUrls.ccai),
			secret: 'password',
		},
		goSquaredApi: {
			type: 'goSquaredApi',
			name: 'GoSquared (sandbox)',
			data: { apiKey: DEFAULT_KEYS.write, siteToken: SITES.main, apiUrl: sandbox.baseUrls.gosquared },
			secret: 'apiKey',
		},
	};
	return credentials;
}

/**
 * The example `npm start` activates: the whole chain (a traffic dip opens an incident and calls the
 * on-call agent; the call's end resolves it). `traffic-dip-incident-and-call.json`, the same chain
 * without its end, stays inactive beside it, so that one dip opens one incident and places one call.
 */
const ACTIVE_ON_START = ['traffic-dip-incident-call-resolve.json'];

/** The example workflows, as stored in examples/. */
function exampleWorkflows() {
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => ({ file, workflow: JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8')) }));
}

/**
 * Points every node's credential reference at a credential created in n8n: the one of its type
 * with the name the example gives, else the one keyed by the type.
 * @param {any} workflow
 * @param {Record<string, { id: string, name: string, type: string }>} byKey
 */
function wireCredentials(workflow, byKey) {
	const copy = structuredClone(workflow);
	for (const node of copy.nodes) {
		for (const [type, reference] of Object.entries(node.credentials ?? {})) {
			const named = Object.values(byKey).find(
				(candidate) => candidate.type === type && candidate.name === /** @type {{ name?: string }} */ (reference).name,
			);
			const credential = named ?? byKey[type];
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
	/** @type {Record<string, { id: string, name: string, type: string }>} */
	const credentials = {};
	for (const [key, { type, name, data }] of Object.entries(sandboxCredentials(sandbox))) {
		const saved = await client.upsertCredential({ name, type, data });
		credentials[key] = { id: saved.id, name: saved.name, type };
	}
	/** @type {Array<{ file: string, id: string, name: string, workflow: any, activeOnStart: boolean }>} */
	const workflows = [];
	for (const { file, workflow } of exampleWorkflows()) {
		const saved = await client.upsertWorkflow(wireCredentials(workflow, credentials));
		workflows.push({ file, id: saved.id, name: saved.name, workflow: saved, activeOnStart: ACTIVE_ON_START.includes(file) });
	}
	return { credentials, workflows };
}

module.exports = { provision, sandboxCredentials, exampleWorkflows, wireCredentials, ACTIVE_ON_START };
