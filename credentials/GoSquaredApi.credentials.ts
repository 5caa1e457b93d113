import type { IAuthenticate, ICredentialType, INodeProperties } from 'n8n-workflow';

import { withGoSquaredKeys } from '../nodes/GoSquared/transport/authentication';

import { processesSharingLimit } from '../nodes/shared/rateLimitShare';

export class GoSquaredApi implements ICredentialType {
	name = 'goSquaredApi';

	displayName = 'GoSquared API';

	documentationUrl =
		'https://github.com/n8n-nodes-callgoose-ccai-gosquared/n8n-nodes-callgoose-ccai-gosquared#gosquared-credential';

	icon = {
		light: 'file:../nodes/GoSquared/goSquared.svg',
		dark: 'file:../nodes/GoSquared/goSquared.dark.svg',
	} as const;

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'A key from the API Access section of your GoSquared account settings. Give it the write_account scope (to create and delete webhooks) and read_account (to read them); it must be allowed to use the site below.',
		},
		{
			displayName: 'Site Token',
			name: 'siteToken',
			type: 'string',
			// Not a secret (it is in the site's tracking code), but n8n's scanner masks every "token".
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: 'e.g. GSN-123456-A',
			description:
				'The token of the GoSquared project the webhooks belong to, shaped like GSN-123456-A. It is in Settings → Current Project → General, and in the tracking code on your site.',
		},
		{
			displayName: 'API URL',
			name: 'apiUrl',
			type: 'string',
			default: 'https://api.gosquared.com',
			required: true,
			description:
				'Leave the default unless you go through a proxy or test against a local stand-in. A trailing slash is fine.',
		},
		processesSharingLimit,
	];

	/**
	 * GoSquared reads both values from the query string only. The key therefore travels in every
	 * URL; the request layer removes it from errors, output and logs. See withGoSquaredKeys, which
	 * the credential test uses too.
	 */
	authenticate: IAuthenticate = async (credentials, requestOptions) => withGoSquaredKeys(credentials, requestOptions);

	// No `test` here: the GoSquared nodes test this credential (testedBy, methods/credentialTest.ts),
	// with the address and the rule for keys that the runs use.
}
