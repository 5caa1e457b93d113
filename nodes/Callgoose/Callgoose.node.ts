import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { MAIN_CONNECTION } from '../shared/connections';
import { requestOptionsProperty, retryOnFailNotice } from '../shared/descriptions';
import * as incident from './actions/incident';
import * as request from './actions/request';
import { batching, router } from './actions/router';
import { callgooseApiTest } from './methods/credentialTest';

export class Callgoose implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Callgoose SQIBS',
		name: 'callgoose',
		icon: { light: 'file:callgoose.svg', dark: 'file:callgoose.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Create and resolve incidents and run automation workflows in Callgoose SQIBS',
		defaults: { name: 'Callgoose SQIBS' },
		usableAsTool: true,
		inputs: [MAIN_CONNECTION],
		outputs: [MAIN_CONNECTION],
		credentials: [{ name: 'callgooseApi', required: true, testedBy: 'callgooseApiTest' }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Incident',
						value: 'incident',
						description: 'Events that your API filters turn into incidents, or resolve',
					},
					{
						name: 'Request',
						value: 'request',
						description: 'Requests that run Automation Workflows',
					},
				],
				default: 'incident',
				description: 'What to work with in Callgoose',
			},
			...incident.description,
			...request.description,
			retryOnFailNotice,
			requestOptionsProperty({
				service: 'Callgoose',
				batching,
				concurrencyNote:
					'Incident events with the same correlation value always go one after another, so a resolve never overtakes its create. Callgoose publishes no rate limit, so there is no maximum.',
			}),
		],
	};

	methods = {
		credentialTest: { callgooseApiTest },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
