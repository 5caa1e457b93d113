import type { IAuthenticate, ICredentialType, INodeProperties } from 'n8n-workflow';

import { withCallgooseToken } from '../nodes/Callgoose/transport/authentication';

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
			placeholder: 'e.g. https://sqibs.callgoose.com/sqibs-api',
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
				'A token from Callgoose → API Token. Callgoose issues two kinds: an Incident token, for Incident → Create and Resolve (its scope, Global, Team or Service, decides whose API filters it checks), and a Request token, for Request → Run Workflow. Each is refused on the other\'s operations, so a workflow that does both needs one credential of each. The Test button never sends an event (an event can open an incident): it posts a request that names no workflow, which runs nothing, so it can confirm a Request token, and it says when the token may be an Incident token, which only a real Create or Resolve can check.',
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

	/** The token goes where Send Token As says: see withCallgooseToken, which the credential test uses too. */
	authenticate: IAuthenticate = async (credentials, requestOptions) => withCallgooseToken(credentials, requestOptions);

	// No `test` here: the Callgoose node tests this credential (testedBy, methods/credentialTest.ts),
	// with the runs' own address and token placement, and without ever sending an event.
}
