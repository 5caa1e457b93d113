import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { testCredential } from '../../shared/credentialTest';
import { serviceBaseUrl } from '../../shared/request';
import { isPlainObject } from '../../shared/validation';
import { withGoSquaredKeys } from '../transport/authentication';
import { goSquaredService, WEBHOOKS_PATH } from '../transport';

/**
 * The GoSquared credential's test, for the GoSquared node and the GoSquared Trigger: it lists the
 * site's webhooks, which changes nothing and needs the same access as the nodes. The address, the
 * keys and the rule for secrets are the runs' own.
 */
export async function goSquaredApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	return await testCredential(this, goSquaredService, credential.data ?? {}, (credentials) => {
		const options = withGoSquaredKeys(credentials, {
			method: 'GET',
			url: `${serviceBaseUrl(goSquaredService, credentials)}${WEBHOOKS_PATH}`,
		});
		return {
			method: 'GET',
			url: options.url,
			qs: options.qs,
			isServiceAnswer: (body) => isPlainObject(body) && Array.isArray(body.list),
			expected: 'GoSquared\'s { "list": [...] }',
			messages: {
				400: 'GoSquared says a parameter is missing (400). Fill in both the API Key and the Site Token.',
				401: 'GoSquared did not accept the API key (401). Copy it again from the API Access section of your GoSquared account settings.',
				403: 'The API key is not authorised for this site (403, GoSquared error 4001). Check that the Site Token belongs to a project the key may use, and that the key has the read_account and write_account scopes webhooks need.',
				404: 'Nothing answers at this API URL (404). Use https://api.gosquared.com unless you know you need another.',
			},
		};
	});
}
