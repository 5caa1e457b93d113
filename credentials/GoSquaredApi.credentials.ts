import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

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
			placeholder: 'GSN-123456-A',
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
	];

	/**
	 * GoSquared reads both values from the query string only. The key therefore travels in every
	 * URL; the request layer removes it from errors, output and logs.
	 */
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			qs: {
				api_key: '={{String($credentials.apiKey).trim()}}',
				site_token: '={{String($credentials.siteToken).trim()}}',
			},
		},
	};

	/** Lists the site's webhooks: harmless, and it needs exactly the access the nodes need. */
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{String($credentials.apiUrl).trim().replace(/\\/+$/, "")}}',
			url: '/account/v1/webhooks',
			method: 'GET',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 400,
					message:
						'GoSquared says a parameter is missing (400). Fill in both the API Key and the Site Token.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'GoSquared did not accept the API key (401). Copy it again from the API Access section of your GoSquared account settings.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'The API key is not authorised for this site (403, GoSquared error 4001). Check that the Site Token belongs to a project the key may use, and that the key has the read_account and write_account scopes webhooks need.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'Nothing answers at this API URL (404). Use https://api.gosquared.com unless you know you need another.',
				},
			},
		],
	};
}
