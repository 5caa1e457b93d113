/**
 * GoSquared, Webhook Trigger → Get Many (per input webhook, Limit), by real workflow executions
 * against the sandbox: what the user got.
 */
import { goSquaredCredentials, seeding } from '../../helpers/gosquared';
import { runWorkflow, withParameters, workflowFile } from '../../helpers/n8n';
import { useSandbox } from '../../helpers/sandbox';

const sandbox = useSandbox();
const credentials = () => goSquaredCredentials(sandbox.current);
const { seedTrigger, seedWebhooks } = seeding(sandbox);

describe('Webhook Trigger', () => {
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
});
