import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/**
 * The host root (`https://{subdomain}.{domain}`) as an n8n expression, for the credential test.
 * A Base URL override wins; its `/apps/api/v1` ending is removed, so that the test can reach the
 * Manager API on the same host. Keep it in step with `ccaiBaseUrl` in the node's transport.ts.
 */
const HOST_ROOT =
	'={{ String($credentials.baseUrlOverride || "").trim()' +
	' ? String($credentials.baseUrlOverride).trim().replace(/\\/+$/, "").replace(/\\/apps\\/api\\/v1$/i, "")' +
	' : "https://" + String($credentials.subdomain || "").trim().toLowerCase() + "." +' +
	' ($credentials.domain === "custom" ? String($credentials.customDomain || "").trim().replace(/^https?:\\/\\//i, "").replace(/\\/+$/, "") : $credentials.domain) }}';

/** The Basic auth username: the Username field when set, else the subdomain (current tenants). */
const USERNAME =
	'={{ String($credentials.username || "").trim() || String($credentials.subdomain || "").trim() }}';

export class CcaiPlatformApi implements ICredentialType {
	name = 'ccaiPlatformApi';

	displayName = 'Google CCAI Platform API';

	documentationUrl =
		'https://github.com/n8n-nodes-callgoose-ccai-gosquared/n8n-nodes-callgoose-ccai-gosquared#google-ccai-platform-credential';

	icon = {
		light: 'file:../nodes/CcaiPlatform/ccaiPlatform.svg',
		dark: 'file:../nodes/CcaiPlatform/ccaiPlatform.dark.svg',
	} as const;

	properties: INodeProperties[] = [
		{
			displayName: 'Subdomain',
			name: 'subdomain',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'acme',
			description:
				'The first part of your CCAI Platform address: for https://acme.uc1.ccaiplatform.com it is "acme". It is also the username unless Username is set below.',
		},
		{
			displayName: 'Domain',
			name: 'domain',
			type: 'options',
			options: [
				{
					name: 'uc1.ccaiplatform.com',
					value: 'uc1.ccaiplatform.com',
					description: 'Current tenants in the US region',
				},
				{
					name: 'ca.ccaiplatform.com',
					value: 'ca.ccaiplatform.com',
					description: 'Current tenants in the Canada region',
				},
				{
					name: 'ujet.co',
					value: 'ujet.co',
					description: 'Older tenants, created before the rename from UJET',
				},
				{
					name: 'stg.ccaiplatform.com (Staging)',
					value: 'stg.ccaiplatform.com',
					description: 'Staging tenants',
				},
				{
					name: 'Custom',
					value: 'custom',
					description: 'Another domain, typed in below',
				},
			],
			default: 'uc1.ccaiplatform.com',
			description:
				'The rest of your CCAI Platform address, after the subdomain. The API is at https://{subdomain}.{domain}/apps/api/v1.',
		},
		{
			displayName: 'Custom Domain',
			name: 'customDomain',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'eu1.ccaiplatform.com',
			displayOptions: { show: { domain: ['custom'] } },
			description: 'The domain after your subdomain, without https:// and without a path',
		},
		{
			displayName: 'Base URL Override',
			name: 'baseUrlOverride',
			type: 'string',
			default: '',
			placeholder: 'https://contact.example.com/apps/api/v1',
			description:
				'Leave empty for CCAI Platform itself. For a private deployment, a proxy or the sandbox: the full API base URL, ending in /apps/api/v1. When set, it is used instead of Subdomain and Domain (the subdomain is still the default username).',
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			placeholder: 'Leave empty to use the subdomain',
			description:
				'Leave empty for current tenants: the subdomain is the username. Older tenants that still use a company key and company secret put the company key here.',
		},
		{
			displayName: 'Password (API Token or Company Secret)',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'An API credential token from CCAI Platform → Settings → Developer Settings → API Credentials; for older tenants, the company secret code that goes with the company key',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			auth: {
				username: USERNAME,
				password: '={{ $credentials.password }}',
			},
		},
	};

	/**
	 * The call API has no harmless read that answers 2xx, and a test must never place a call. So the
	 * test reads one call from the Manager API on the same host (GET /manager/api/v1/calls?per=1),
	 * which takes the same Basic credentials and changes nothing: 200 for a valid username and
	 * password, 401 for a wrong pair, 404 when nothing lives at the subdomain and domain.
	 */
	test: ICredentialTestRequest = {
		request: {
			baseURL: HOST_ROOT,
			url: '/manager/api/v1/calls',
			method: 'GET',
			qs: { per: 1 },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'CCAI Platform refused the username and password (401). Check the API token (Settings → Developer Settings → API Credentials), and that Username is empty unless you use a legacy company key.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'CCAI Platform accepted the credentials but refused to let them read calls (403). Check that the API credential is enabled and has access to the Manager API.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'Nothing answers at this address (404). Check the subdomain and the domain (or the Base URL Override, which must end in /apps/api/v1).',
				},
			},
		],
	};
}
