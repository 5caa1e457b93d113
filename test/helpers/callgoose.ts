import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { DEFAULT_TOKENS } from '../../sandbox/callgoose';
import type { Sandbox } from './sandbox';

export { DEFAULT_TOKENS as TOKENS };

export type TokenPlacement = 'header' | 'queryParameter';

/** A Callgoose credential pointing at the sandbox. */
export function callgooseCredentials(
	sandbox: { baseUrls: Pick<Sandbox['baseUrls'], 'callgoose'> },
	{
		token = DEFAULT_TOKENS.global,
		placement = 'header',
		baseUrl = sandbox.baseUrls.callgoose,
	}: { token?: string; placement?: TokenPlacement; baseUrl?: string } = {},
): Record<string, ICredentialDataDecryptedObject> {
	return { callgooseApi: { baseUrl, apiToken: token, authPlacement: placement } };
}

/** The token as the sandbox received it, by the way the credential sends it. */
export function receivedToken(request: { headers: Record<string, string>; query: Record<string, string> }) {
	return {
		header: request.headers.authorization,
		query: request.query.token,
	};
}
