import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getAll from './getAll.operation';

export { get, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['smartGroup'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get a Smart Group and its filters by its ID',
				action: 'Get a smart group',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the Smart Groups of the site',
				action: 'Get many smart groups',
			},
		],
		default: 'getAll',
	},
	...get.description,
	...getAll.description,
];
