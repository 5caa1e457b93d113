/**
 * Runs a credential's test the way n8n's credentials tester does. A credential with its own `test`
 * request: the request's expressions are resolved with `$credentials`, the credential's
 * `authenticate` is applied, any 2xx answer is a success, and `responseCode` rules turn a given
 * status into their message. A credential tested by a node (`testedBy`): the node's
 * `methods.credentialTest` function, in n8n-core's own CredentialTestContext.
 * (The end-to-end tests call n8n's own endpoint; this keeps the unit tests fast.)
 */
import axios from 'axios';
import { CredentialTestContext } from 'n8n-core';
import type { ICredentialDataDecryptedObject, IHttpRequestOptions, INode } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { loaded, testAdditionalData, TestCredentialsHelper } from './n8n';

export const EXPRESSION_NODE: INode = {
	id: 'credential-test',
	name: 'Credential test',
	type: 'n8n-nodes-base.noOp',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/** A workflow that only serves to resolve credential expressions, as n8n's tester uses one. */
export function expressionWorkflow(): Workflow {
	return new Workflow({
		nodes: [EXPRESSION_NODE],
		connections: {},
		active: false,
		nodeTypes: {
			getByName: () => ({ description: { properties: [] } }) as never,
			getByNameAndVersion: () => ({ description: { properties: [] } }) as never,
			getKnownTypes: () => ({}),
		},
	});
}

/** Resolves one of a credential's expressions (e.g. its test's baseURL) with `$credentials`. */
export function resolveCredentialExpression(expression: string, credentials: ICredentialDataDecryptedObject): unknown {
	return expressionWorkflow().expression.getParameterValue(expression, null, 0, 0, EXPRESSION_NODE.name, [], 'internal', {
		$credentials: credentials,
	});
}

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
	/** What the service was sent, for assertions (a credential's own `test` only). */
	request?: IHttpRequestOptions;
}

/** The node function that tests credentials of `type` (`testedBy`), if a node declares one. */
function nodeSideTest(type: string) {
	for (const node of loaded.nodes.values()) {
		for (const reference of node.description.credentials ?? []) {
			if (reference.name !== type || typeof reference.testedBy !== 'string') continue;
			const test = node.methods?.credentialTest?.[reference.testedBy];
			if (!test) throw new Error(`${node.description.name} declares testedBy ${reference.testedBy} but has no such method`);
			return test;
		}
	}
	return undefined;
}

export async function testCredential(
	type: string,
	data: ICredentialDataDecryptedObject,
): Promise<CredentialTestResult> {
	const credentialType = loaded.credentials.get(type);
	const helper = new TestCredentialsHelper({ [type]: data });
	const credentials = await helper.getDecrypted({} as never, { id: null, name: '' }, type);
	// As n8n's tester: the credential's own test first, else a node's.
	const byNode = credentialType?.test ? undefined : nodeSideTest(type);
	if (byNode) {
		const context = new CredentialTestContext(testAdditionalData({}, 'http://127.0.0.1'));
		return await byNode.call(context, { id: 'credential-test', name: 'Credential test', type, data: credentials });
	}
	if (!credentialType?.test) throw new Error(`${type} has no test`);
	const resolve = (value: unknown) =>
		typeof value === 'string' && value.startsWith('=') ? resolveCredentialExpression(value, credentials) : value;

	const { request: testRequest, rules = [] } = credentialType.test;
	const request = await helper.authenticate(
		credentials,
		type,
		{
			method: testRequest.method ?? 'GET',
			baseURL: resolve(testRequest.baseURL) as string,
			url: resolve(testRequest.url) as string,
			body: testRequest.body,
			qs: testRequest.qs,
			headers: testRequest.headers,
		},
		expressionWorkflow(),
		EXPRESSION_NODE,
	);
	const response = await axios.request({
		method: request.method,
		baseURL: request.baseURL,
		url: request.url,
		params: request.qs,
		headers: request.headers as Record<string, string>,
		auth: request.auth,
		data: request.body,
		validateStatus: () => true,
	});
	if (response.status >= 200 && response.status < 300) {
		return { status: 'OK', message: 'Connection tested successfully', request };
	}
	for (const rule of rules) {
		if (rule.type === 'responseCode' && rule.properties.value === response.status) {
			return { status: 'Error', message: String(rule.properties.message), request };
		}
	}
	return { status: 'Error', message: `Request failed with status code ${response.status}`, request };
}
