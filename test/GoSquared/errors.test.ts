/**
 * GoSquared failures: bad input (nothing sent for the item), GoSquared's own error codes and
 * messages with the HTTP status, the rate limit, the retry policy, and continue-on-fail.
 */
import { goSquaredCredentials, KEYS, SITES } from '../helpers/gosquared';
import { runWorkflow, withParameters, workflowFile } from '../helpers/n8n';
import { eventually, useSandbox } from '../helpers/sandbox';

const sandbox = useSandbox();
const gosquared = () => sandbox.current.services.gosquared;
const credentials = () => goSquaredCredentials(sandbox.current);
const statuses = () => gosquared().requests.map((request) => request.status);

describe('bad input fails the item before anything is sent', () => {
	test.each([
		['an empty URL', { url: '' }, '"URL" is required (item 0)'],
		['a URL that is not http(s)', { url: 'ftp://hooks.example.com/x' }, '"URL" must be an http or https URL, not "ftp://hooks.example.com/x" (item 0)'],
		['a URL that is not a URL', { url: 'hooks.example.com' }, '"URL" must be an http or https URL, not "hooks.example.com" (item 0)'],
		['a threshold of 0', { threshold: 0 }, '"Visitor Threshold" must be a whole number above 0, not "0" (item 0)'],
		['a threshold that is not a number', { threshold: 'lots' }, '"Visitor Threshold" must be a whole number above 0, not "lots" (item 0)'],
		['an empty threshold', { threshold: '' }, '"Visitor Threshold" is required: give the number of concurrent visitors (item 0)'],
	])('Create with %s', async (_case, input, message) => {
		const result = await runWorkflow(workflowFile('gosquared-webhook-create.json'), {
			credentials: credentials(),
			input: [{ url: 'https://hooks.example.com/x', name: 'n', threshold: 10, ...input }],
		});
		const error = result.error('Create Webhook');
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toBe(message);
		expect((error?.context as { itemIndex?: number }).itemIndex).toBe(0);
		expect(gosquared().requests).toEqual([]);
	});

	test('Add with an empty Smart Group ID', async () => {
		const result = await runWorkflow(workflowFile('gosquared-webhook-trigger-add.json'), {
			credentials: credentials(),
			input: [{ webhookId: 1001, group: ' ' }],
		});
		expect(result.error('Add Trigger')?.message).toBe(
			'"Smart Group ID" is required: give the Smart Group ID (the last part of its URL) (item 0)',
		);
		expect(gosquared().requests).toEqual([]);
	});

	test.each([
		['empty', '', '"Webhook ID" is required: pick it From List, or give its number, e.g. 1234 (item 0)'],
		['text', 'my-hook', '"Webhook ID" must be a whole number above 0, not "my-hook" (item 0)'],
		['zero', 0, '"Webhook ID" must be a whole number above 0, not "0" (item 0)'],
		['negative', -5, '"Webhook ID" must be a whole number above 0, not "-5" (item 0)'],
		['a fraction', 1.5, '"Webhook ID" must be a whole number above 0, not "1.5" (item 0)'],
		['a path', '1001/triggers', '"Webhook ID" must be a whole number above 0, not "1001/triggers" (item 0)'],
	])('a Webhook ID that is %s', async (_case, webhookId, message) => {
		const result = await runWorkflow(workflowFile('gosquared-webhook-get.json'), {
			credentials: credentials(),
			input: [{ webhookId }],
		});
		expect(result.error('Get Webhook')?.message).toBe(message);
		expect(gosquared().requests).toEqual([]);
	});

	test('a bad Trigger ID', async () => {
		const result = await runWorkflow(workflowFile('gosquared-webhook-trigger-remove.json'), {
			credentials: credentials(),
			input: [{ webhookId: 1001, triggerId: 'all' }],
		});
		expect(result.error('Remove Trigger')?.message).toBe('"Trigger ID" must be a whole number above 0, not "all" (item 0)');
		expect(gosquared().requests).toEqual([]);
	});

	test('a Limit of 0 from an expression', async () => {
		const workflow = withParameters(workflowFile('gosquared-webhook-get-many.json'), 'Get Webhooks', { limit: '={{ 0 }}' });
		const result = await runWorkflow(workflow, { credentials: credentials() });
		expect(result.error('Get Webhooks')?.message).toBe('"Limit" must be a whole number above 0, not 0 (item 0)');
		expect(gosquared().requests).toEqual([]);
	});

	test('the bad item is named, and items after it are not sent', async () => {
		gosquared().webhooks.push({ id: 1, site: SITES.main, name: '', url: 'https://h.example.com', include_unverified: false, created: '' });
		const result = await runWorkflow(workflowFile('gosquared-webhook-get.json'), {
			credentials: credentials(),
			input: [{ webhookId: 1 }, { webhookId: 'x' }, { webhookId: 2 }],
		});
		const error = result.error('Get Webhook');
		expect(error?.message).toBe('"Webhook ID" must be a whole number above 0, not "x" (item 1)');
		expect(gosquared().requests.map((request) => request.path)).toEqual(['/account/v1/webhooks/1']);
	});
});

