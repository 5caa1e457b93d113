import type { INodeProperties } from 'n8n-workflow';

import * as track from './track.operation';

export { track };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['transaction'] } },
		options: [
			{
				name: 'Track',
				value: 'track',
				description: 'Record a purchase, with its items, for GoSquared Ecommerce and People',
				action: 'Track a transaction',
			},
		],
		default: 'track',
	},
	...track.description,
];
