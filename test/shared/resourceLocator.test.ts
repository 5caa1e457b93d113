/**
 * The pickers: the GoSquared webhook and webhook trigger IDs and the CCAI Platform call ID are
 * resource locators (From List, By ID). Their lists come from the nodes' `listSearch` methods,
 * called as n8n's editor calls them, through the shared request layer; the operations read the ID
 * from any mode, and from workflows saved before the fields were locators.
 */
import { readFileSync } from 'fs';
import path from 'path';

import type { IDataObject, INodeParameterResourceLocator, IWorkflowBase } from 'n8n-workflow';

import { ccaiCredentials, CCAI } from '../helpers/ccai';
import { goSquaredCredentials, KEYS } from '../helpers/gosquared';
import { searchList } from '../helpers/listSearch';
import { ROOT, runWorkflow, withParameters, workflowFile } from '../helpers/n8n';
import { useSandbox } from '../helpers/sandbox';

const sandbox = useSandbox();
const gosquared = () => sandbox.current.services.gosquared;
const ccai = () => sandbox.current.services.ccai;

const picked = (value: string, cachedResultName = 'picked in the editor'): INodeParameterResourceLocator => ({
	__rl: true,
	mode: 'list',
	value,
	cachedResultName,
});
const typed = (value: string | number): INodeParameterResourceLocator => ({ __rl: true, mode: 'id', value });

function seedWebhook(name: string, url: string) {
	const webhook = { id: ++gosquared().webhookSeq, site: 'GSN-123456-A', name, url, include_unverified: false, created: '2026-01-01T00:00:00.000Z' };
	gosquared().webhooks.push(webhook);
	return webhook;
}

function seedTrigger(webhookId: number, trigger: 'traffic_dip' | 'chat_message' | 'entered_smart_group', value: string | number | null) {
	const created = { id: ++gosquared().triggerSeq, webhookId, trigger, value, created: '2026-01-01T00:00:00.000Z' };
	gosquared().triggers.push(created);
	return created;
}

const goSquaredSearch = (method: string, parameters: IDataObject = {}, filter?: string, apiKey?: string) =>
	searchList({
		node: 'goSquared',
		method,
		parameters: { resource: 'webhookTrigger', operation: 'get', ...parameters },
		credentials: goSquaredCredentials(sandbox.current, apiKey ? { apiKey } : {}),
		filter,
	});

const callSearch = (filter?: string, paginationToken?: string, password?: string) =>
	searchList({
		node: 'ccaiPlatform',
		method: 'searchCalls',
		parameters: { resource: 'call', operation: 'get', callId: picked('') },
		credentials: ccaiCredentials(sandbox.current, password ? { password } : {}),
		credentialId: 'ccai-1',
		filter,
		paginationToken,
	});

