/**
 * GoSquared, Webhook Trigger → Remove (and "Treat Missing as Deleted"), by real workflow executions
 * against the sandbox: what reached the wire, what is left there, and what the user got.
 *
 * `prepare (no server)`: the operation on its own, its prepare() and send() called directly with
 * a plain object of parameters and a recording Api (test/helpers/prepare.ts); no sandbox needed.
 */
import { prepare } from '../../../nodes/GoSquared/actions/webhookTrigger/remove.operation';
import { goSquaredService } from '../../../nodes/GoSquared/transport';
import { goSquaredCredentials, seeding } from '../../helpers/gosquared';
import { runWorkflow, withParameters, workflowFile } from '../../helpers/n8n';
import { answer, itemParameters, refusal, sendPrepared } from '../../helpers/prepare';
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

describe('prepare (no server)', () => {
	test('removes the trigger, in input order per webhook, as a request that may be repeated; a 404 fails unless missing counts as deleted', async () => {
		const prepared = prepare(itemParameters({ webhookId: 17, triggerId: 5001 }));
		expect(prepared.key).toBe('17');
		expect(await sendPrepared(prepared, goSquaredService, answer({}))).toEqual({
			output: { removed: true, webhookId: 17, triggerId: 5001 },
			requests: [{ method: 'DELETE', path: '/account/v1/webhooks/17/triggers/5001', idempotent: true, notFoundIsAnswer: false }],
		});

		const tolerant = prepare(itemParameters({ webhookId: 17, triggerId: 5001, options: { treatMissingAsDeleted: 'TRUE' } }));
		const missing = await sendPrepared(tolerant, goSquaredService, answer({ code: 4004 }, 404));
		expect(missing.output).toEqual({ removed: false, notFound: true, webhookId: 17, triggerId: 5001 });
		expect(missing.requests.map((request) => request.notFoundIsAnswer)).toEqual([true]);
	});

	test.each([
		['a Trigger ID that is not a number', { webhookId: 17, triggerId: 'x' }, '"Trigger ID" must be a whole number above 0, not "x" (item 0)'],
		['a Webhook ID that is negative', { webhookId: -17, triggerId: 5001 }, '"Webhook ID" must be a whole number above 0, not "-17" (item 0)'],
	])('%s is the named-field error of its item', (_case, values, message) => {
		expect(refusal(() => prepare(itemParameters(values)))).toEqual({ message, itemIndex: 0 });
	});
});
