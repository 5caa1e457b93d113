import type { INodeProperties } from 'n8n-workflow';

import * as archive from './archive.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getMessages from './getMessages.operation';

export { archive, get, getAll, getMessages };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['chat'] } },
		options: [
			{
				name: 'Archive',
				value: 'archive',
				description: 'Move a conversation out of the inbox (a new message from the person brings it back)',
				action: 'Archive a chat',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a conversation by its ID (the person\'s ID)',
				action: 'Get a chat',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the active conversations',
				action: 'Get many chats',
			},
			{
				name: 'Get Messages',
				value: 'getMessages',
				description: 'Get the messages and events of a conversation',
				action: 'Get messages of a chat',
			},
		],
		default: 'getAll',
	},
	...archive.description,
	...get.description,
	...getAll.description,
	...getMessages.description,
];
