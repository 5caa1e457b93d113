import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as update from './update.operation';

export { get, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['customerFlag'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Read the verified customer, bad actor and repeat customer flags of a call',
				action: 'Get customer flags',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Set some or all of the customer flags of a call',
				action: 'Update customer flags',
			},
		],
		default: 'get',
	},
	...get.description,
	...update.description,
];
