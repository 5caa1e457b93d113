/**
 * Event → Track, by real workflow executions against the sandbox: what GoSquared received (the
 * Tracking API, with the credential's or the node's site), what the user got, and the rule that
 * an event is never sent twice once it may have reached GoSquared.
 */
import { byId, goSquaredCredentials, KEYS, siteData, SITES } from '../../helpers/gosquared';
import { runWorkflow, withParameters, workflowFile } from '../../helpers/n8n';
import { everyString } from '../../helpers/redaction';
import { eventually, useSandbox } from '../../helpers/sandbox';

const sandbox = useSandbox();
const gosquared = () => sandbox.current.services.gosquared;
const credentials = () => goSquaredCredentials(sandbox.current);
const workflow = () => workflowFile('gosquared-event-track.json');
const call = { name: 'Support call finished', person: 'jon@example.com', outcome: 'failed', duration: 42 };

test('posts the event with its data for the person (an email written email:…) and outputs GoSquared\'s answer', async () => {
	const result = await runWorkflow(workflow(), { credentials: credentials(), input: [call, { ...call, person: 'user-42', outcome: 'finished' }] });

	expect(gosquared().requests.map((request) => [request.method, request.path, request.query])).toEqual([
		['POST', '/tracking/v1/event', { api_key: KEYS.write, site_token: SITES.main }],
		['POST', '/tracking/v1/event', { api_key: KEYS.write, site_token: SITES.main }],
	]);
	expect(gosquared().requests.map((request) => request.json)).toEqual(
		expect.arrayContaining([
			{ event: { name: 'Support call finished', data: { outcome: 'failed', duration: 42 } }, person_id: 'email:jon@example.com' },
			{ event: { name: 'Support call finished', data: { outcome: 'finished', duration: 42 } }, person_id: 'user-42' },
		]),
	);
	expect(result.output('Track Event')).toEqual([
		{ json: { success: true }, pairedItem: { item: 0 } },
		{ json: { success: true }, pairedItem: { item: 1 } },
	]);
	expect(siteData(sandbox.current).events).toHaveLength(2);
});

test('sends the options: page, visitor and a timestamp read in the workflow\'s time zone, sent in UTC', async () => {
	const tracked = withParameters(workflow(), 'Track Event', {
		personId: '',
		eventData: {},
		options: { pageUrl: 'https://shop.example.com/help', pageTitle: 'Help', visitorId: 'v-3f2a9c', timestamp: '2030-01-31T14:30:00' },
	});
	tracked.settings = { ...tracked.settings, timezone: 'Europe/Paris' };
	await runWorkflow(tracked, { credentials: credentials(), input: [call] });
	expect(gosquared().requests[0].json).toEqual({
		event: { name: 'Support call finished', data: {} },
		visitor_id: 'v-3f2a9c',
		timestamp: '2030-01-31T13:30:00.000Z',
		page: { url: 'https://shop.example.com/help', title: 'Help' },
	});
});

test('the Site field sends to another project of the key; empty, the credential\'s', async () => {
	const other = withParameters(workflow(), 'Track Event', { site: { __rl: true, mode: 'list', value: SITES.second, cachedResultName: 'Example Blog' } });
	await runWorkflow(other, { credentials: credentials(), input: [call] });
	expect(gosquared().requests[0].query).toEqual({ api_key: KEYS.write, site_token: SITES.second });
	expect(siteData(sandbox.current, SITES.second).events).toHaveLength(1);
	expect(siteData(sandbox.current).events).toHaveLength(0);
});

test('a site the key may not use fails with GoSquared\'s 4001, and the key appears nowhere, though GoSquared echoes the URL', async () => {
	gosquared().echoRequestInErrors = true;
	const foreign = withParameters(workflow(), 'Track Event', { site: byId(SITES.foreign) });
	const result = await runWorkflow(foreign, { credentials: credentials(), input: [call] });
	const error = result.error('Track Event');
	expect(error?.message).toBe(`Error 4001: Your API Key is not authorised for site ${SITES.foreign} (HTTP 403): the API key is not authorised for this site`);
	expect(error?.description).toContain('write_tracking');
	// What GoSquared received carried the key; what the user can see does not.
	expect(gosquared().requests[0].query.api_key).toBe(KEYS.write);
	const seen = everyString(result.run).join('\n');
	expect(seen).toContain(SITES.foreign);
	expect(seen).not.toContain(KEYS.write);
	expect(seen).toContain('**hidden**');
});

