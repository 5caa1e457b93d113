/**
 * GoSquared, Webhook Trigger → Get, by a real workflow execution against the sandbox: what reached
 * the wire, and what the user got.
 *
 * `prepare (no server)`: the operation on its own, its prepare() and send() called directly with
 * a plain object of parameters and a recording Api (test/helpers/prepare.ts); no sandbox needed.
 */
import { prepare } from '../../../nodes/GoSquared/actions/webhookTrigger/get.operation';
import { goSquaredService } from '../../../nodes/GoSquared/transport';
import { goSquaredCredentials, seeding } from '../../helpers/gosquared';
import { runWorkflow, workflowFile } from '../../helpers/n8n';
import { answer, itemParameters, refusal, sendPrepared } from '../../helpers/prepare';
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

describe('prepare (no server)', () => {
	test('reads the trigger of the webhook, in input order per webhook, as a read that may be retried; the answer is the item', async () => {
		const prepared = prepare(itemParameters({ webhookId: 17, triggerId: { __rl: true, mode: 'list', value: '5001' } }));
		expect(prepared.key).toBe('17');
		const trigger = { id: 5001, trigger: 'traffic_spike', value: 40 };
		expect(await sendPrepared(prepared, goSquaredService, answer(trigger))).toEqual({
			output: trigger,
			requests: [{ method: 'GET', path: '/account/v1/webhooks/17/triggers/5001', idempotent: true }],
		});
	});

	test.each([
		['no Trigger ID', { webhookId: 17 }, '"Trigger ID" is required: pick it From List, or give its number, e.g. 1234 (item 0)'],
		['a Trigger ID that is not a number', { webhookId: 17, triggerId: 'x' }, '"Trigger ID" must be a whole number above 0, not "x" (item 0)'],
	])('%s is the named-field error of its item', (_case, values, message) => {
		expect(refusal(() => prepare(itemParameters(values)))).toEqual({ message, itemIndex: 0 });
	});
});
