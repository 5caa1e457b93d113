/**
 * Callgoose, Request → Run Workflow, and every outcome Callgoose answers with, by real workflow
 * executions against the sandbox: what reached the wire, and what the user got.
 *
 * `prepare (no server)`: the operation on its own, its prepare() and send() called directly with
 * a plain object of parameters and a recording Api (test/helpers/prepare.ts); no sandbox needed.
 */
import { NodeApiError } from 'n8n-workflow';

import { prepare } from '../../../nodes/Callgoose/actions/request/runWorkflow.operation';
import { callgooseService } from '../../../nodes/Callgoose/transport';
import { callgooseCredentials, TOKENS } from '../../helpers/callgoose';
import { runWorkflow, withParameters, workflowFile } from '../../helpers/n8n';
import { answer, itemParameters, RecordingApi, refusal, sendPrepared } from '../../helpers/prepare';
import { useSandbox } from '../../helpers/sandbox';

const sandbox = useSandbox();
const requests = () => sandbox.current.services.callgoose.requests;

describe('Request → Run Workflow', () => {
	test('posts the workflow id and its custom variables and outputs "created"', async () => {
		const result = await runWorkflow(workflowFile('callgoose-run-workflow.json'), {
			credentials: callgooseCredentials(sandbox.current, { token: TOKENS.request, placement: 'queryParameter' }),
			input: [{ workflowId: 'wf-restart-service', host: 'db-1', service: 'postgres' }],
		});
		const [request] = requests();
		expect(request.method).toBe('POST');
		expect(request.path).toBe('/v1/request');
		expect(request.query).toEqual({ token: TOKENS.request });
		expect(request.json).toEqual({ workflowId: 'wf-restart-service', host: 'db-1', service: 'postgres' });
		expect(result.output('Run Workflow')[0].json).toEqual({
			outcome: 'created',
			statusCode: 201,
			response: { id: expect.stringMatching(/^api-/), created: true },
		});
		expect(sandbox.current.services.callgoose.runs).toEqual([
			expect.objectContaining({ workflowId: 'wf-restart-service', variables: { host: 'db-1', service: 'postgres' } }),
		]);
	});

	test('takes the custom variables as JSON', async () => {
		const workflow = withParameters(workflowFile('callgoose-run-workflow.json'), 'Run Workflow', {
			variablesMode: 'json',
			variablesJson: '={{ JSON.stringify({ name: $json.name, email: $json.email }) }}',
		});
		const result = await runWorkflow(workflow, {
			credentials: callgooseCredentials(sandbox.current, { token: TOKENS.request }),
			input: [{ workflowId: 'wf-notify-customer', name: 'Ada', email: 'ada@example.com' }],
		});
		expect(requests()[0].json).toEqual({ workflowId: 'wf-notify-customer', name: 'Ada', email: 'ada@example.com' });
		expect(result.output('Run Workflow')[0].json).toMatchObject({ outcome: 'created' });
	});

	test('an unknown workflow comes out as "noMatch" (202)', async () => {
		const result = await runWorkflow(workflowFile('callgoose-run-workflow.json'), {
			credentials: callgooseCredentials(sandbox.current, { token: TOKENS.request }),
			input: [{ workflowId: 'wf-does-not-exist', host: 'x', service: 'y' }],
		});
		expect(result.output('Run Workflow')[0].json).toMatchObject({ outcome: 'noMatch', statusCode: 202 });
		expect(sandbox.current.services.callgoose.runs).toEqual([]);
	});

	test('an unknown workflow fails the item when "Fail If Nothing Matched" is on', async () => {
		const workflow = withParameters(workflowFile('callgoose-run-workflow.json'), 'Run Workflow', {
			options: { failIfNothingMatched: true },
		});
		const result = await runWorkflow(workflow, {
			credentials: callgooseCredentials(sandbox.current, { token: TOKENS.request }),
			input: [{ workflowId: 'wf-does-not-exist' }],
		});
		expect(result.error('Run Workflow')?.message).toBe(
			'Callgoose accepted the request but no Automation Workflow applied to it (HTTP 202)',
		);
	});

	test('a repeated request comes out as "duplicate" (208)', async () => {
		const input = [{ workflowId: 'wf-restart-service', host: 'db-1', service: 'postgres' }];
		const credentials = callgooseCredentials(sandbox.current, { token: TOKENS.request });
		await runWorkflow(workflowFile('callgoose-run-workflow.json'), { credentials, input });
		const again = await runWorkflow(workflowFile('callgoose-run-workflow.json'), { credentials, input });
		expect(again.output('Run Workflow')[0].json).toMatchObject({ outcome: 'duplicate', statusCode: 208 });
		expect(sandbox.current.services.callgoose.runs).toHaveLength(1);
	});
});