describe('GoSquared errors show its code, its message and the HTTP status', () => {
	test.each([
		[
			'a site token the key may not use (403)',
			{ siteToken: SITES.foreign },
			'403',
			'Error 4001: Your API Key is not authorised for site GSN-999999-Z (HTTP 403): the API key is not authorised for this site',
		],
		[
			'a key without account write access (403)',
			{ apiKey: KEYS.readOnly },
			'403',
			'Error 4001: Your API Key is not authorised for this endpoint (HTTP 403): the API key is not authorised for this site',
		],
		[
			'a key GoSquared does not know (401)',
			{ apiKey: 'gs-key-unknown-0000000000000000000000' },
			'401',
			'Error 4001: Invalid API key (HTTP 401): the API key is not authorised for this site',
		],
	])('4001: %s', async (_case, credential, httpCode, message) => {
		const result = await runWorkflow(workflowFile('gosquared-webhook-get-many.json'), {
			credentials: goSquaredCredentials(sandbox.current, credential),
		});
		const error = result.error('Get Webhooks');
		expect(error?.name).toBe('NodeApiError');
		expect(error?.httpCode).toBe(httpCode);
		expect(error?.message).toBe(message);
		expect(error?.description).toContain('Check the API Key (API Access, in your GoSquared account settings)');
		expect(error?.description).toContain('GoSquared answered HTTP');
		// An authorisation failure is not retried.
		expect(gosquared().requests).toHaveLength(1);
	});

	test('4000: a credential without a site token', async () => {
		const result = await runWorkflow(workflowFile('gosquared-webhook-get-many.json'), {
			credentials: goSquaredCredentials(sandbox.current, { siteToken: '  ' }),
		});
		const error = result.error('Get Webhooks');
		expect(error?.message).toBe('Error 4000: Missing parameter: site_token (HTTP 400)');
		expect(error?.description).toContain('fill in the credential');
		expect(gosquared().requests[0].query).toEqual({ api_key: KEYS.write, site_token: '' });
	});

	test('4003: a parameter GoSquared refuses', async () => {
		gosquared().addFault({
			method: 'POST',
			path: '/account/v1/webhooks',
			status: 400,
			body: { code: 4003, message: 'Invalid parameter trigger' },
		});
		const result = await runWorkflow(workflowFile('gosquared-webhook-create.json'), {
			credentials: credentials(),
			input: [{ url: 'https://hooks.example.com/x', threshold: 5 }],
		});
		const error = result.error('Create Webhook');
		expect(error?.message).toBe('Error 4003: Invalid parameter trigger (HTTP 400)');
		expect(error?.description).toContain('GoSquared refused a parameter or its value');
	});
});

describe('rate limit', () => {
	test('a 429 is waited out for its Retry-After, then the request succeeds', async () => {
		// 2 units, refilled at one a second: the third request in a row finds the bucket empty.
		gosquared().config.rateLimit = { limit: 2, intervalMs: 2000 };
		gosquared().webhooks.push({ id: 5, site: SITES.main, name: '', url: 'https://h.example.com', include_unverified: false, created: '' });

		const result = await runWorkflow(workflowFile('gosquared-webhook-get.json'), {
			credentials: credentials(),
			input: [{ webhookId: 5 }, { webhookId: 5 }, { webhookId: 5 }],
		});

		expect(statuses()).toEqual([200, 200, 429, 200]);
		const [, , limited, retried] = gosquared().requests;
		expect(limited.response).toEqual({ code: 4002, message: 'Error 4002: Rate limit exceeded' });
		expect(Date.parse(retried.at) - Date.parse(limited.at)).toBeGreaterThanOrEqual(990);
		expect(result.output('Get Webhook')).toHaveLength(3);
	});

	test('a Retry-After longer than a minute fails the item with 4002 instead of waiting', async () => {
		gosquared().config.rateLimit = { limit: 1, intervalMs: 600_000 };
		// The 429 holds back everything that uses this credential for the ten minutes GoSquared
		// asks for: a credential of its own keeps the other tests out of that pause.
		const workflow = workflowFile('gosquared-webhook-get-many.json');
		workflow.nodes[1].credentials = { goSquaredApi: { id: 'gs-rate-limited', name: 'GoSquared (rate limited)' } };
		const result = await runWorkflow(workflow, {
			credentials: credentials(),
			input: [{}, {}],
		});
		const error = result.error('Get Webhooks');
		expect(error?.httpCode).toBe('429');
		expect(error?.message).toBe('Error 4002: Rate limit exceeded (HTTP 429): rate limited');
		expect(statuses()).toEqual([200, 429]);

		// The next run with that credential is not held back for ten silent minutes: it fails at
		// once, without sending anything. It runs on a fake clock that does not move: a wait would
		// show as a timer set on it while the run has not ended.
		jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'queueMicrotask'] });
		let again: Awaited<ReturnType<typeof runWorkflow>>;
		try {
			const started = Date.now();
			const running = runWorkflow(workflow, { credentials: credentials(), input: [{}] });
			let ended = false;
			void running.then(() => (ended = true));
			while (!ended && jest.getTimerCount() === 0) await new Promise((resolve) => setImmediate(resolve));
			expect(jest.getTimerCount()).toBe(0);
			again = await running;
			expect(Date.now()).toBe(started);
		} finally {
			jest.useRealTimers();
		}
		expect(again.error('Get Webhooks')?.message).toMatch(
			/^GoSquared asked for a pause of \d+ s before the next request \(rate limit\)$/,
		);
		expect(again.error('Get Webhooks')?.httpCode).toBe('429');
		expect(statuses()).toEqual([200, 429]);
	});
});

