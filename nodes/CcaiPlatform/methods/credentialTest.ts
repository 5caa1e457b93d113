import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { testCredential } from '../../shared/credentialTest';
import { ccaiConnection } from '../transport/connection';
import { ccaiService, MANAGER_CALLS_PATH } from '../transport';

/**
 * The CCAI Platform credential's test. The call API has no harmless read that answers 2xx, and a
 * test must never place a call. So it reads one call from the Manager API on the same host (GET
 * /manager/api/v1/calls?per=1), which takes the same Basic credentials and changes nothing: 200 for
 * a valid username and password, 401 for a wrong pair, 404 when nothing lives at the address.
 * Address and username come from `ccaiConnection`, as for the runs: a credential the runs would
 * refuse (a subdomain with a dot, an override not ending in /apps/api/v1) fails the test too.
 */
export async function ccaiPlatformApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	return await testCredential(this, ccaiService, credential.data ?? {}, (credentials) => {
		const connection = ccaiConnection(credentials);
		return {
			method: 'GET',
			url: `${connection.hostRoot}${MANAGER_CALLS_PATH}`,
			qs: { per: 1 },
			basic: connection,
			// The Manager API answers a bare JSON array of calls.
			isServiceAnswer: (body) => Array.isArray(body),
			expected: 'a list of calls',
			messages: {
				401: 'CCAI Platform refused the username and password (401). Check the API token (Settings → Developer Settings → API Credentials), and that Username is empty unless you use a legacy company key.',
				403: 'CCAI Platform accepted the credentials but refused to let them read calls (403). Check that the API credential is enabled and has access to the Manager API.',
				404: 'Nothing answers at this address (404). Check the subdomain and the domain (or the Base URL Override, which must end in /apps/api/v1).',
			},
		};
	});
}
