import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { testCredential } from '../../shared/credentialTest';
import { serviceBaseUrl } from '../../shared/request';
import { isPlainObject } from '../../shared/validation';
import { withCallgooseToken } from '../transport/authentication';
import { callgooseService, REQUEST_PATH } from '../transport';

/**
 * The Callgoose credential's test. It must never page anyone, and Callgoose has no endpoint that
 * reads: /v1/process runs every event through the API filters, and its pages say that an event
 * without the title key still opens an incident ("Incident from unknown source") when a filter
 * matches; nothing documents that an empty event matches none. So the test never sends an event.
 * It posts a request that names no Automation Workflow to /v1/request, which Callgoose's pages say
 * must include `workflowId`: it can neither run a workflow nor open an incident. A Request token
 * passes (202, Callgoose's `{ id, created }`); Callgoose refuses every other token there (401),
 * an Incident token as well as a wrong one, and the test says that it cannot tell them apart.
 */
export async function callgooseApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	return await testCredential(this, callgooseService, credential.data ?? {}, (credentials) => {
		const url = `${serviceBaseUrl(callgooseService, credentials)}${REQUEST_PATH}`;
		const options = withCallgooseToken(credentials, { method: 'POST', url, body: {} });
		return {
			method: 'POST',
			url,
			qs: options.qs,
			headers: options.headers,
			body: {},
			isServiceAnswer: (body) => isPlainObject(body) && (typeof body.created === 'boolean' || typeof body.id === 'string'),
			expected: 'Callgoose\'s answer { "id", "created" }',
			messages: {
				401: 'Callgoose refused the token on /v1/request (401). An Incident token is always refused there, so this test cannot check one: it would have to send an event, and an event can open an incident and page someone. Your first Create or Resolve checks an Incident token (a wrong one fails with HTTP 401). A Request token was refused: copy it again from Callgoose → API Token.',
				404: 'Nothing answers at this Base URL (404). Use the API endpoint from Callgoose → API Token, e.g. https://sqibs.callgoose.com/sqibs-api.',
			},
		};
	});
}
