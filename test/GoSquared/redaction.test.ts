/**
 * The redaction proof for GoSquared, whose API key travels in every URL (`?api_key=`): for a 4001,
 * a 500, a refused connection and a timeout, the key never appears in the error (message,
 * description, any property, its causes), the execution data, the output items (continue on
 * fail) or anything logged, even though the sandbox echoes the URL it received in its error
 * bodies. The same holds for the trigger's activation.
 */
import { goSquaredCredentials } from '../helpers/gosquared';
import { runWorkflow, withParameters, workflowFile } from '../helpers/n8n';
import { captureOutput, everyString } from '../helpers/redaction';
import { useSandbox } from '../helpers/sandbox';
import { TriggerHarness } from '../helpers/trigger';

const sandbox = useSandbox();
const gosquared = () => sandbox.current.services.gosquared;

/** A key the sandbox does not know: it answers 4001 to it, and echoes the URL carrying it. */
const UNKNOWN_KEY = 'gs-key-leaky-5e1f0c3b9a7d4e2f8c6b1a0d9e8f7c6b';
const WRITE_KEY = 'gs-key-write-7c1e4b9a2f6d48e3b05a9c7d1e2f3a4b';

type Scenario = 'a 4001' | 'a 500' | 'a refused connection' | 'a timeout';
const SCENARIOS: Scenario[] = ['a 4001', 'a 500', 'a refused connection', 'a timeout'];

function setUp(scenario: Scenario) {
	gosquared().echoRequestInErrors = true;
	let apiKey = WRITE_KEY;
	let apiUrl = sandbox.current.baseUrls.gosquared;
	if (scenario === 'a 4001') apiKey = UNKNOWN_KEY;
	if (scenario === 'a 500') gosquared().addFault({ path: '/account/v1/webhooks*', status: 500, times: 100 });
	if (scenario === 'a refused connection') apiUrl = 'http://127.0.0.1:9/gosquared';
	if (scenario === 'a timeout') gosquared().addFault({ path: '/account/v1/webhooks*', delayMs: 1000, times: 100 });
	return { apiKey, credentials: goSquaredCredentials(sandbox.current, { apiKey, apiUrl }) };
}

/** The key did reach GoSquared, and came back in its answer: the proof is not vacuous. */
function expectKeyWasExposed(scenario: Scenario, apiKey: string) {
	if (scenario === 'a refused connection') return;
	const [received] = gosquared().requests;
	expect(received.query.api_key).toBe(apiKey);
	if (scenario !== 'a timeout') expect(JSON.stringify(received.response)).toContain(apiKey);
}

describe.each(SCENARIOS)('the GoSquared node, after %s', (scenario) => {
	async function provoke(onError?: string) {
		const { apiKey, credentials } = setUp(scenario);
		let workflow = workflowFile('gosquared-webhook-get-many.json');
		if (scenario === 'a timeout') workflow = withParameters(workflow, 'Get Webhooks', { requestOptions: { timeout: 200 } });
		if (onError) workflow.nodes[1].onError = onError as never;
		const output = captureOutput();
		let result;
		try {
			result = await runWorkflow(workflow, { credentials });
		} finally {
			// Keep what was written even if the run throws.
			var written = output.stop();
		}
		return { result, apiKey, written };
	}

	test('the key is nowhere in the error, the execution data or the logs', async () => {
		const { result, apiKey, written } = await provoke();
		const error = result.error('Get Webhooks');
		expect(error?.name).toBe('NodeApiError');
		expectKeyWasExposed(scenario, apiKey);

		expect(everyString(error).filter((text) => text.includes(apiKey))).toEqual([]);
		expect(everyString(result.run).filter((text) => text.includes(apiKey))).toEqual([]);
		expect(JSON.stringify(result.run)).not.toContain(apiKey);
		expect(written).not.toContain(apiKey);
	});

	test('with continue on fail, the error item does not carry the key either', async () => {
		const { result, apiKey } = await provoke('continueRegularOutput');
		const [item] = result.output('Get Webhooks');
		expect(item.json.error).toEqual(expect.any(String));
		expect(everyString(item).filter((text) => text.includes(apiKey))).toEqual([]);
	});
});

// The answers that echo the key. (A refused connection and a timeout produce the same errors as
// for the node above, from the same request layer; a timeout would take the hooks' 30 s.)
describe.each<Scenario>(['a 4001', 'a 500'])('the GoSquared Trigger\'s activation, after %s', (scenario) => {
	test('the key is nowhere in the activation error or the logs', async () => {
		const { apiKey, credentials } = setUp(scenario);
		const harness = new TriggerHarness({
			workflow: workflowFile('gosquared-trigger.json'),
			credentials,
			publicBaseUrl: 'https://n8n.example.com',
		});
		const output = captureOutput();
		let error: unknown;
		try {
			await harness.activate();
		} catch (caught) {
			error = caught;
		} finally {
			var written = output.stop();
		}
		expect(error).toBeDefined();
		expectKeyWasExposed(scenario, apiKey);
		expect(everyString(error).filter((text) => text.includes(apiKey))).toEqual([]);
		expect(written).not.toContain(apiKey);
		expect(JSON.stringify(harness.stored)).not.toContain(apiKey);
	});
});

test('a key that GoSquared echoes in a successful answer is hidden in the output', async () => {
	gosquared().addFault({
		method: 'GET',
		path: '/account/v1/webhooks',
		status: 200,
		body: { list: [{ id: 1, url: `https://hooks.example.com/x?api_key=${WRITE_KEY}`, name: `made with ${WRITE_KEY}` }] },
	});
	const result = await runWorkflow(workflowFile('gosquared-webhook-get-many.json'), {
		credentials: goSquaredCredentials(sandbox.current),
	});
	expect(result.output('Get Webhooks')[0].json).toEqual({
		id: 1,
		url: 'https://hooks.example.com/x?api_key=**hidden**',
		name: 'made with **hidden**',
	});
	expect(JSON.stringify(result.run)).not.toContain(WRITE_KEY);
});
