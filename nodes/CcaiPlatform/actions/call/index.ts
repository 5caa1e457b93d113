import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export { create, get, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['call'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Place an outbound call, queue an inbound call, or schedule a call',
				action: 'Create a call',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Read a call: its status, what became of it, times and durations (Manager API)',
				action: 'Get a call',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List calls, newest first, with time and status filters (Manager API)',
				action: 'Get many calls',
			},
		],
		default: 'create',
	},
	...create.description,
	...get.description,
	...getAll.description,
];
