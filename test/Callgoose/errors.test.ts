/**
 * Callgoose failures: bad input (nothing sent for the item), service errors with the service's
 * own message and status, retries of what is safe to retry, and continue-on-fail.
 */
import { callgooseCredentials, TOKENS } from '../helpers/callgoose';
import { runWorkflow, withParameters, workflowFile } from '../helpers/n8n';
import { useSandbox } from '../helpers/sandbox';

const sandbox = useSandbox();
const callgoose = () => sandbox.current.services.callgoose;
const continueOnFail = <T extends { nodes: Array<{ name: string; onError?: string }> }>(workflow: T, node: string): T => {
	workflow.nodes.find((candidate) => candidate.name === node)!.onError = 'continueRegularOutput';
	return workflow;
};

describe('bad input fails the item before anything is sent', () => {
	test.each([
		['invalid JSON', '{"title": "Disk full",', /^"Payload \(JSON\)" is not valid JSON \(.+\): give a JSON object, e\.g\. \{"key": "value"\} \(item 0\)$/],
		['a JSON list', '[{"title": "Disk full"}]', /^"Payload \(JSON\)" must be a JSON object, not a list \(item 0\)$/],
		['a JSON string', '"Disk full"', /^"Payload \(JSON\)" must be a JSON object, not a string \(item 0\)$/],
		['a JSON number', '42', /^"Payload \(JSON\)" must be a JSON object, not a number \(item 0\)$/],
		['an empty object', '{}', /^"Payload \(JSON\)" is empty: give it the keys your API filters match \(item 0\)$/],
	])('Payload (JSON) holding %s', async (_case, payloadJson, message) => {
		const workflow = withParameters(workflowFile('callgoose-send-event-json.json'), 'Send Event', { payloadJson });
		const result = await runWorkflow(workflow, { credentials: callgooseCredentials(sandbox.current) });
		const error = result.error('Send Event');
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toMatch(message);
		expect((error?.context as { itemIndex?: number }).itemIndex).toBe(0);
		expect(callgoose().requests).toEqual([]);
	});

	test('an empty Workflow ID', async () => {
		const result = await runWorkflow(workflowFile('callgoose-run-workflow.json'), {
			credentials: callgooseCredentials(sandbox.current),
			input: [{ workflowId: '   ', host: 'h', service: 's' }],
		});
		expect(result.error('Run Workflow')?.message).toBe('"Workflow ID" is required (item 0)');
		expect(callgoose().requests).toEqual([]);
	});

	test('a Create without a title, and a Resolve without a correlation value', async () => {
		const create = await runWorkflow(workflowFile('callgoose-create-incident.json'), {
			credentials: callgooseCredentials(sandbox.current),
			input: [{ title: '', alertId: 'a' }],
		});
		expect(create.error('Create Incident')?.message).toBe('"Title" is required (item 0)');
		const resolve = await runWorkflow(workflowFile('callgoose-resolve-incident.json'), {
			credentials: callgooseCredentials(sandbox.current),
			input: [{}],
		});
		expect(resolve.error('Resolve Incident')?.message).toBe(
			'"Correlation Value (Map Incident With)" is required (item 0)',
		);
		expect(callgoose().requests).toEqual([]);
	});

	test('custom variables that would replace the workflow id', async () => {
		const workflow = withParameters(workflowFile('callgoose-run-workflow.json'), 'Run Workflow', {
			variablesMode: 'json',
			variablesJson: '{"workflowId": "other"}',
		});
		const result = await runWorkflow(workflow, {
			credentials: callgooseCredentials(sandbox.current),
			input: [{ workflowId: 'wf-restart-service' }],
		});
		expect(result.error('Run Workflow')?.message).toBe('"Custom Variables (JSON)" contains "workflowId": give the workflow in Workflow ID, not as a custom variable (item 0)');
		expect(callgoose().requests).toEqual([]);
	});

	test('an additional field that repeats a named field', async () => {
		const workflow = withParameters(workflowFile('callgoose-create-incident.json'), 'Create Incident', {
			additionalFields: { pairs: [{ name: 'title', value: 'other' }] },
		});
		const result = await runWorkflow(workflow, {
			credentials: callgooseCredentials(sandbox.current),
			input: [{ title: 'T', alertId: 'a' }],
		});
		expect(result.error('Create Incident')?.message).toBe(
			'"Additional Payload Fields" sets "title", which Title already sets: set it in one place only (item 0)',
		);
		expect(callgoose().requests).toEqual([]);
	});

	test('the bad item is named, and items after it are not sent', async () => {
		const result = await runWorkflow(workflowFile('callgoose-run-workflow.json'), {
			credentials: callgooseCredentials(sandbox.current, { token: TOKENS.request }),
			input: [
				{ workflowId: 'wf-restart-service', host: 'a', service: 's' },
				{ workflowId: '', host: 'b', service: 's' },
				{ workflowId: 'wf-restart-service', host: 'c', service: 's' },
			],
		});
		const error = result.error('Run Workflow');
		expect(error?.message).toBe('"Workflow ID" is required (item 1)');
		expect((error?.context as { itemIndex?: number }).itemIndex).toBe(1);
		expect(callgoose().requests.map((request) => (request.json as { host: string }).host)).toEqual(['a']);
	});
});

