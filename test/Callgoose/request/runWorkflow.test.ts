/**
 * Callgoose, Request → Run Workflow, and every outcome Callgoose answers with, by real workflow
 * executions against the sandbox: what reached the wire, and what the user got.
 */
import { callgooseCredentials, TOKENS } from '../../helpers/callgoose';
import { runWorkflow, withParameters, workflowFile } from '../../helpers/n8n';
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
