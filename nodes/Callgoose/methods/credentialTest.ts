import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { testCredential, type CredentialProbe } from '../../shared/credentialTest';
import { serviceBaseUrl } from '../../shared/request';
import { withCallgooseToken } from '../transport/authentication';
import { callgooseService, PROCESS_PATH, REQUEST_PATH } from '../transport';

const NOT_FOUND =
	'Nothing answers at this Base URL (404). Use the API endpoint from Callgoose → API Token, e.g. https://sqibs.callgoose.com/sqibs-api.';

/**
 * The Callgoose credential's test. Callgoose issues two kinds of API token, and a credential holds
 * one of either: an Incident token works on /v1/process, a Request token on /v1/request, and each
 * is refused (401) on the other. So the test posts an empty event to /v1/process, and after a 401
 * an empty request to /v1/request. Neither can do anything: an API filter only matches values
 * that payload keys contain, and a request without workflowId names no Automation Workflow; a
 * good token gets 202 ("nothing matched"), a bad one 401 from both.
 */
export async function callgooseApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	return await testCredential(this, callgooseService, credential.data ?? {}, (credentials) => {
		const baseUrl = serviceBaseUrl(callgooseService, credentials);
		const probe = (path: string, messages: CredentialProbe['messages']): CredentialProbe => {
			const options = withCallgooseToken(credentials, { method: 'POST', url: `${baseUrl}${path}`, body: {} });
			return { method: 'POST', url: options.url, qs: options.qs, headers: options.headers, body: {}, messages };
		};
		return [
			{ ...probe(PROCESS_PATH, { 404: NOT_FOUND }), tryNextOn: [401] },
			probe(REQUEST_PATH, {
				401: 'Callgoose refused the API token as an Incident token and as a Request token (401). Copy it again from Callgoose → API Token, and check it has not been deleted.',
				404: NOT_FOUND,
			}),
		];
	});
}
