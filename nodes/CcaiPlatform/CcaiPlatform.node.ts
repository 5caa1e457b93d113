import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { MAIN_CONNECTION } from '../shared/connections';
import { requestOptionsProperty, retryOnFailNotice } from '../shared/descriptions';
import * as agent from './actions/agent';
import * as call from './actions/call';
import * as customerFlag from './actions/customerFlag';
import * as queue from './actions/queue';
import { batching, router } from './actions/router';
import { ccaiPlatformApiTest } from './methods/credentialTest';
import { searchAgentStatuses, searchCalls, searchQueues } from './methods/listSearch';
import { getAgents, getAgentStatuses, getTeams } from './methods/loadOptions';

export class CcaiPlatform implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Google CCAI Platform',
		name: 'ccaiPlatform',
		icon: { light: 'file:ccaiPlatform.svg', dark: 'file:ccaiPlatform.dark.svg' },
		group: ['output'],
		// 1.1: Simplify on Call → Get and Get Many, on by default; nodes saved at 1 keep the whole call.
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Create and read contact-center calls, read and set customer flags, list agents and set their status, and read queues and their waiting callers and SLA, in Google CCAI Platform (formerly UJET)',
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
					{
						name: 'Agent',
						value: 'agent',
						description: 'The people who take calls and chats: who is online, in which status, and setting their status',
					},
					{
						name: 'Queue',
						value: 'queue',
						description: 'The queues callers wait in, which CCAI Platform calls menus: their list, who is waiting now, and their SLA',
					},
				],
				default: 'call',
				description: 'What to work with in CCAI Platform',
			},
			...call.description,
			...customerFlag.description,
			...agent.description,
			...queue.description,
			retryOnFailNotice,
			requestOptionsProperty({
				service: 'CCAI Platform',
				batching,
				concurrencyNote:
					'Customer flag reads and updates for the same call, and Agent → Update Status items, are always sent one after another, in input order; all other items are sent concurrently. Whatever the concurrency, the node keeps to CCAI Platform\'s limit of 10 requests per second per account: the default of 10 keeps that limit busy, and more only adds requests waiting for their turn.',
			}),
		],
	};

	methods = {
		credentialTest: { ccaiPlatformApiTest },
		listSearch: { searchCalls, searchAgentStatuses, searchQueues },
		loadOptions: { getAgents, getTeams, getAgentStatuses },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
