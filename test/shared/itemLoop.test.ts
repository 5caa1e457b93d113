/**
 * The shared item loop, through real executions of the Callgoose node: bounded concurrency,
 * output order and item linking, and what happens to the other items when one fails. Where a test
 * counts the requests in flight at once, the sandbox holds its answers until that many are
 * (`holdUntilInFlight`), so that the count does not depend on how fast the machine is.
 */
import { callgooseCredentials, TOKENS } from '../helpers/callgoose';
import { goSquaredCredentials, SITES } from '../helpers/gosquared';
import { runWorkflow, withParameters, workflowFile } from '../helpers/n8n';
import { useSandbox } from '../helpers/sandbox';

const sandbox = useSandbox();
const callgoose = () => sandbox.current.services.callgoose;

const inputs = (count: number) =>
	Array.from({ length: count }, (_, index) => ({ workflowId: 'wf-restart-service', host: `host-${index}`, service: 's' }));
const hostOf = (json: unknown) => (json as { host: string }).host;

test('with Concurrency 1 items are sent one at a time, in input order', async () => {
	callgoose().latencyMs = 20;
	const workflow = withParameters(workflowFile('callgoose-run-workflow.json'), 'Run Workflow', {
		requestOptions: { concurrency: 1 },
	});
	const result = await runWorkflow(workflow, {
		credentials: callgooseCredentials(sandbox.current, { token: TOKENS.request }),
		input: inputs(6),
	});
	expect(callgoose().maxInFlight).toBe(1);
	expect(callgoose().requests.map((request) => hostOf(request.json))).toEqual(inputs(6).map((item) => item.host));
	expect(result.output('Run Workflow').map((item) => item.pairedItem)).toEqual(
		inputs(6).map((_, index) => ({ item: index })),
	);
});

test('by default the Callgoose node sends 50 items at once, and the output keeps input order', async () => {
	callgoose().latencyMs = 100;
	callgoose().holdUntilInFlight = 50;
	const result = await runWorkflow(workflowFile('callgoose-run-workflow.json'), {
		credentials: callgooseCredentials(sandbox.current, { token: TOKENS.request }),
		input: inputs(80),
	});
	expect(callgoose().maxInFlight).toBe(50);
	expect(callgoose().requests).toHaveLength(80);
	expect(result.output('Run Workflow').map((item) => item.pairedItem)).toEqual(
		inputs(80).map((_, index) => ({ item: index })),
	);
});

test('Callgoose has no concurrency ceiling: 200 items can all be in flight at once', async () => {
	callgoose().latencyMs = 200;
	callgoose().holdUntilInFlight = 200;
	const workflow = withParameters(workflowFile('callgoose-run-workflow.json'), 'Run Workflow', {
		requestOptions: { concurrency: 200 },
	});
	await runWorkflow(workflow, { credentials: callgooseCredentials(sandbox.current, { token: TOKENS.request }), input: inputs(200) });
	expect(callgoose().maxInFlight).toBe(200);
});

test('GoSquared keeps its ceiling of 50, even when an expression asks for more', async () => {
	const gosquared = sandbox.current.services.gosquared;
	gosquared.latencyMs = 100;
	gosquared.holdUntilInFlight = 50;
	// Sixty different webhooks, so that no item waits for another of the same webhook.
	for (let id = 1; id <= 60; id++) {
		gosquared.webhooks.push({ id, site: SITES.main, name: `hook ${id}`, url: 'https://hooks.example.com', include_unverified: false, created: '' });
	}
	const workflow = withParameters(workflowFile('gosquared-webhook-get.json'), 'Get Webhook', {
		webhookId: '={{ $json.webhookId }}',
		requestOptions: { concurrency: '={{ 80 }}' },
	});
	const input = Array.from({ length: 60 }, (_, index) => ({ webhookId: index + 1 }));
	const result = await runWorkflow(workflow, { credentials: goSquaredCredentials(sandbox.current), input });
	expect(result.output('Get Webhook').map((item) => item.json.id)).toEqual(input.map((item) => item.webhookId));
	expect(gosquared.maxInFlight).toBe(50);
});

