import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { MAIN_CONNECTION } from '../shared/connections';
import { eventsProperty, includeUnverifiedDescription } from './helpers/descriptions';
import { checkExists, create, remove } from './triggerNode/lifecycle';
import { goSquaredApiTest } from './methods/credentialTest';
import { receive } from './triggerNode/receive';

export class GoSquaredTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'GoSquared Trigger',
		name: 'goSquaredTrigger',
		icon: { light: 'file:goSquared.svg', dark: 'file:goSquared.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{"Events: " + (($parameter["events"] || {}).event || []).map(e => e.type).join(", ")}}',
		description:
			'Starts the workflow on GoSquared chat messages, Smart Group entries and exits, and traffic spikes and dips',
		defaults: { name: 'GoSquared Trigger' },
		inputs: [],
		outputs: [MAIN_CONNECTION],
		credentials: [{ name: 'goSquaredApi', required: true, testedBy: 'goSquaredApiTest' }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				// GoSquared reads only the status. Without this, n8n 2.41 answers the literal text
				// "firstEntryJson".
				responseData: 'noData',
				path: 'webhook',
			},
		],
		properties: [
			{
				displayName:
					'When the workflow is activated, n8n registers one webhook at GoSquared for this node, with a secret in its URL that every delivery must carry, and removes it when the workflow is deactivated',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			eventsProperty,
			{
				displayName: 'Include Unverified Visitors',
				name: 'includeUnverified',
				type: 'boolean',
				default: false,
				description: includeUnverifiedDescription,
			},
		],
	};

	methods = {
		credentialTest: { goSquaredApiTest },
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await checkExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await create.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await remove.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receive.call(this);
	}
}
