import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { apiRequest, type ApiResponse, type ServiceDefinition } from '../shared/request';

/**
 * Callgoose SQIBS. Its rate limits are not published, so there is no client-side limit; a 429 is
 * still honoured (`Retry-After`) by the shared request layer.
 */
export const callgooseService: ServiceDefinition = {
	credentialType: 'callgooseApi',
	displayName: 'Callgoose',
	baseUrl: (credentials) => String(credentials.baseUrl ?? ''),
	secretFields: [{ name: 'apiToken', label: 'API Token' }],
	explainError(status, _message, spec) {
		if (status === 401 && spec.path === '/v1/request') {
			return {
				hint: 'Run Workflow needs a Global API token',
				description:
					'Callgoose accepts only Global tokens on /v1/request (its documentation also calls them Request tokens). Team and Service tokens are refused there with 401, even though they work for incidents. Put a Global token from Callgoose → API Token into this credential.',
			};
		}
		if (status === 401) {
			return {
				hint: 'the API token was refused',
				description:
					'Incident events accept Global, Team and Service tokens. Check that the token in the credential was copied whole from Callgoose → API Token and has not been deleted.',
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

export const PROCESS_PATH = '/v1/process';
export const REQUEST_PATH = '/v1/request';

/**
 * Both Callgoose endpoints are POSTs that can create something, so a request that may have
 * reached Callgoose (timeout, connection reset) is not sent again. A 500 is retried: Callgoose
 * documents it as "could not complete the request, please try again".
 */
export async function callgoosePost(
	context: IExecuteFunctions,
	itemIndex: number,
	path: typeof PROCESS_PATH | typeof REQUEST_PATH,
	body: IDataObject,
	qs?: IDataObject,
): Promise<ApiResponse<IDataObject | string>> {
	return await apiRequest<IDataObject | string>(context, callgooseService, {
		method: 'POST',
		path,
		body,
		qs,
		idempotent: false,
		retryServerErrors: true,
		itemIndex,
	});
}
