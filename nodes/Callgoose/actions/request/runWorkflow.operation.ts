import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { Prepared } from '../../../shared/itemLoop';
import { hasOwn, type Parameters } from '../../../shared/validation';
import { failIfNothingMatchedParameter, outcomeItem, outcomeOptionsProperty, requestOutcome } from '../../helpers/outcome';
import { REQUEST_PATH, callgoosePost } from '../../transport';

const workflowIdProperty: INodeProperties = {
	displayName: 'Workflow ID',
	name: 'workflowId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. ghty12hjfhjj',
	description:
		'The Public ID of the Callgoose Automation Workflow to run. This operation needs a Request token in the credential (an Incident token is refused).',
};

const properties: INodeProperties[] = [
	workflowIdProperty,
	{
		displayName: 'Specify Custom Variables',
		name: 'variablesMode',
		type: 'options',
		options: [
			{ name: 'Using Fields Below', value: 'keyValue', description: 'One name and value per custom variable' },
			{ name: 'Using JSON', value: 'json', description: 'All the custom variables as one JSON object' },
		],
		default: 'keyValue',
		description: "How to give the values of the workflow's custom variables",
	},
	{
		displayName: 'Custom Variables',
		name: 'variables',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add variable',
		default: {},
		displayOptions: { show: { variablesMode: ['keyValue'] } },
		description: 'The custom variables defined in the Automation Workflow, by name',
		options: [
			{
				displayName: 'Variable',
				name: 'pairs',
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						description: 'The custom variable name, exactly as defined in the workflow',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						description: 'Its value',
					},
				],
			},
		],
	},
	{
		displayName: 'Custom Variables (JSON)',
		name: 'variablesJson',
		type: 'json',
		default: '{\n  "name": "John Doe",\n  "email": "john@example.com"\n}',
		displayOptions: { show: { variablesMode: ['json'] } },
		description: 'A JSON object of custom variable names and values',
	},
	outcomeOptionsProperty('request'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['request'], operation: ['runWorkflow'] } },
	properties,
);

/** Posts `{ workflowId, ...variables }` to /v1/request. */
export function prepare(item: Parameters): Prepared {
	const workflowId = item.text(workflowIdProperty);
	const json = item.value('variablesMode', 'keyValue') === 'json';
	const variables = json
		? item.jsonObject('variablesJson', 'Custom Variables (JSON)')
		: item.keyValues('variables', 'Custom Variables');
	if (hasOwn(variables, 'workflowId')) {
		throw item.fail(
			json ? 'Custom Variables (JSON)' : 'Custom Variables',
			'contains "workflowId": give the workflow in Workflow ID, not as a custom variable',
			'A custom variable of that name would replace the Workflow ID.',
		);
	}
	const failIfNothingMatched = failIfNothingMatchedParameter(item);
	return {
		async send(api) {
			const response = await callgoosePost(api, REQUEST_PATH, { workflowId, ...variables });
			return outcomeItem(api, response, requestOutcome(response.statusCode, response.body), {
				sent: 'request',
				failIfNothingMatched,
			});
		},
	};
}
