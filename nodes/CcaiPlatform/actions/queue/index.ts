import type { INodeProperties } from 'n8n-workflow';

import * as currentStatus from './currentStatus.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as sla from './sla.operation';

export { currentStatus, get, getAll, sla };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['queue'] } },
		options: [
			{
				name: 'Current Status',
				value: 'currentStatus',
				description: 'Read the queues that have callers or chats waiting now',
				action: 'Get the current status of queues',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Read one queue (menu) by its ID',
				action: 'Get a queue',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the queues (menus), by ID or as the tree callers walk through',
				action: 'Get many queues',
			},
			{
				name: 'SLA',
				value: 'sla',
				description: 'Read the service level of every queue path over the last given minutes',
				action: 'Get the SLA of queues',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
	...get.description,
	...currentStatus.description,
	...sla.description,
];