test('a Concurrency that is not a whole number of at least 1 fails the node, naming the option', async () => {
	const workflow = withParameters(workflowFile('callgoose-run-workflow.json'), 'Run Workflow', {
		requestOptions: { concurrency: '={{ 0 }}' },
	});
	const result = await runWorkflow(workflow, {
		credentials: callgooseCredentials(sandbox.current, { token: TOKENS.request }),
		input: inputs(3),
	});
	expect(result.error('Run Workflow')?.message).toBe('"Batching: Concurrency" must be a whole number of at least 1, not 0');
	expect(callgoose().requests).toHaveLength(0);
});

test('with Concurrency 4, at most four requests are in flight and the output keeps input order', async () => {
	callgoose().latencyMs = 100;
	callgoose().holdUntilInFlight = 4;
	const workflow = withParameters(workflowFile('callgoose-run-workflow.json'), 'Run Workflow', {
		requestOptions: { concurrency: 4 },
	});
	const result = await runWorkflow(workflow, {
		credentials: callgooseCredentials(sandbox.current, { token: TOKENS.request }),
		input: inputs(12),
	});
	expect(callgoose().maxInFlight).toBe(4);
	expect(callgoose().requests).toHaveLength(12);
	const output = result.output('Run Workflow');
	expect(output.map((item) => item.pairedItem)).toEqual(inputs(12).map((_, index) => ({ item: index })));
	// Each output item answers its own input: the sandbox recorded a run per host, and the output
	// of item i is the answer to the request that carried host-i.
	const responseIdByHost = new Map(
		callgoose().requests.map((request) => [hostOf(request.json), (request.response as { id: string }).id]),
	);
	output.forEach((item, index) => {
		expect((item.json.response as { id: string }).id).toBe(responseIdByHost.get(`host-${index}`));
	});
});

test('with Concurrency 4 and a failing item, no new item starts and the first failure is reported', async () => {
	callgoose().latencyMs = 50;
	const workflow = withParameters(workflowFile('callgoose-run-workflow.json'), 'Run Workflow', {
		requestOptions: { concurrency: 4 },
	});
	const items = inputs(20);
	items[5].workflowId = '';
	const result = await runWorkflow(workflow, {
		credentials: callgooseCredentials(sandbox.current, { token: TOKENS.request }),
		input: items,
	});
	expect(result.error('Run Workflow')?.message).toBe('"Workflow ID" is required (item 5)');
	// Items 0-4 and 6-8 at most were started before the failure stopped the loop.
	const sent = callgoose().requests.map((request) => Number(hostOf(request.json).slice(5)));
	expect(sent.length).toBeLessThanOrEqual(8);
	expect(Math.max(...sent)).toBeLessThanOrEqual(8);
});

test('with Concurrency 4 and continue on fail, every item comes out, linked to its input', async () => {
	const workflow = withParameters(workflowFile('callgoose-run-workflow.json'), 'Run Workflow', {
		requestOptions: { concurrency: 4 },
	});
	workflow.nodes[1].onError = 'continueRegularOutput';
	const items = inputs(10);
	items[3].workflowId = '';
	items[7].workflowId = '';
	const result = await runWorkflow(workflow, {
		credentials: callgooseCredentials(sandbox.current, { token: TOKENS.request }),
		input: items,
	});
	const output = result.output('Run Workflow');
	expect(output.map((item) => item.pairedItem)).toEqual(items.map((_, index) => ({ item: index })));
	expect(output.map((item) => (item.json.error ? 'error' : item.json.outcome))).toEqual([
		'created', 'created', 'created', 'error', 'created', 'created', 'created', 'error', 'created', 'created',
	]);
	expect(callgoose().requests).toHaveLength(8);
});