describe('continue on fail', () => {
	test('turns each failure into an error item linked to its input, and goes on', async () => {
		const workflow = continueOnFail(workflowFile('callgoose-run-workflow.json'), 'Run Workflow');
		const result = await runWorkflow(workflow, {
			credentials: callgooseCredentials(sandbox.current, { token: TOKENS.request }),
			input: [
				{ workflowId: 'wf-restart-service', host: 'a', service: 's' },
				{ workflowId: '', host: 'b', service: 's' },
				{ workflowId: 'wf-restart-service', host: 'c', service: 's' },
			],
		});
		const output = result.output('Run Workflow');
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[0].json).toMatchObject({ outcome: 'created' });
		expect(output[1].json).toEqual({ error: '"Workflow ID" is required (item 1)', itemIndex: 1 });
		expect(output[2].json).toMatchObject({ outcome: 'created' });
		expect(callgoose().requests.map((request) => (request.json as { host: string }).host)).toEqual(['a', 'c']);
	});

	test('keeps the service message and status of an API error', async () => {
		const workflow = continueOnFail(workflowFile('callgoose-run-workflow.json'), 'Run Workflow');
		const result = await runWorkflow(workflow, {
			credentials: callgooseCredentials(sandbox.current, { token: TOKENS.service }),
			input: [{ workflowId: 'wf-restart-service', host: 'a', service: 's' }],
		});
		expect(result.output('Run Workflow')[0]).toEqual({
			json: {
				error: `${REQUEST_TOKEN_NEEDED} (HTTP 401): Run Workflow needs a valid Request token (an Incident token is refused here)`,
				description: expect.stringContaining('Incident tokens are refused on /v1/request'),
				httpCode: '401',
				itemIndex: 0,
			},
			pairedItem: { item: 0 },
		});
	});
});

/** The 401 messages of Callgoose's own pages, for a token of the other kind. */
const REQUEST_TOKEN_NEEDED =
	'Unauthorized request. API Token is not valid. Make sure you are using a Request token and not Incident token.';
const INCIDENT_TOKEN_NEEDED =
	'Unauthorized request. API Token is not valid. Make sure you are using a Incident token and not Request token.';

describe('401, in the words of the vendor: Incident tokens and Request tokens', () => {
	test.each([
		['Global', TOKENS.global],
		['Team', TOKENS.team],
		['Service', TOKENS.service],
	])('an Incident token (%s scope) on Run Workflow says a Request token is needed', async (_scope, token) => {
		const result = await runWorkflow(workflowFile('callgoose-run-workflow.json'), {
			credentials: callgooseCredentials(sandbox.current, { token }),
			input: [{ workflowId: 'wf-restart-service', host: 'a', service: 's' }],
		});
		const error = result.error('Run Workflow');
		expect(error?.name).toBe('NodeApiError');
		expect(error?.httpCode).toBe('401');
		expect(error?.message).toBe(`${REQUEST_TOKEN_NEEDED} (HTTP 401): Run Workflow needs a valid Request token (an Incident token is refused here)`);
		expect(error?.description).toContain('Callgoose issues two kinds of API token');
		expect(error?.description).toContain('Incident tokens are refused on /v1/request');
		// A 401 is not retried: the same token would be refused again.
		expect(callgoose().requests).toHaveLength(1);
	});

	test('a Request token on an incident operation says an Incident token is needed', async () => {
		const result = await runWorkflow(workflowFile('callgoose-create-incident.json'), {
			credentials: callgooseCredentials(sandbox.current, { token: TOKENS.request }),
			input: [{ title: 'T', alertId: 'a' }],
		});
		const error = result.error('Create Incident');
		expect(error?.message).toBe(`${INCIDENT_TOKEN_NEEDED} (HTTP 401): Create and Resolve need a valid Incident token (a Request token is refused here)`);
		expect(error?.description).toContain('Request tokens are refused on /v1/process');
	});

	test('an unknown token on an incident says the token was refused, and which kind is needed', async () => {
		const result = await runWorkflow(workflowFile('callgoose-create-incident.json'), {
			credentials: callgooseCredentials(sandbox.current, { token: 'cg-not-a-token-at-all' }),
			input: [{ title: 'T', alertId: 'a' }],
		});
		const error = result.error('Create Incident');
		expect(error?.message).toBe(
			'Unauthorized request. API Token is not valid. (HTTP 401): Create and Resolve need a valid Incident token (a Request token is refused here)',
		);
		expect(error?.description).toContain('an Incident token');
		expect(error?.description).not.toMatch(/Global token|only Global/);
	});

	test('a Request token runs the workflow', async () => {
		const result = await runWorkflow(workflowFile('callgoose-run-workflow.json'), {
			credentials: callgooseCredentials(sandbox.current, { token: TOKENS.request }),
			input: [{ workflowId: 'wf-restart-service', host: 'a', service: 's' }],
		});
		expect(result.output('Run Workflow')[0].json).toMatchObject({ outcome: 'created', statusCode: 201 });
	});
});

