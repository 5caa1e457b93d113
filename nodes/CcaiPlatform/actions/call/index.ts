import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';

export { create };

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
		],
		default: 'create',
	},
	...create.description,
];
