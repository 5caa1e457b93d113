import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as resolve from './resolve.operation';

export { create, resolve };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['incident'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Send an event meant to trigger an incident',
				action: 'Create an incident',
			},
			{
				name: 'Resolve',
				value: 'resolve',
				description: 'Send an event meant to resolve active incidents',
				action: 'Resolve an incident',
			},
		],
		default: 'create',
	},
	...create.description,
	...resolve.description,
];
