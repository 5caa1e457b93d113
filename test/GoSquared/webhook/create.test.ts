/**
 * Every GoSquared operation, by real workflow executions against the sandbox: what reached the
 * wire, and what the user got.
 */
import { goSquaredCredentials, KEYS, SITES } from '../../helpers/gosquared';
import { runWorkflow, withParameters, workflowFile } from '../../helpers/n8n';
import { useSandbox } from '../../helpers/sandbox';

const sandbox = useSandbox();
const gosquared = () => sandbox.current.services.gosquared;
const requests = () => gosquared().requests;
const credentials = () => goSquaredCredentials(sandbox.current);

/** Webhooks made directly in the sandbox, as if created earlier in GoSquared. */
function seedWebhooks(count: number, site = SITES.main) {
	return Array.from({ length: count }, (_, index) => {
		const webhook = {
			id: ++gosquared().webhookSeq,
			site,
			name: `Hook ${index + 1}`,
			url: `https://hooks.example.com/${index + 1}`,
			include_unverified: false,
			created: '2026-01-01T00:00:00.000Z',
		};
		gosquared().webhooks.push(webhook);
		return webhook;
	});
}

function seedTrigger(webhookId: number, trigger: 'traffic_spike' | 'chat_message' | 'entered_smart_group', value: string | number) {
	const created = { id: ++gosquared().triggerSeq, webhookId, trigger, value, created: '2026-01-01T00:00:00.000Z' };
	gosquared().triggers.push(created);
	return created;
}

