/**
 * Person → Identify, by real workflow executions against the sandbox: the profile GoSquared
 * received and keeps, what the user got, checks before sending, and never twice.
 */
import { goSquaredCredentials, KEYS, siteData, SITES } from '../../helpers/gosquared';
import { runWorkflow, withParameters, workflowFile } from '../../helpers/n8n';
import { useSandbox } from '../../helpers/sandbox';

const sandbox = useSandbox();
const gosquared = () => sandbox.current.services.gosquared;
const credentials = () => goSquaredCredentials(sandbox.current);
const workflow = () => workflowFile('gosquared-person-identify.json');

test('an email as Person ID is sent as email:…, and becomes the Email; custom properties go under custom', async () => {
	const result = await runWorkflow(workflow(), {
		credentials: credentials(),
		input: [{ person: 'caller@example.com', name: 'Casey Caller', lastCall: '2030-01-31T14:30:00Z' }],
	});
	const [request] = gosquared().requests;
	expect([request.method, request.path, request.query]).toEqual(['POST', '/tracking/v1/identify', { api_key: KEYS.write, site_token: SITES.main }]);
	expect(request.json).toEqual({
		person_id: 'email:caller@example.com',
		properties: { email: 'caller@example.com', name: 'Casey Caller', custom: { last_support_call: '2030-01-31T14:30:00Z' } },
	});
	expect(result.output('Identify Person')).toEqual([{ json: { success: true, sent: { alias: false, props: true } }, pairedItem: { item: 0 } }]);
	expect(siteData(sandbox.current).people.get('email:caller@example.com')).toMatchObject({
		email: 'caller@example.com',
		name: 'Casey Caller',
		custom: { last_support_call: '2030-01-31T14:30:00Z' },
	});
});

test('every special property, the company and Created At (in UTC); a user ID is sent as it is', async () => {
	const full = withParameters(workflow(), 'Identify Person', {
		properties: {
			email: 'priya@example.org',
			firstName: 'Priya',
			lastName: 'Patel',
			username: 'priya',
			phone: '+447901229693',
			description: 'Customer since 2021',
			avatar: 'https://example.org/p.png',
			createdAt: '2021-03-04T05:06:07Z',
			companyName: 'Example Org',
			companySize: 40,
			companyIndustry: 'Retail',
			companyPosition: 'Head of Support',
		},
		customProperties: {},
	});
	await runWorkflow(full, { credentials: credentials(), input: [{ person: 'user-42' }] });
	expect(gosquared().requests[0].json).toEqual({
		person_id: 'user-42',
		properties: {
			email: 'priya@example.org',
			first_name: 'Priya',
			last_name: 'Patel',
			username: 'priya',
			phone: '+447901229693',
			description: 'Customer since 2021',
			avatar: 'https://example.org/p.png',
			created_at: '2021-03-04T05:06:07.000Z',
			company: { name: 'Example Org', industry: 'Retail', position: 'Head of Support', size: 40 },
		},
	});
});

test('items for the same person go one after another, in input order: the last one\'s properties stay', async () => {
	gosquared().latencyJitterMs = 50;
	const items = ['First', 'Second', 'Third'].map((name) => ({ person: 'jon@example.com', name }));
	await runWorkflow(workflow(), { credentials: credentials(), input: items });
	const requests = gosquared().requests;
	expect(requests.map((request) => (request.json as { properties: { name: string } }).properties.name)).toEqual(['First', 'Second', 'Third']);
	// Each was sent once the one before had its answer.
	expect(requests.slice(1).every((request, index) => request.seq > (requests[index].answeredAtSeq ?? Infinity))).toBe(true);
	expect(siteData(sandbox.current).people.get('email:jon@example.com')?.name).toBe('Third');
});

test.each([
	['no Person ID', { person: '' }, '"Person ID" is required: give the person\'s ID or email address (item 0)'],
	['a custom property named twice', { person: 'a@example.com', twice: true }, '"Custom Properties" gives the name "plan" twice (item 0)'],
])('%s fails the item, and nothing is sent', async (_case, input, message) => {
	const checked = withParameters(workflow(), 'Identify Person', {
		customProperties: { pairs: [{ name: 'plan', value: 'pro' }, { name: '={{ $json.twice ? "plan" : "seats" }}', value: '3' }] },
	});
	const result = await runWorkflow(checked, { credentials: credentials(), input: [input] });
	expect(result.error('Identify Person')?.message).toBe(message);
	expect(gosquared().requests).toHaveLength(0);
});

test('a key without the write_tracking scope gets GoSquared\'s 4001, and the identify is not sent again', async () => {
	const result = await runWorkflow(workflow(), {
		credentials: goSquaredCredentials(sandbox.current, { apiKey: KEYS.readOnly }),
		input: [{ person: 'jon@example.com', name: 'Jon' }],
	});
	const error = result.error('Identify Person');
	expect(error?.message).toBe('Error 4001: Your API Key is not authorised for this endpoint (HTTP 403): the API key is not authorised for this site');
	expect(error?.description).toContain('(write_tracking)');
	expect(gosquared().requests).toHaveLength(1);
});

test('a connection dropped after GoSquared acted is not retried', async () => {
	gosquared().addFault({ method: 'POST', path: '/tracking/v1/identify', reset: true, process: true });
	const result = await runWorkflow(workflow(), { credentials: credentials(), input: [{ person: 'jon@example.com', name: 'Jon' }] });
	expect(result.error('Identify Person')?.description).toMatch(/^The person may have been identified/);
	expect(gosquared().requests).toHaveLength(1);
	expect(siteData(sandbox.current).identifies).toHaveLength(1);
});
