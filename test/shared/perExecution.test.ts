/**
 * What the request layer reads once per execution rather than once per item, through real
 * executions: the credential, and the Timeout option unless it is an expression.
 */
import { callgooseCredentials, TOKENS } from '../helpers/callgoose';
import { runWorkflow, withParameters, workflowFile } from '../helpers/n8n';
import { useSandbox } from '../helpers/sandbox';

const sandbox = useSandbox();
const callgoose = () => sandbox.current.services.callgoose;

const inputs = (count: number) =>
	Array.from({ length: count }, (_, index) => ({ workflowId: 'wf-restart-service', host: `host-${index}`, service: 's' }));

test('the credential is read once per execution, and still authenticates every request', async () => {
	const result = await runWorkflow(workflowFile('callgoose-run-workflow.json'), {
		credentials: callgooseCredentials(sandbox.current, { token: TOKENS.request }),
		input: inputs(30),
	});
	expect(result.output('Run Workflow')).toHaveLength(30);
	expect(result.credentialReads).toEqual({ callgooseApi: 1 });
	expect(callgoose().requests.map((request) => request.headers.authorization)).toEqual(
		inputs(30).map(() => `Bearer ${TOKENS.request}`),
	);
});

test('a Timeout given as an expression is evaluated for each item', async () => {
	callgoose().latencyMs = 400;
	const workflow = withParameters(workflowFile('callgoose-run-workflow.json'), 'Run Workflow', {
		requestOptions: { timeout: '={{ $json.timeout }}' },
	});
	workflow.nodes[1].onError = 'continueRegularOutput';
	const input = [
		{ ...inputs(1)[0], timeout: 5000 },
		{ ...inputs(2)[1], timeout: 100 },
	];
	const result = await runWorkflow(workflow, { credentials: callgooseCredentials(sandbox.current, { token: TOKENS.request }), input });
	const output = result.output('Run Workflow');
	expect(output[0].json.outcome).toBe('created');
	expect(output[1].json.error).toBe('Callgoose did not answer within 100 ms (timeout)');
});
