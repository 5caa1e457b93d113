import type { INodeProperties } from 'n8n-workflow';

import * as add from './add.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as remove from './remove.operation';

export { add, get, getAll, remove };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['webhookTrigger'] } },
		options: [
			{
				name: 'Add',
				value: 'add',
				description: 'Attach a trigger to a webhook',
				action: 'Add a trigger to a webhook',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get one trigger of a webhook',
				action: 'Get a webhook trigger',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the triggers of a webhook',
				action: 'Get many webhook triggers',
			},
			{
				name: 'Remove',
				value: 'remove',
				description: 'Detach a trigger from a webhook',
				action: 'Remove a trigger from a webhook',
			},
		],
		default: 'add',
	},
	...add.description,
	...get.description,
	...getAll.description,
	...remove.description,
];
