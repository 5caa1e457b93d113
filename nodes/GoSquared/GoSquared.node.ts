import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { MAIN_CONNECTION } from '../shared/connections';
import { requestOptionsProperty, retryOnFailNotice } from '../shared/descriptions';
import { batching, router } from './actions/router';
import { TRACKING_BATCHING } from './helpers/people';
import { goSquaredApiTest } from './methods/credentialTest';
import {
	searchChats,
	searchPeople,
	searchSites,
	searchSmartGroups,
	searchWebhooks,
	searchWebhookTriggers,
} from './methods/listSearch';
import * as chat from './actions/chat';
import * as event from './actions/event';
import * as person from './actions/person';
import * as smartGroup from './actions/smartGroup';
import * as transaction from './actions/transaction';
import * as webhook from './actions/webhook';
import * as webhookTrigger from './actions/webhookTrigger';

/** The Tracking API's operations (their own concurrency, see TRACKING_BATCHING). */
const TRACKING = { resource: ['event', 'transaction', 'person'], operation: ['track', 'identify'] };

export class GoSquared implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'GoSquared',
		name: 'goSquared',
		icon: { light: 'file:goSquared.svg', dark: 'file:goSquared.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Track events, people and transactions in GoSquared, find people and Smart Groups, read and archive live chats, and manage webhooks',
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
						name: 'Chat',
						value: 'chat',
						description: 'A Live Chat conversation with a person (GoSquared\'s Live Chat API is in beta)',
					},
					{
						name: 'Event',
						value: 'event',
						description: 'Something that happened, tracked for a person or for the site',
					},
					{
						name: 'Person',
						value: 'person',
						description: 'A profile in GoSquared People: identify, search, get',
					},
					{
						name: 'Smart Group',
						value: 'smartGroup',
						description: 'A saved filter of people in GoSquared People',
					},
					{
						name: 'Transaction',
						value: 'transaction',
						description: 'A purchase, for GoSquared Ecommerce and People',
					},
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
			...chat.description,
			...event.description,
			...person.description,
			...smartGroup.description,
			...transaction.description,
			...webhook.description,
			...webhookTrigger.description,
			retryOnFailNotice,
			{
				...requestOptionsProperty({
					service: 'GoSquared',
					batching: TRACKING_BATCHING,
					concurrencyNote:
						'Items for the same person (Identify) or Transaction ID always go one after another. The Tracking API has no rate limit, so there is no maximum.',
				}),
				displayOptions: { show: TRACKING },
			},
			{
				...requestOptionsProperty({
					service: 'GoSquared',
					batching,
					concurrencyNote:
						'Items for the same webhook or chat always go one after another. The node keeps under GoSquared\'s limit of 750 requests a minute.',
				}),
				displayOptions: { hide: { resource: ['event', 'transaction'], operation: ['identify'] } },
			},
		],
	};

	methods = {
		credentialTest: { goSquaredApiTest },
		listSearch: { searchChats, searchPeople, searchSites, searchSmartGroups, searchWebhooks, searchWebhookTriggers },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
