import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { MAIN_CONNECTION } from '../shared/connections';
import { requestOptionsProperty, retryOnFailNotice } from '../shared/descriptions';
import * as call from './actions/call';
import * as customerFlag from './actions/customerFlag';
import { batching, router } from './actions/router';
import { ccaiPlatformApiTest } from './methods/credentialTest';
import { searchCalls } from './methods/listSearch';

export class CcaiPlatform implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Google CCAI Platform',
		name: 'ccaiPlatform',
		icon: { light: 'file:ccaiPlatform.svg', dark: 'file:ccaiPlatform.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Create outbound, inbound and scheduled calls, follow them to their end, and read and set customer flags, in Google CCAI Platform (formerly UJET)',
		defaults: { name: 'Google CCAI Platform' },
		usableAsTool: true,
		inputs: [MAIN_CONNECTION],
		outputs: [MAIN_CONNECTION],
		credentials: [{ name: 'ccaiPlatformApi', required: true, testedBy: 'ccaiPlatformApiTest' }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Call',
						value: 'call',
						description: 'Voice calls between agents and customers: create them, and read what became of them',
					},
					{
						name: 'Customer Flag',
						value: 'customerFlag',
						description: 'The verified customer, bad actor and repeat customer flags of a call',
					},
				],
				default: 'call',
				description: 'What to work with in CCAI Platform',
			},
			...call.description,
			...customerFlag.description,
			retryOnFailNotice,
			requestOptionsProperty({
				service: 'CCAI Platform',
				batching,
				concurrencyNote:
					'Customer flag reads and updates for the same call are always sent one after another, in input order; all other items are sent concurrently. Whatever the concurrency, the node keeps to CCAI Platform\'s limit of 10 requests per second per account: the default of 10 keeps that limit busy, and more only adds requests waiting for their turn.',
			}),
		],
	};

	methods = {
		credentialTest: { ccaiPlatformApiTest },
		listSearch: { searchCalls },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
