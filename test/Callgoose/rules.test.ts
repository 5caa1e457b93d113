/**
 * Each rule has one home. A Callgoose text field is required exactly when the form says so (the
 * operation reads it by its declaration), and "Fail If Nothing Matched" is one option, read once
 * per item with the rules of a boolean, whatever operation carries it.
 */
import type { INodeProperties } from 'n8n-workflow';

import { callgooseCredentials, TOKENS } from '../helpers/callgoose';
import { loaded, runWorkflow, withParameters, workflowFile } from '../helpers/n8n';
import { useSandbox } from '../helpers/sandbox';

const sandbox = useSandbox();
const callgoose = () => sandbox.current.services.callgoose;
const node = [...loaded.nodes.values()].find((candidate) => candidate.description.name === 'callgoose')!;

/** The text fields the form shows for an incident operation in "Using Fields Below" mode. */
function textFieldsOf(operation: string): INodeProperties[] {
	return node.description.properties.filter((property) => {
		const show = property.displayOptions?.show ?? {};
		return (
			property.type === 'string' &&
			show.operation?.includes(operation) === true &&
			show.resource?.includes('incident') === true &&
			(show.payloadMode === undefined || show.payloadMode.includes('fields')) &&
			['title', 'incidentDescription', 'correlationValue', 'status'].includes(property.name)
		);
	});
}

const FILLED = { title: 'T', incidentDescription: 'D', correlationValue: 'c-1', status: 'firing' };

describe.each([
	['create', 'callgoose-create-incident.json', 'Create Incident'],
	['resolve', 'callgoose-resolve-incident.json', 'Resolve Incident'],
])('Incident → %s', (operation, file, nodeName) => {
	const fields = textFieldsOf(operation);

	test('shows the four text fields', () => {
		expect(fields.map((field) => field.name).sort()).toEqual(['correlationValue', 'incidentDescription', 'status', 'title']);
	});

	test.each(fields.map((field) => [field.displayName, field] as const))('"%s" left empty', async (_name, field) => {
		// From an expression: n8n itself refuses a required field that is literally empty.
		const workflow = withParameters(workflowFile(file), nodeName, { ...FILLED, [field.name]: '={{ "" }}' });
		const result = await runWorkflow(workflow, { credentials: callgooseCredentials(sandbox.current) });
		if (field.required) {
			expect(result.error(nodeName)?.message).toBe(`"${field.displayName}" is required (item 0)`);
			expect(callgoose().requests).toEqual([]);
		} else {
			expect(result.error(nodeName)).toBeUndefined();
			expect(callgoose().requests).toHaveLength(1);
		}
	});
});

test('"Fail If Nothing Matched" is the same option, with the same rules, on all three operations', async () => {
	const options = node.description.properties.filter((property) => property.name === 'options');
	expect(options.map((property) => property.displayOptions?.show?.operation)).toEqual([['create'], ['resolve'], ['runWorkflow']]);
	for (const property of options) {
		expect(property.options).toEqual([expect.objectContaining({ name: 'failIfNothingMatched', type: 'boolean', default: false })]);
	}
	const workflow = withParameters(workflowFile('callgoose-run-workflow.json'), 'Run Workflow', {
		options: { failIfNothingMatched: '={{ "false" }}' },
	});
	const result = await runWorkflow(workflow, {
		credentials: callgooseCredentials(sandbox.current, { token: TOKENS.request }),
		input: [{ workflowId: 'no-such-workflow' }],
	});
	expect(result.output('Run Workflow')[0].json).toMatchObject({ outcome: 'noMatch', statusCode: 202 });
});