describe('retries follow what is safe to repeat', () => {
	test('a 500 on a read is retried, and the later answer is the result', async () => {
		gosquared().addFault({ method: 'GET', path: '/account/v1/webhooks', status: 500, times: 2 });
		const result = await runWorkflow(workflowFile('gosquared-webhook-get-many.json'), { credentials: credentials() });
		expect(statuses()).toEqual([500, 500, 200]);
		expect(result.error('Get Webhooks')).toBeUndefined();
	});

	test('a 500 on a create is not repeated: the webhook may have been made', async () => {
		gosquared().addFault({ method: 'POST', path: '/account/v1/webhooks', status: 500, times: 5 });
		const result = await runWorkflow(workflowFile('gosquared-webhook-create.json'), {
			credentials: credentials(),
			input: [{ url: 'https://hooks.example.com/x', threshold: 5 }],
		});
		const error = result.error('Create Webhook');
		expect(error?.httpCode).toBe('500');
		expect(error?.description).toContain('a create is never repeated');
		expect(gosquared().requests).toHaveLength(1);
	});

	test('a create that timed out is not repeated; a delete that timed out is', async () => {
		gosquared().addFault({ method: 'POST', path: '/account/v1/webhooks', delayMs: 800 });
		const create = withParameters(workflowFile('gosquared-webhook-create.json'), 'Create Webhook', {
			requestOptions: { timeout: 200 },
		});
		const created = await runWorkflow(create, {
			credentials: credentials(),
			input: [{ url: 'https://hooks.example.com/x', threshold: 5 }],
		});
		expect(created.error('Create Webhook')?.message).toBe('GoSquared did not answer within 200 ms (timeout)');
		expect(gosquared().requests).toHaveLength(1);
		// The sandbox still creates the webhook after its delay, the client gone: let it, before the next part.
		await eventually(() => typeof gosquared().requests[0].status === 'number', 'the timed-out create answered');

		gosquared().reset();
		gosquared().webhooks.push({ id: 77, site: SITES.main, name: '', url: 'https://h.example.com', include_unverified: false, created: '' });
		gosquared().addFault({ method: 'DELETE', path: '/account/v1/webhooks/77', delayMs: 800, process: true });
		const remove = withParameters(workflowFile('gosquared-webhook-delete.json'), 'Delete Webhook', {
			requestOptions: { timeout: 200 },
			options: { treatMissingAsDeleted: true },
		});
		const deleted = await runWorkflow(remove, { credentials: credentials(), input: [{ webhookId: 77 }] });
		expect(gosquared().requests.map((request) => request.method)).toEqual(['DELETE', 'DELETE']);
		expect(deleted.output('Delete Webhook')[0].json).toEqual({ deleted: true, id: 77 });
		expect(gosquared().webhooks).toEqual([]);
	});
});

test('with continue on fail, each failure is an item linked to its input with GoSquared\'s message and status', async () => {
	const workflow = workflowFile('gosquared-webhook-get.json');
	workflow.nodes[1].onError = 'continueRegularOutput';
	gosquared().webhooks.push({ id: 5, site: SITES.main, name: 'a', url: 'https://h.example.com', include_unverified: false, created: '' });
	const result = await runWorkflow(workflow, {
		credentials: credentials(),
		input: [{ webhookId: 5 }, { webhookId: 6 }, { webhookId: 'x' }],
	});
	const output = result.output('Get Webhook');
	expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	expect(output[0].json).toMatchObject({ id: 5 });
	expect(output[1].json).toEqual({
		error: 'Error 4004: Invalid value: no webhook with ID 6 (HTTP 404): no such webhook',
		description: expect.stringContaining('No webhook with this ID exists for this site token'),
		httpCode: '404',
		itemIndex: 1,
	});
	expect(output[2].json).toEqual({
		error: '"Webhook ID" must be a whole number above 0, not "x" (item 2)',
		description: 'GoSquared IDs are numbers such as 1234. Pick one From List, or use Get Many to list them.',
		itemIndex: 2,
	});
});
