import type {
	IAuthenticate,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class CallgooseApi implements ICredentialType {
	name = 'callgooseApi';

	displayName = 'Callgoose SQIBS API';

	documentationUrl =
		'https://github.com/n8n-nodes-callgoose-ccai-gosquared/n8n-nodes-callgoose-ccai-gosquared#callgoose-sqibs-credential';

	icon = {
		light: 'file:../nodes/Callgoose/callgoose.svg',
		dark: 'file:../nodes/Callgoose/callgoose.dark.svg',
	} as const;

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://sqibs.callgoose.com/sqibs-api',
			required: true,
			placeholder: 'https://sqibs.callgoose.com/sqibs-api',
			description:
				'The API base URL shown in Callgoose under Dashboard → API Token (without /v1/…). A trailing slash is fine.',
		},
		{
			displayName: 'API Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'A token from Callgoose → API Token. Incident operations accept Global, Team and Service tokens; Run Workflow accepts only a Global token.',
		},
		{
			displayName: 'Send Token As',
			name: 'authPlacement',
			type: 'options',
			options: [
				{
					name: 'Authorization Header (Bearer)',
					value: 'header',
					description: 'Authorization: Bearer <token>. Recommended.',
				},
				{
					name: 'Query Parameter (?token=)',
					value: 'queryParameter',
					description:
						'For proxies or gateways that cannot pass the header. The token is hidden from errors and output either way.',
				},
			],
			default: 'header',
			description: 'How the token travels to Callgoose; both are documented by Callgoose',
		},
	];

	authenticate: IAuthenticate = async (credentials, requestOptions) => {
		const token = String(credentials.apiToken ?? '');
		if (credentials.authPlacement === 'queryParameter') {
			return { ...requestOptions, qs: { ...requestOptions.qs, token } };
		}
		return {
			...requestOptions,
			headers: { ...requestOptions.headers, Authorization: `Bearer ${token}` },
		};
	};

	/**
	 * Posts an empty event to /v1/process. An API filter only matches values that a payload key
	 * contains, so an empty payload can match none: a good token gets 202 ("no filter matched")
	 * and nothing is created; a bad token gets 401.
	 */
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{String($credentials.baseUrl).trim().replace(/\\/+$/, "")}}',
			url: '/v1/process',
			method: 'POST',
			body: {},
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Callgoose refused the API token (401). Copy it again from Callgoose → API Token, and check it has not been deleted.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'Nothing answers at this Base URL (404). Use the API endpoint from Callgoose → API Token, e.g. https://sqibs.callgoose.com/sqibs-api.',
				},
			},
		],
	};
}