describe('GoSquared pickers', () => {
	test('Webhook ID lists the site\'s webhooks by name, and never shows the secret in a trigger\'s webhook address', async () => {
		const named = seedWebhook('Traffic alerts to Slack', 'https://hooks.example.com/traffic');
		const secret = 'a'.repeat(64);
		const unnamed = seedWebhook('', `https://n8n.example.com/webhook/abc/webhook?secret=${secret}`);
		const { results } = await goSquaredSearch('searchWebhooks');
		expect(results).toEqual([
			{ name: `Traffic alerts to Slack (${named.id})`, value: String(named.id) },
			{ name: `https://n8n.example.com/webhook/abc/webhook (${unnamed.id})`, value: String(unnamed.id) },
		]);
		const [request] = gosquared().requests;
		expect([request.method, request.path, request.query]).toEqual([
			'GET',
			'/account/v1/webhooks',
			{ api_key: KEYS.write, site_token: 'GSN-123456-A' },
		]);

		expect((await goSquaredSearch('searchWebhooks', {}, 'SLACK')).results.map((result) => result.value)).toEqual([String(named.id)]);
		expect((await goSquaredSearch('searchWebhooks', {}, String(unnamed.id))).results.map((result) => result.value)).toEqual([String(unnamed.id)]);
	});

	test('Trigger ID lists the triggers of the webhook picked above, and nothing until one is picked', async () => {
		const webhook = seedWebhook('Alerts', 'https://hooks.example.com/a');
		const other = seedWebhook('Other', 'https://hooks.example.com/b');
		const dip = seedTrigger(webhook.id, 'traffic_dip', 50);
		const chat = seedTrigger(webhook.id, 'chat_message', null);
		const group = seedTrigger(webhook.id, 'entered_smart_group', 'trial-users');
		seedTrigger(other.id, 'traffic_dip', 10);

		const expected = [
			{ name: `Traffic Dip: 50 (${dip.id})`, value: String(dip.id) },
			{ name: `Chat Message (${chat.id})`, value: String(chat.id) },
			{ name: `Entered Smart Group: trial-users (${group.id})`, value: String(group.id) },
		];
		// Picked from the list, typed by ID, or saved as a plain number before the pickers existed.
		for (const webhookId of [picked(String(webhook.id)), typed(String(webhook.id)), webhook.id]) {
			expect((await goSquaredSearch('searchWebhookTriggers', { webhookId })).results).toEqual(expected);
		}
		expect(gosquared().requests.map((request) => request.path)).toEqual(Array(3).fill(`/account/v1/webhooks/${webhook.id}/triggers`));

		expect((await goSquaredSearch('searchWebhookTriggers', { webhookId: picked(String(webhook.id)) }, 'dip')).results).toEqual([expected[0]]);
		gosquared().requests = [];
		expect(await goSquaredSearch('searchWebhookTriggers', { webhookId: picked('') })).toEqual({ results: [] });
		expect(gosquared().requests).toEqual([]);
	});

	test('a list GoSquared refuses shows GoSquared\'s error, without the key even when GoSquared echoes it', async () => {
		gosquared().echoRequestInErrors = true;
		const error = await goSquaredSearch('searchWebhooks', {}, undefined, KEYS.readOnly).catch((caught: Error) => caught);
		expect(error).toBeInstanceOf(Error);
		const { message, description } = error as Error & { description?: string };
		expect(message).toBe('Error 4001: Your API Key is not authorised for this endpoint (HTTP 403): the API key is not authorised for this site');
		expect(JSON.stringify(error)).not.toContain(KEYS.readOnly);
		expect(`${message} ${description}`).not.toContain(KEYS.readOnly);
	});
});

describe('the CCAI Platform Call ID picker', () => {
	test('lists the calls newest first, 50 at a time, with what tells them apart', async () => {
		const added = ccai().addCalls({ count: 60, from: Date.parse('2030-01-01T10:00:00Z'), spacingMs: 60_000, status: 'finished' });
		const first = await callSearch();
		expect(first.results).toHaveLength(50);
		// The next page, and the last call shown: a page that repeats calls already shown leaves them out.
		expect(first.paginationToken).toBe(`2:${Date.parse(added[10].call.created_at)}:${added[10].id}`);
		expect(first.results[0]).toEqual({
			name: `${added[59].id} · Voice Outbound (API) · Finished · Admin UJET · 2030-01-01 10:59 UTC`,
			value: String(added[59].id),
		});
		const [request] = ccai().requests;
		expect([request.path, request.query]).toEqual([
			'/manager/api/v1/calls',
			{ sort_column: 'created_at', sort_direction: 'DESC', per: '50', page: '1' },
		]);
		expect(request.headers.authorization).toMatch(/^Basic /);

		const second = await callSearch(undefined, first.paginationToken);
		expect(second.paginationToken).toBeUndefined();
		expect(second.results.map((result) => result.value)).toEqual([
			...added.slice(0, 10).reverse().map((call) => String(call.id)),
			'515',
			'398',
			'397',
		]);
	});

	test('a search for a number finds that call directly, however old it is', async () => {
		ccai().addCalls({ count: 120, from: Date.parse('2030-01-01T10:00:00Z'), status: 'finished' });
		const { results } = await callSearch('397');
		expect(results[0]).toEqual({ name: expect.stringMatching(/^397 · Voice Outbound \(API\) · Finished · /), value: '397' });
		expect(ccai().requests.map((request) => request.path)).toEqual(['/manager/api/v1/calls/397', '/manager/api/v1/calls']);
	});

	test('a search text reads on past pages without a match, a few pages at most', async () => {
		const [failed] = ccai().addCalls({ count: 1, from: Date.parse('2030-01-01T09:00:00Z'), status: 'failed' });
		ccai().addCalls({ count: 120, from: Date.parse('2030-01-01T10:00:00Z'), status: 'finished' });
		const { results, paginationToken } = await callSearch('failed');
		expect(results.map((result) => result.value)).toEqual([String(failed.id)]);
		expect(paginationToken).toBeUndefined();
		expect(ccai().requests.map((request) => request.query.page)).toEqual(['1', '2', '3']);
	});

	test('a refused credential shows CCAI Platform\'s answer, and never the token', async () => {
		const password = 'wrong-token-but-long-enough-1234';
		ccai().echoRequestInErrors = true;
		const error = (await callSearch(undefined, undefined, password).catch((caught: Error) => caught)) as Error & { description?: string };
		expect(error.message).toBe('Invalid credentials (HTTP 401): CCAI Platform refused the credentials');
		expect(JSON.stringify(error)).not.toContain(password);
		expect(JSON.stringify(error)).not.toContain(Buffer.from(`${CCAI.subdomain}:${password}`).toString('base64'));
	});

	test('keeps to the credential\'s 10 requests per second: 15 searches at once meet no 429', async () => {
		const results = await Promise.all(Array.from({ length: 15 }, () => callSearch()));
		expect(results.every((result) => result.results.length === 3)).toBe(true);
		expect(ccai().rateLimited).toBe(0);
		expect(ccai().requests).toHaveLength(15);
	});
});

