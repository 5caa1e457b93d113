/**
 * GoSquared, Webhook Trigger → Get, by a real workflow execution against the sandbox: what reached the wire, and what the user got.
 */
import { goSquaredCredentials, seeding } from '../../helpers/gosquared';
import { runWorkflow, workflowFile } from '../../helpers/n8n';
import { useSandbox } from '../../helpers/sandbox';

const sandbox = useSandbox();
const requests = () => sandbox.current.services.gosquared.requests;
const credentials = () => goSquaredCredentials(sandbox.current);
const { seedTrigger, seedWebhooks } = seeding(sandbox);

describe('Webhook Trigger', () => {
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
});
