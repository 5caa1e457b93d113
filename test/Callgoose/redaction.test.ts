/**
 * The redaction proof for Callgoose: in both token modes, for a 401, a 500, a refused connection
 * and a timeout, the token never appears in the error (message, description, any property, its
 * causes), the execution data, the output items (continue on fail) or anything logged, even
 * though the sandbox echoes the URL and Authorization header it received in its error bodies.
 */
import { callgooseCredentials, type TokenPlacement } from '../helpers/callgoose';
import { runWorkflow, withParameters, workflowFile } from '../helpers/n8n';
import { captureOutput, everyString } from '../helpers/redaction';
import { useSandbox } from '../helpers/sandbox';

const sandbox = useSandbox();
const callgoose = () => sandbox.current.services.callgoose;

/** A token that the sandbox does not know: it answers 401 to it, and echoes it. */
const UNKNOWN_TOKEN = 'cg-leaky-5e1f0c3b9a7d4e2f8c6b1a0d9e8f7c6b';
const GLOBAL_TOKEN = 'cg-global-2f9c1b7e5d3a4c8e9f0a1b2c3d4e5f60';

type Scenario = 'a 401' | 'a 500' | 'a refused connection' | 'a timeout';

async function provoke(scenario: Scenario, placement: TokenPlacement, onError?: string) {
	callgoose().echoRequestInErrors = true;
	let token = GLOBAL_TOKEN;
	let baseUrl = sandbox.current.baseUrls.callgoose;
	let workflow = workflowFile('callgoose-create-incident.json');
	if (scenario === 'a 401') token = UNKNOWN_TOKEN;
	if (scenario === 'a 500') callgoose().addFault({ path: '/v1/process', status: 500, times: 100 });
	if (scenario === 'a refused connection') baseUrl = 'http://127.0.0.1:9/sqibs-api';
	if (scenario === 'a timeout') {
		callgoose().addFault({ path: '/v1/process', delayMs: 1000 });
		workflow = withParameters(workflow, 'Create Incident', { requestOptions: { timeout: 200 } });
	}
	if (onError) workflow.nodes[1].onError = onError as never;

	const output = captureOutput();
	let result;
	try {
		result = await runWorkflow(workflow, {
			credentials: callgooseCredentials(sandbox.current, { token, placement, baseUrl }),
			input: [{ title: 'T', alertId: 'a' }],
		});
	} finally {
		// Keep what was written even if the run throws.
		var written = output.stop();
	}
	return { result, token, written };
}

describe.each<TokenPlacement>(['header', 'queryParameter'])('token sent as %s', (placement) => {
	describe.each<Scenario>(['a 401', 'a 500', 'a refused connection', 'a timeout'])('%s', (scenario) => {
		test('the token is nowhere in the error, the execution data or the logs', async () => {
			const { result, token, written } = await provoke(scenario, placement);

			const error = result.error('Create Incident');
			expect(error).toBeDefined();
			expect(error?.name).toBe('NodeApiError');
			// The proof is meaningful: the token did reach the service, and came back in its answer.
			if (scenario !== 'a refused connection') {
				const received = callgoose().requests[0];
				const sent = placement === 'header' ? received.headers.authorization : received.query.token;
				expect(sent).toContain(token);
				if (scenario !== 'a timeout') expect(JSON.stringify(received.response)).toContain(token);
			}

			expect(everyString(error).filter((text) => text.includes(token))).toEqual([]);
			expect(everyString(result.run).filter((text) => text.includes(token))).toEqual([]);
			expect(JSON.stringify(result.run)).not.toContain(token);
			expect(written).not.toContain(token);
			expect(`${error?.message} ${error?.description}`).not.toContain(token);
		});

		test('with continue on fail, the error item does not carry the token either', async () => {
			const { result, token } = await provoke(scenario, placement, 'continueRegularOutput');
			const [item] = result.output('Create Incident');
			expect(item.json.error).toEqual(expect.any(String));
			expect(everyString(item).filter((text) => text.includes(token))).toEqual([]);
		});
	});
});

test('a token that a service echoes in a successful answer is hidden in the output', async () => {
	callgoose().addFault({
		path: '/v1/process',
		status: 201,
		body: { id: 'api-1', triggered: { created: true }, note: `processed for token ${GLOBAL_TOKEN}` },
	});
	const result = await runWorkflow(workflowFile('callgoose-create-incident.json'), {
		credentials: callgooseCredentials(sandbox.current, { placement: 'queryParameter' }),
		input: [{ title: 'T', alertId: 'a' }],
	});
	expect(result.output('Create Incident')[0].json).toMatchObject({
		outcome: 'created',
		response: { note: 'processed for token **hidden**' },
	});
	expect(JSON.stringify(result.run)).not.toContain(GLOBAL_TOKEN);
});