describe('retries', () => {
	test('a 500 is retried with backoff, and a later success is the result', async () => {
		callgoose().addFault({ path: '/v1/process', status: 500, times: 2 });
		const result = await runWorkflow(workflowFile('callgoose-create-incident.json'), {
			credentials: callgooseCredentials(sandbox.current),
			input: [{ title: 'T', alertId: 'a' }],
		});
		expect(callgoose().requests.map((request) => request.status)).toEqual([500, 500, 201]);
		expect(result.output('Create Incident')[0].json).toMatchObject({ outcome: 'created' });
	});

	test('a 500 that persists becomes an error with the service message, after a bounded number of tries', async () => {
		callgoose().addFault({ path: '/v1/process', status: 500, times: 100 });
		const result = await runWorkflow(workflowFile('callgoose-create-incident.json'), {
			credentials: callgooseCredentials(sandbox.current),
			input: [{ title: 'T', alertId: 'a' }],
		});
		const error = result.error('Create Incident');
		expect(error?.name).toBe('NodeApiError');
		expect(error?.httpCode).toBe('500');
		expect(error?.message).toBe(
			'Server encountered a temporary error and could not complete the request at that moment. Please try again. (HTTP 500)',
		);
		expect(error?.description).toContain('It was tried 5 times');
		expect(callgoose().requests).toHaveLength(5);
		const gaps = callgoose()
			.requests.map((request) => Date.parse(request.at))
			.slice(1)
			.map((at, index) => at - Date.parse(callgoose().requests[index].at));
		// Exponential backoff with jitter: each wait is at least half of 250 ms × 2^n.
		gaps.forEach((gap, attempt) => expect(gap).toBeGreaterThanOrEqual(125 * 2 ** attempt - 5));
	});

	test('a 429 waits for Retry-After and then succeeds', async () => {
		callgoose().addFault({ path: '/v1/process', status: 429, retryAfter: 1 });
		const result = await runWorkflow(workflowFile('callgoose-create-incident.json'), {
			credentials: callgooseCredentials(sandbox.current),
			input: [{ title: 'T', alertId: 'a' }],
		});
		const [first, second] = callgoose().requests;
		expect([first.status, second.status]).toEqual([429, 201]);
		expect(Date.parse(second.at) - Date.parse(first.at)).toBeGreaterThanOrEqual(990);
		expect(result.output('Create Incident')[0].json).toMatchObject({ outcome: 'created' });
	});

	test('a timeout is not retried: the event may have been processed', async () => {
		callgoose().addFault({ path: '/v1/process', delayMs: 1500 });
		const workflow = withParameters(workflowFile('callgoose-create-incident.json'), 'Create Incident', {
			requestOptions: { timeout: 300 },
		});
		const result = await runWorkflow(workflow, {
			credentials: callgooseCredentials(sandbox.current),
			input: [{ title: 'T', alertId: 'a' }],
		});
		const error = result.error('Create Incident');
		expect(error?.message).toBe('Callgoose did not answer within 300 ms (timeout)');
		expect(error?.description).toContain('It was not sent again, because repeating it is not safe');
		expect(callgoose().requests).toHaveLength(1);
	});

	test('a refused connection is retried, then reported with the code', async () => {
		const closedPort = await freePort();
		const result = await runWorkflow(workflowFile('callgoose-create-incident.json'), {
			credentials: callgooseCredentials(sandbox.current, { baseUrl: `http://127.0.0.1:${closedPort}/sqibs-api` }),
			input: [{ title: 'T', alertId: 'a' }],
		});
		const error = result.error('Create Incident');
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe('Could not reach Callgoose: connection refused (ECONNREFUSED)');
		expect(error?.description).toBe(
			`Request: POST http://127.0.0.1:${closedPort}/sqibs-api/v1/process. The request never reached Callgoose; it was tried 5 times. Check the URL in the credential and that the service is reachable from n8n.`,
		);
	});
});

test('a base URL with a trailing slash works, and one that is not a URL is refused before sending', async () => {
	const ok = await runWorkflow(workflowFile('callgoose-create-incident.json'), {
		credentials: callgooseCredentials(sandbox.current, { baseUrl: `${sandbox.current.baseUrls.callgoose}/` }),
		input: [{ title: 'T', alertId: 'a' }],
	});
	expect(ok.output('Create Incident')[0].json).toMatchObject({ outcome: 'created' });
	expect(callgoose().requests[0].path).toBe('/v1/process');

	const bad = await runWorkflow(workflowFile('callgoose-create-incident.json'), {
		credentials: callgooseCredentials(sandbox.current, { baseUrl: 'sqibs.callgoose.com' }),
		input: [{ title: 'T', alertId: 'a' }],
	});
	expect(bad.error('Create Incident')?.message).toBe(
		'The Callgoose credential\'s base URL "sqibs.callgoose.com" is not an http(s) URL',
	);
	expect(callgoose().requests).toHaveLength(1);
});

/** A port nothing listens on. */
async function freePort(): Promise<number> {
	const net = await import('net');
	return await new Promise((resolve) => {
		const server = net.createServer();
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}