describe('Webhook', () => {
	test('Create posts the URL, name, trigger with its threshold and Include Unverified, and outputs the new webhook', async () => {
		const result = await runWorkflow(workflowFile('gosquared-webhook-create.json'), {
			credentials: credentials(),
			input: [{ url: 'https://hooks.example.com/traffic', name: 'Traffic to Slack', threshold: '250' }],
		});

		expect(requests()).toHaveLength(1);
		const [request] = requests();
		expect(request.method).toBe('POST');
		expect(request.path).toBe('/account/v1/webhooks');
		expect(request.query).toEqual({ api_key: KEYS.write, site_token: SITES.main });
		expect(request.headers['content-type']).toMatch(/^application\/json/);
		expect(request.json).toEqual({
			url: 'https://hooks.example.com/traffic',
			name: 'Traffic to Slack',
			trigger: 'traffic_spike',
			value: 250,
			include_unverified: true,
		});
		const output = result.output('Create Webhook');
		expect(output).toEqual([
			{
				json: {
					id: 1001,
					name: 'Traffic to Slack',
					url: 'https://hooks.example.com/traffic',
					include_unverified: true,
					created: expect.any(String),
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(gosquared().triggersOf(1001)).toEqual([expect.objectContaining({ trigger: 'traffic_spike', value: 250 })]);
	});

	test.each([
		['a Smart Group, given as its URL', { trigger: 'exitedSmartGroup', smartGroupId: 'https://www.gosquared.com/people/GSN-123456-A/smart-groups/churn-risk' }, { trigger: 'exited_smart_group', value: 'churn-risk' }],
		['a chat message (no value)', { trigger: 'chatMessage' }, { trigger: 'chat_message' }],
		['no trigger', { trigger: 'none' }, {}],
	])('Create with %s sends the trigger GoSquared expects', async (_case, parameters, sent) => {
		const workflow = withParameters(workflowFile('gosquared-webhook-create.json'), 'Create Webhook', {
			...parameters,
			includeUnverified: false,
		});
		await runWorkflow(workflow, { credentials: credentials(), input: [{ url: 'http://hooks.example.com/a', name: '' }] });
		expect(requests()[0].json).toEqual({ url: 'http://hooks.example.com/a', ...sent, include_unverified: false });
		expect(gosquared().webhooks).toHaveLength(1);
	});

	test('Get outputs the webhook', async () => {
		const [, second] = seedWebhooks(2);
		const result = await runWorkflow(workflowFile('gosquared-webhook-get.json'), {
			credentials: credentials(),
			input: [{ webhookId: second.id }],
		});
		expect(requests().map((request) => `${request.method} ${request.path}`)).toEqual([`GET /account/v1/webhooks/${second.id}`]);
		const { site: _site, ...expected } = second;
		expect(result.output('Get Webhook').map((item) => item.json)).toEqual([expected]);
	});

	test('Get Many outputs one item per webhook, up to Limit, each linked to its input', async () => {
		const seeded = seedWebhooks(3);
		seedWebhooks(1, SITES.second);
		const result = await runWorkflow(workflowFile('gosquared-webhook-get-many.json'), { credentials: credentials() });

		expect(requests().map((request) => `${request.method} ${request.path}`)).toEqual(['GET /account/v1/webhooks']);
		const output = result.output('Get Webhooks');
		expect(output.map((item) => item.json.id)).toEqual([seeded[0].id, seeded[1].id]);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
	});

	test('Get Many with Return All outputs all of the site\'s webhooks, and nothing for an empty site', async () => {
		const seeded = seedWebhooks(3);
		const all = withParameters(workflowFile('gosquared-webhook-get-many.json'), 'Get Webhooks', { returnAll: true });
		const result = await runWorkflow(all, { credentials: credentials() });
		expect(result.output('Get Webhooks').map((item) => item.json.id)).toEqual(seeded.map((webhook) => webhook.id));

		const empty = await runWorkflow(all, { credentials: goSquaredCredentials(sandbox.current, { siteToken: SITES.second }) });
		expect(empty.output('Get Webhooks')).toEqual([]);
	});

	test('Delete deletes the webhook and its triggers, and outputs { deleted: true, id }', async () => {
		const [webhook] = seedWebhooks(1);
		seedTrigger(webhook.id, 'chat_message', '');
		const result = await runWorkflow(workflowFile('gosquared-webhook-delete.json'), {
			credentials: credentials(),
			input: [{ webhookId: String(webhook.id) }],
		});
		expect(requests().map((request) => `${request.method} ${request.path} ${request.status}`)).toEqual([
			`DELETE /account/v1/webhooks/${webhook.id} 200`,
		]);
		expect(result.output('Delete Webhook')[0].json).toEqual({ deleted: true, id: webhook.id });
		expect(gosquared().webhooks).toEqual([]);
		expect(gosquared().triggers).toEqual([]);
	});

	test('Delete of a webhook that is already gone fails with GoSquared\'s 404', async () => {
		const result = await runWorkflow(workflowFile('gosquared-webhook-delete.json'), {
			credentials: credentials(),
			input: [{ webhookId: 4242 }],
		});
		const error = result.error('Delete Webhook');
		expect(error?.name).toBe('NodeApiError');
		expect(error?.httpCode).toBe('404');
		expect(error?.message).toBe('Error 4004: Invalid value: no webhook with ID 4242 (HTTP 404): no such webhook');
		expect(error?.description).toContain('Turn on "Treat Missing as Deleted"');
		// A 404 is an answer: not retried.
		expect(requests()).toHaveLength(1);
	});

	test('Delete with "Treat Missing as Deleted" outputs { deleted: false, notFound: true } for a missing one', async () => {
		const [webhook] = seedWebhooks(1);
		const workflow = withParameters(workflowFile('gosquared-webhook-delete.json'), 'Delete Webhook', {
			options: { treatMissingAsDeleted: true },
		});
		const result = await runWorkflow(workflow, {
			credentials: credentials(),
			input: [{ webhookId: webhook.id }, { webhookId: 4242 }],
		});
		expect(result.output('Delete Webhook')).toEqual([
			{ json: { deleted: true, id: webhook.id }, pairedItem: { item: 0 } },
			{ json: { deleted: false, notFound: true, id: 4242 }, pairedItem: { item: 1 } },
		]);
	});
});

describe('Webhook Trigger', () => {
	test('Add posts the trigger and its value, and outputs the new trigger', async () => {
		const [webhook] = seedWebhooks(1);
		const result = await runWorkflow(workflowFile('gosquared-webhook-trigger-add.json'), {
			credentials: credentials(),
			input: [{ webhookId: webhook.id, group: ' trial-users ' }],
		});
		const [request] = requests();
		expect(`${request.method} ${request.path}`).toBe(`POST /account/v1/webhooks/${webhook.id}/triggers`);
		expect(request.json).toEqual({ trigger: 'entered_smart_group', value: 'trial-users' });
		expect(result.output('Add Trigger')[0].json).toEqual({
			id: 5001,
			trigger: 'entered_smart_group',
			value: 'trial-users',
			created: expect.any(String),
		});
		expect(gosquared().triggersOf(webhook.id)).toHaveLength(1);
	});

	test.each([
		['a traffic dip with its threshold', { trigger: 'trafficDip', threshold: 12 }, { trigger: 'traffic_dip', value: 12 }],
		// GoSquared documents value as required here; a chat message has none, so '' is sent.
		['a chat message', { trigger: 'chatMessage' }, { trigger: 'chat_message', value: '' }],
	])('Add %s', async (_case, parameters, sent) => {
		const [webhook] = seedWebhooks(1);
		const workflow = withParameters(workflowFile('gosquared-webhook-trigger-add.json'), 'Add Trigger', parameters);
		const result = await runWorkflow(workflow, { credentials: credentials(), input: [{ webhookId: webhook.id }] });
		expect(requests()[0].json).toEqual(sent);
		expect(result.output('Add Trigger')[0].json).toMatchObject(sent);
	});

	test('Get outputs the trigger', async () => {
		const [webhook] = seedWebhooks(1);
		const trigger = seedTrigger(webhook.id, 'traffic_spike', 40);
		const result = await runWorkflow(workflowFile('gosquared-webhook-trigger-get.json'), {
			credentials: credentials(),
			input: [{ webhookId: webhook.id, triggerId: trigger.id }],
		});
		expect(requests().map((request) => request.path)).toEqual([`/account/v1/webhooks/${webhook.id}/triggers/${trigger.id}`]);
		expect(result.output('Get Trigger')[0].json).toEqual({
			id: trigger.id,
			trigger: 'traffic_spike',
			value: 40,
			created: trigger.created,
		});
	});

	test('Get Many outputs one item per trigger, for each input webhook', async () => {
		const [first, second] = seedWebhooks(2);
		seedTrigger(first.id, 'traffic_spike', 40);
		seedTrigger(first.id, 'chat_message', '');
		seedTrigger(second.id, 'entered_smart_group', 'vip');
		const result = await runWorkflow(workflowFile('gosquared-webhook-trigger-get-many.json'), {
			credentials: credentials(),
			input: [{ webhookId: first.id }, { webhookId: second.id }],
		});
		expect(
			result.output('Get Triggers').map((item) => [item.json.trigger, item.json.value, item.pairedItem]),
		).toEqual([
			['traffic_spike', 40, { item: 0 }],
			['chat_message', '', { item: 0 }],
			['entered_smart_group', 'vip', { item: 1 }],
		]);
	});

	test('Get Many honours Limit', async () => {
		const [webhook] = seedWebhooks(1);
		seedTrigger(webhook.id, 'traffic_spike', 40);
		seedTrigger(webhook.id, 'chat_message', '');
		const workflow = withParameters(workflowFile('gosquared-webhook-trigger-get-many.json'), 'Get Triggers', {
			returnAll: false,
			limit: 1,
		});
		const result = await runWorkflow(workflow, { credentials: credentials(), input: [{ webhookId: webhook.id }] });
		expect(result.output('Get Triggers').map((item) => item.json.trigger)).toEqual(['traffic_spike']);
	});

	test('Remove removes the trigger and outputs { removed: true }; a missing one fails with 404 unless told otherwise', async () => {
		const [webhook] = seedWebhooks(1);
		const trigger = seedTrigger(webhook.id, 'traffic_spike', 40);
		const result = await runWorkflow(workflowFile('gosquared-webhook-trigger-remove.json'), {
			credentials: credentials(),
			input: [{ webhookId: webhook.id, triggerId: trigger.id }],
		});
		expect(`${requests()[0].method} ${requests()[0].path}`).toBe(
			`DELETE /account/v1/webhooks/${webhook.id}/triggers/${trigger.id}`,
		);
		expect(result.output('Remove Trigger')[0].json).toEqual({ removed: true, webhookId: webhook.id, triggerId: trigger.id });
		expect(gosquared().triggers).toEqual([]);
		expect(gosquared().webhooks).toHaveLength(1);

		const again = await runWorkflow(workflowFile('gosquared-webhook-trigger-remove.json'), {
			credentials: credentials(),
			input: [{ webhookId: webhook.id, triggerId: trigger.id }],
		});
		expect(again.error('Remove Trigger')?.message).toBe(
			`Error 4004: Invalid value: no trigger with ID ${trigger.id} (HTTP 404): no such trigger`,
		);

		const tolerant = withParameters(workflowFile('gosquared-webhook-trigger-remove.json'), 'Remove Trigger', {
			options: { treatMissingAsDeleted: true },
		});
		const quiet = await runWorkflow(tolerant, {
			credentials: credentials(),
			input: [{ webhookId: webhook.id, triggerId: trigger.id }],
		});
		expect(quiet.output('Remove Trigger')[0].json).toEqual({
			removed: false,
			notFound: true,
			webhookId: webhook.id,
			triggerId: trigger.id,
		});
	});
});
