import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getAll.operation';
import * as updateStatus from './updateStatus.operation';

export { getAll, updateStatus };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['agent'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List agents with their status, filtered by ID, number, status or whether they are online',
				action: 'Get many agents',
			},
			{
				name: 'Update Status',
				value: 'updateStatus',
				description: 'Set the status of several agents, or of whole teams, at once, e.g. to Available',
				action: 'Update the status of agents',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
	...updateStatus.description,
];
