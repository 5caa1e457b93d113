import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { MAIN_CONNECTION } from '../shared/connections';
import { requestOptionsProperty, retryOnFailNotice } from '../shared/descriptions';
import { batching, router } from './actions/router';
import { goSquaredApiTest } from './methods/credentialTest';
import { searchWebhooks, searchWebhookTriggers } from './methods/listSearch';
import * as webhook from './actions/webhook';
import * as webhookTrigger from './actions/webhookTrigger';

export class GoSquared implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'GoSquared',
		name: 'goSquared',
		icon: { light: 'file:goSquared.svg', dark: 'file:goSquared.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Manage GoSquared webhooks and the triggers that fire them',
		defaults: { name: 'GoSquared' },
		usableAsTool: true,
		inputs: [MAIN_CONNECTION],
		outputs: [MAIN_CONNECTION],
		credentials: [{ name: 'goSquaredApi', required: true, testedBy: 'goSquaredApiTest' }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Webhook',
						value: 'webhook',
						description: 'A URL GoSquared calls when one of its triggers fires',
					},
					{
						name: 'Webhook Trigger',
						value: 'webhookTrigger',
						description: 'The events attached to a webhook: chat messages, Smart Groups, traffic alerts',
					},
				],
				default: 'webhook',
				description: 'What to work with in GoSquared',
			},
			...webhook.description,
			...webhookTrigger.description,
			retryOnFailNotice,
			requestOptionsProperty({
				service: 'GoSquared',
				batching,
				concurrencyNote:
					'Items for the same webhook (the webhook, or its triggers) are always sent one after another, in input order; all other items are sent concurrently. Whatever the concurrency, the node keeps under GoSquared\'s limit of 750 requests a minute per user, waiting when it would exceed it.',
			}),
		],
	};

	methods = {
		credentialTest: { goSquaredApiTest },
		listSearch: { searchWebhooks, searchWebhookTriggers },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
