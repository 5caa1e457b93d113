/**
 * GoSquared, Webhook Trigger → Add, with each kind of event, by real workflow executions against
 * the sandbox: what reached the wire, and what the user got.
 *
 * `prepare (no server)`: the operation on its own, its prepare() and send() called directly with
 * a plain object of parameters and a recording Api (test/helpers/prepare.ts); no sandbox needed.
 */
import { prepare } from '../../../nodes/GoSquared/actions/webhookTrigger/add.operation';
import { goSquaredService } from '../../../nodes/GoSquared/transport';
import { goSquaredCredentials, seeding } from '../../helpers/gosquared';
import { runWorkflow, withParameters, workflowFile } from '../../helpers/n8n';
import { answer, itemParameters, refusal, sendPrepared } from '../../helpers/prepare';
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

describe('prepare (no server)', () => {
	test('posts the event and its value to the webhook, in input order per webhook, never repeated once sent; the answer is the item', async () => {
		const prepared = prepare(itemParameters({ webhookId: 17, trigger: 'enteredSmartGroup', smartGroupId: ' trial-users ' }));
		expect(prepared.key).toBe('17');
		const trigger = { id: 5001, trigger: 'entered_smart_group', value: 'trial-users', created: '2026-01-01T00:00:00.000Z' };
		expect(await sendPrepared(prepared, goSquaredService, answer(trigger))).toEqual({
			output: trigger,
			requests: [
				{
					method: 'POST',
					path: '/account/v1/webhooks/17/triggers',
					body: { trigger: 'entered_smart_group', value: 'trial-users' },
					idempotent: false,
				},
			],
		});
	});

	test('a chat message has no value: an empty one is sent, as GoSquared documents value as required here', async () => {
		const { requests } = await sendPrepared(prepare(itemParameters({ webhookId: 17, trigger: 'chatMessage' })), goSquaredService, answer({ id: 5002 }));
		expect(requests.map((request) => request.body)).toEqual([{ trigger: 'chat_message', value: '' }]);
	});

	test.each([
		['an empty Smart Group ID', { webhookId: 17, trigger: 'enteredSmartGroup', smartGroupId: ' ' }, '"Smart Group ID" is required: give the Smart Group ID (the last part of its URL) (item 2)'],
		['a threshold that is not a number', { webhookId: 17, trigger: 'trafficDip', threshold: 'ten' }, '"Visitor Threshold" must be a whole number above 0, not "ten" (item 2)'],
		['a Webhook ID of 0', { webhookId: 0, trigger: 'chatMessage' }, '"Webhook ID" must be a whole number above 0, not "0" (item 2)'],
		// Create's "None" is not an event a trigger can have: an expression (or a model) giving it is refused.
		['the event "none"', { webhookId: 17, trigger: 'none' }, '"Event" "none" is not one of chatMessage, enteredSmartGroup, exitedSmartGroup, trafficDip, trafficSpike (item 2)'],
	])('%s is the named-field error of its item', (_case, values, message) => {
		expect(refusal(() => prepare(itemParameters(values, 2)))).toEqual({ message, itemIndex: 2 });
	});
});
