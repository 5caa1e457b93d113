/**
 * GoSquared, Webhook Trigger → Add, with each kind of event, by real workflow executions
 * against the sandbox: what reached the wire, and what the user got.
 */
import { goSquaredCredentials, seeding } from '../../helpers/gosquared';
import { runWorkflow, withParameters, workflowFile } from '../../helpers/n8n';
import { useSandbox } from '../../helpers/sandbox';

const sandbox = useSandbox();
const gosquared = () => sandbox.current.services.gosquared;
const requests = () => gosquared().requests;
const credentials = () => goSquaredCredentials(sandbox.current);
const { seedWebhooks } = seeding(sandbox);

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
});