test.each([
	['an empty Event Name', { name: ' ' }, '"Event Name" is required (item 1)'],
	['a timestamp that is not a date', { timestamp: 'yesterday' }, '"Timestamp" must be a date, or ISO 8601 text such as 2030-01-31T14:30:00Z, not "yesterday" (item 1)'],
	['a site token with spaces', { site: 'GSN 1' }, '"Site" must be a site token such as GSN-123456-A, not "GSN 1" (item 1)'],
])('%s fails the item before anything is sent for it or after it', async (_case, bad, message) => {
	const checked = withParameters(workflow(), 'Track Event', {
		options: { timestamp: '={{ $json.timestamp ?? "" }}' },
		site: { __rl: true, mode: 'id', value: '={{ $json.site ?? "" }}' },
	});
	const result = await runWorkflow(checked, { credentials: credentials(), input: [call, { ...call, ...bad }, call] });
	expect(result.error('Track Event')?.message).toBe(message);
	expect(gosquared().requests).toHaveLength(1);
});

describe('an event is never sent twice once it may have reached GoSquared', () => {
	test('a connection dropped after GoSquared tracked it: one request, one event, and the error says so', async () => {
		gosquared().addFault({ method: 'POST', path: '/tracking/v1/event', reset: true, process: true });
		const result = await runWorkflow(workflow(), { credentials: credentials(), input: [call] });
		const error = result.error('Track Event');
		expect(error?.message).toBe('Could not reach GoSquared: connection reset by the server (ECONNRESET)');
		expect(error?.description).toMatch(/^The event may have been tracked: the request may have reached GoSquared before the connection failed\. It was not sent again/);
		expect(gosquared().requests).toHaveLength(1);
		expect(siteData(sandbox.current).events).toHaveLength(1);
	});

	test('a timeout: not sent again, although GoSquared tracks it after the node stopped waiting', async () => {
		gosquared().addFault({ method: 'POST', path: '/tracking/v1/event', delayMs: 800 });
		const slow = withParameters(workflow(), 'Track Event', { requestOptions: { timeout: 200 } });
		const result = await runWorkflow(slow, { credentials: credentials(), input: [call] });
		expect(result.error('Track Event')?.message).toBe('GoSquared did not answer within 200 ms (timeout)');
		await eventually(() => siteData(sandbox.current).events.length === 1, 'the late event tracked');
		expect(gosquared().requests).toHaveLength(1);
	});

	test('a 500: not sent again', async () => {
		gosquared().addFault({ method: 'POST', path: '/tracking/v1/event', status: 500 });
		const result = await runWorkflow(workflow(), { credentials: credentials(), input: [call] });
		expect(result.error('Track Event')?.httpCode).toBe('500');
		expect(gosquared().requests).toHaveLength(1);
	});

	test('a 429 said GoSquared did not act on it: sent again after Retry-After, and tracked once', async () => {
		gosquared().addFault({ method: 'POST', path: '/tracking/v1/event', status: 429, retryAfter: 0 });
		const result = await runWorkflow(workflow(), { credentials: credentials(), input: [call] });
		expect(result.output('Track Event')[0].json).toEqual({ success: true });
		expect(gosquared().requests.map((request) => request.status)).toEqual([429, 200]);
		expect(siteData(sandbox.current).events).toHaveLength(1);
	});
});

test('the Tracking API is outside the rate limit: 40 events go at once with a limiter share of 7.5 units a minute', async () => {
	const limited = { goSquaredApi: { ...credentials().goSquaredApi, rateLimitProcesses: 100 } };
	const items = Array.from({ length: 40 }, (_, index) => ({ ...call, person: `user-${index}` }));
	gosquared().latencyMs = 100;
	const result = await runWorkflow(workflow(), { credentials: limited, input: items });
	expect(result.output('Track Event')).toHaveLength(40);
	expect(siteData(sandbox.current).events).toHaveLength(40);
	// 50 in flight by default (the node's other operations: 10 at most 50), none held back by the limiter.
	expect(gosquared().maxInFlight).toBeGreaterThan(10);
});