describe('prepare (no server)', () => {
	const item = {
		workflowId: ' wf-restart-service ',
		variablesMode: 'keyValue',
		variables: { pairs: [{ name: 'host', value: 'db-1' }, { name: 'service', value: 'postgres' }] },
	};

	test('posts the workflow id and its custom variables, unordered, never retried once sent; 201 is "created"', async () => {
		const prepared = prepare(itemParameters(item));
		expect(prepared.key).toBeUndefined();
		const body = { id: 'api-1', created: true };
		expect(await sendPrepared(prepared, callgooseService, answer(body, 201))).toEqual({
			output: { outcome: 'created', statusCode: 201, response: body },
			requests: [
				{
					method: 'POST',
					path: '/v1/request',
					body: { workflowId: 'wf-restart-service', host: 'db-1', service: 'postgres' },
					idempotent: false,
					retryServerErrors: true,
				},
			],
		});
	});

	test('custom variables as JSON; 202 is "noMatch", 208 "duplicate"', async () => {
		const prepared = prepare(itemParameters({ workflowId: 'wf-1', variablesMode: 'json', variablesJson: '{"name": "Ada"}' }));
		const noMatch = await sendPrepared(prepared, callgooseService, answer('', 202));
		expect(noMatch.requests.map((request) => request.body)).toEqual([{ workflowId: 'wf-1', name: 'Ada' }]);
		expect(noMatch.output).toEqual({ outcome: 'noMatch', statusCode: 202, response: '' });
		expect((await sendPrepared(prepared, callgooseService, answer({ created: false }, 208))).output).toEqual({
			outcome: 'duplicate',
			statusCode: 208,
			response: { created: false },
		});
	});

	test('with "Fail If Nothing Matched", a 202 fails the item with its status', async () => {
		const prepared = prepare(itemParameters({ ...item, options: { failIfNothingMatched: true } }, 3));
		const error = await prepared.send(new RecordingApi(callgooseService, answer('', 202), 3)).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error).toMatchObject({
			message: 'Callgoose accepted the request but no Automation Workflow applied to it (HTTP 202)',
			httpCode: '202',
			context: { itemIndex: 3 },
		});
	});

	test.each([
		['an empty Workflow ID', { ...item, workflowId: ' ' }, '"Workflow ID" is required (item 2)'],
		['a variable named workflowId', { ...item, variables: { pairs: [{ name: 'workflowId', value: 'other' }] } }, '"Custom Variables" contains "workflowId": give the workflow in Workflow ID, not as a custom variable (item 2)'],
		['variables as a JSON list', { ...item, variablesMode: 'json', variablesJson: '[1]' }, '"Custom Variables (JSON)" must be a JSON object, not a list (item 2)'],
		['an option that is not true or false', { ...item, options: { failIfNothingMatched: 'maybe' } }, '"Fail If Nothing Matched" must be true or false, not "maybe" (item 2)'],
	])('%s is the named-field error of its item', (_case, values, message) => {
		expect(refusal(() => prepare(itemParameters(values, 2)))).toEqual({ message, itemIndex: 2 });
	});
});