describe('the operations read the ID from every form it is saved in', () => {
	test.each([
		['picked from the list', picked('1001', 'Traffic (1001)')],
		['typed by ID', typed('1001')],
		['typed by ID, with spaces', typed(' 1001 ')],
		['given by an expression in By ID', typed('={{ 1000 + 1 }}')],
		['saved as a plain number before the pickers', 1001],
		['saved as plain text before the pickers', '1001'],
	])('GoSquared Webhook → Get, a Webhook ID %s', async (_how, webhookId) => {
		seedWebhook('Traffic', 'https://hooks.example.com/t');
		const workflow = withParameters(workflowFile('gosquared-webhook-get.json'), 'Get Webhook', { webhookId });
		const result = await runWorkflow(workflow, { credentials: goSquaredCredentials(sandbox.current) });
		expect(result.output('Get Webhook')[0].json).toMatchObject({ id: 1001, name: 'Traffic' });
		expect(gosquared().requests.map((request) => `${request.method} ${request.path}`)).toEqual(['GET /account/v1/webhooks/1001']);
	});

	test('GoSquared Webhook Trigger → Remove, both IDs picked from their lists', async () => {
		const webhook = seedWebhook('Traffic', 'https://hooks.example.com/t');
		const trigger = seedTrigger(webhook.id, 'traffic_dip', 50);
		const workflow = withParameters(workflowFile('gosquared-webhook-trigger-remove.json'), 'Remove Trigger', {
			webhookId: picked(String(webhook.id)),
			triggerId: picked(String(trigger.id)),
		});
		const result = await runWorkflow(workflow, { credentials: goSquaredCredentials(sandbox.current) });
		expect(result.output('Remove Trigger')[0].json).toEqual({ removed: true, webhookId: webhook.id, triggerId: trigger.id });
		expect(gosquared().triggers).toEqual([]);
	});

	test.each([
		['picked from the list', picked('398', '398 · Voice Outbound (API) · Finished')],
		['typed by ID', typed('398')],
		['saved as a plain number before the pickers', 398],
	])('CCAI Platform Customer Flag → Update, a Call ID %s', async (_how, callId) => {
		const workflow = withParameters(workflowFile('ccai-update-flags.json'), 'Update Flags', { callId, flags: { badActor: true } });
		const result = await runWorkflow(workflow, { credentials: ccaiCredentials(sandbox.current) });
		expect(result.output('Update Flags')[0].json).toMatchObject({ call_id: 398, bad_actor: true });
		expect(ccai().requests.map((request) => `${request.method} ${request.path}`)).toEqual(['PATCH /apps/api/v1/calls/398/customer_flag']);
	});

	test('an ID typed By ID that is not a number: n8n itself refuses to start the workflow, nothing is sent', async () => {
		const workflow = withParameters(workflowFile('ccai-get-call.json'), 'Get Call', { callId: typed('call-398') });
		await expect(runWorkflow(workflow, { credentials: ccaiCredentials(sandbox.current) })).rejects.toThrow(
			"The 'Get Call' node has issues:\n- \"Call ID\" must be a whole number above 0",
		);
		expect(ccai().requests).toEqual([]);
	});

	test('the example workflows still hold their IDs as plain values, and run (see examples.test.ts)', () => {
		const example = JSON.parse(readFileSync(path.join(ROOT, 'examples', 'ccai-customer-flags.json'), 'utf8')) as IWorkflowBase;
		const ids = example.nodes.map((node) => node.parameters.callId);
		expect(ids).toEqual([undefined, 397, '={{ $json.call_id }}']);
	});
});
