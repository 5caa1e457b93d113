import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { hasOwn } from '../../../shared/objects';
import { invalidInput, jsonObjectParameter, keyValueParameter, textField } from '../../../shared/validation';
import { REQUEST_PATH, callgoosePost } from '../../transport';
import {
	failIfNothingMatchedParameter,
	outcomeItem,
	outcomeOptionsProperty,
	requestOutcome,
} from '../../helpers/outcome';

const workflowIdProperty: INodeProperties = {
	displayName: 'Workflow ID',
	name: 'workflowId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'ghty12hjfhjj',
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
			{ name: 'Using Fields Below', value: 'keyValue' },
			{ name: 'Using JSON', value: 'json' },
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
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const workflowId = textField(this, workflowIdProperty, itemIndex);
	const mode = this.getNodeParameter('variablesMode', itemIndex, 'keyValue') as string;
	const variables =
		mode === 'json'
			? jsonObjectParameter(this, 'variablesJson', 'Custom Variables (JSON)', itemIndex)
			: keyValueParameter(this, 'variables', 'Custom Variables', itemIndex);
	if (hasOwn(variables, 'workflowId')) {
		throw invalidInput(
			this,
			itemIndex,
			mode === 'json' ? 'Custom Variables (JSON)' : 'Custom Variables',
			'contains "workflowId"',
			'Set the workflow in the Workflow ID field; a custom variable of that name would replace it.',
		);
	}
	const failIfNothingMatched = failIfNothingMatchedParameter(this, itemIndex);
	const response = await callgoosePost(this, itemIndex, REQUEST_PATH, { workflowId, ...variables });
	return outcomeItem(this, itemIndex, response, requestOutcome(response.statusCode, response.body), {
		sent: 'request',
		failIfNothingMatched,
	});
}
