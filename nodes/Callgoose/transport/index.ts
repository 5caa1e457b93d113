import type { IDataObject } from 'n8n-workflow';

import type { Api, ApiResponse, ServiceDefinition } from '../../shared/request';

export const PROCESS_PATH = '/v1/process';
export const REQUEST_PATH = '/v1/request';

const TWO_KINDS =
	'Callgoose issues two kinds of API token: an Incident token, for /v1/process (Incident → Create and Resolve), and a Request token, for /v1/request (Request → Run Workflow).';

/**
 * Callgoose SQIBS. Its rate limits are not published, so there is no client-side limit; a 429 is
 * still honoured (`Retry-After`) by the shared request layer.
 */
export const callgooseService: ServiceDefinition = {
	credentialType: 'callgooseApi',
	displayName: 'Callgoose',
	baseUrl: (credentials) => String(credentials.baseUrl ?? ''),
	secretFields: [{ name: 'apiToken', label: 'API Token' }],
	unexpectedAnswerHint: 'Check that the Base URL in the credential is the Callgoose API endpoint.',
	explainError(status, _message, spec) {
		if (status === 401 && spec.path === REQUEST_PATH) {
			return {
				hint: 'Run Workflow needs a valid Request token (an Incident token is refused here)',
				description: `${TWO_KINDS} Incident tokens are refused on /v1/request, whatever their scope: Callgoose's page says "Make sure you are using a Request token and not Incident token". Put a Request token from Callgoose → API Token into a credential of its own, for Run Workflow.`,
			};
		}
		if (status === 401) {
			return {
				hint: 'Create and Resolve need a valid Incident token (a Request token is refused here)',
				description: `${TWO_KINDS} Request tokens are refused on /v1/process: Callgoose's page says "Make sure you are using a Incident token and not Request token". Check that the credential holds an Incident token, copied whole from Callgoose → API Token, and not deleted; its scope (Global, Team or Service) decides whose API filters it checks.`,
			};
		}
		if (status >= 500) {
			return {
				description:
					'Callgoose reported a temporary error and did not complete the request; it was retried with backoff before giving up. Try again later.',
			};
		}
		return undefined;
	},
};

/**
 * Both Callgoose endpoints are POSTs that can create something, so a request that may have
 * reached Callgoose (timeout, connection reset) is not sent again. A 500 is retried: Callgoose
 * documents it as "could not complete the request, please try again".
 */
export async function callgoosePost(
	api: Api,
	path: typeof PROCESS_PATH | typeof REQUEST_PATH,
	body: IDataObject,
	qs?: IDataObject,
): Promise<ApiResponse<IDataObject | string>> {
	return await api.request<IDataObject | string>({
		method: 'POST',
		path,
		body,
		qs,
		idempotent: false,
		retryServerErrors: true,
	});
}
