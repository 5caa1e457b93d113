import type { INodeProperties } from 'n8n-workflow';

import * as runWorkflow from './runWorkflow.operation';

export { runWorkflow };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['request'] } },
		options: [
			{
				name: 'Run Workflow',
				value: 'runWorkflow',
				description: 'Create a Request that runs an Automation Workflow',
				action: 'Run an automation workflow',
			},
		],
		default: 'runWorkflow',
	},
	...runWorkflow.description,
];
