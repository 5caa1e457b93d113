import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as identify from './identify.operation';
import * as search from './search.operation';

export { get, identify, search };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['person'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get a person\'s profile by their ID',
				action: 'Get a person',
			},
			{
				name: 'Identify',
				value: 'identify',
				description: 'Create or update a person\'s profile in People: set their properties, your own included',
				action: 'Identify a person',
			},
			{
				name: 'Search',
				value: 'search',
				description: 'Find people by a search text and GoSquared\'s filters',
				action: 'Search people',
			},
		],
		default: 'identify',
	},
	...get.description,
	...identify.description,
	...search.description,
];
