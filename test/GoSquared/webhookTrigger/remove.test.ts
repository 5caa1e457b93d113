/**
 * GoSquared, Webhook Trigger → Remove (and "Treat Missing as Deleted"), by real workflow
 * executions against the sandbox: what reached the wire, what is left there, and what the user got.
 */
import { goSquaredCredentials, seeding } from '../../helpers/gosquared';
import { runWorkflow, withParameters, workflowFile } from '../../helpers/n8n';
import { useSandbox } from '../../helpers/sandbox';

const sandbox = useSandbox();
const gosquared = () => sandbox.current.services.gosquared;
const requests = () => gosquared().requests;
const credentials = () => goSquaredCredentials(sandbox.current);
const { seedTrigger, seedWebhooks } = seeding(sandbox);

describe('Webhook Trigger', () => {
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
