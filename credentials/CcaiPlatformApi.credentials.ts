import type { IAuthenticate, ICredentialType, INodeProperties } from 'n8n-workflow';

import { ccaiConnection } from '../nodes/CcaiPlatform/transport/connection';
import { processesSharingLimit } from '../nodes/shared/rateLimitShare';

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
			placeholder: 'e.g. acme',
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
			placeholder: 'e.g. eu1.ccaiplatform.com',
			displayOptions: { show: { domain: ['custom'] } },
			description: 'The domain after your subdomain, without https:// and without a path',
		},
		{
			displayName: 'Base URL Override',
			name: 'baseUrlOverride',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://contact.example.com/apps/api/v1',
			description:
				'Leave empty for CCAI Platform itself. For a private deployment, a proxy or the sandbox: the full API base URL, ending in /apps/api/v1 (the Manager API is then at the same address with /manager/api/v1). When set, it is used instead of Subdomain and Domain (the subdomain is still the default username).',
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			placeholder: 'e.g. ACME-COMPANY-KEY',
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
		processesSharingLimit,
	];

	/**
	 * HTTP Basic, with the username and password of `ccaiConnection`, the one derivation that the
	 * node's requests, its credential test and redaction share.
	 */
	authenticate: IAuthenticate = async (credentials, requestOptions) => {
		const { username, password } = ccaiConnection(credentials);
		return { ...requestOptions, auth: { username, password } };
	};

	// No `test` here: the CCAI Platform node tests this credential (testedBy, methods/credentialTest.ts),
	// so that the test derives the address and the username exactly as the runs do, and refuses
	// what they refuse.
}
