/**
 * GoSquared, Webhook Trigger → Get Many (per input webhook, Limit), by real workflow executions
 * against the sandbox: what the user got.
 *
 * `prepare (no server)`: the operation on its own, its prepare() and send() called directly with
 * a plain object of parameters and a recording Api (test/helpers/prepare.ts); no sandbox needed.
 */
import { prepare } from '../../../nodes/GoSquared/actions/webhookTrigger/getAll.operation';
import { goSquaredService } from '../../../nodes/GoSquared/transport';
import { goSquaredCredentials, seeding } from '../../helpers/gosquared';
import { runWorkflow, withParameters, workflowFile } from '../../helpers/n8n';
import { answer, itemParameters, refusal, sendPrepared } from '../../helpers/prepare';
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

describe('prepare (no server)', () => {
	test('reads the triggers of the webhook, in input order per webhook, as a read that may be retried; one item per trigger, up to Limit', async () => {
		const list = answer({ list: [{ id: 1, trigger: 'traffic_spike' }, { id: 2, trigger: 'chat_message' }] });
		const prepared = prepare(itemParameters({ webhookId: 17, returnAll: true }));
		expect(prepared.key).toBe('17');
		expect(await sendPrepared(prepared, goSquaredService, list)).toEqual({
			output: [
				{ id: 1, trigger: 'traffic_spike' },
				{ id: 2, trigger: 'chat_message' },
			],
			requests: [{ method: 'GET', path: '/account/v1/webhooks/17/triggers', idempotent: true }],
		});
		const limited = await sendPrepared(prepare(itemParameters({ webhookId: 17, returnAll: false, limit: 1 })), goSquaredService, list);
		expect(limited.output).toEqual([{ id: 1, trigger: 'traffic_spike' }]);
	});

	test.each([
		['a Limit that is not a whole number', { webhookId: 17, returnAll: false, limit: 1.5 }, '"Limit" must be a whole number above 0, not 1.5 (item 0)'],
		['no Webhook ID', { returnAll: true }, '"Webhook ID" is required: pick it From List, or give its number, e.g. 1234 (item 0)'],
	])('%s is the named-field error of its item', (_case, values, message) => {
		expect(refusal(() => prepare(itemParameters(values)))).toEqual({ message, itemIndex: 0 });
	});
});
