/**
 * GoSquared, Webhook → Delete (and "Treat Missing as Deleted"), by real workflow executions against
 * the sandbox: what reached the wire, what is left there, and what the user got.
 *
 * `prepare (no server)`: the operation on its own, its prepare() and send() called directly with
 * a plain object of parameters and a recording Api (test/helpers/prepare.ts); no sandbox needed.
 */
import { prepare } from '../../../nodes/GoSquared/actions/webhook/delete.operation';
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

describe('Webhook', () => {
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

describe('prepare (no server)', () => {
	test('deletes the webhook, in input order per webhook, as a request that may be repeated; a 404 fails unless missing counts as deleted', async () => {
		const prepared = prepare(itemParameters({ webhookId: { __rl: true, mode: 'list', value: '17' } }));
		expect(prepared.key).toBe('17');
		expect(await sendPrepared(prepared, goSquaredService, answer({}))).toEqual({
			output: { deleted: true, id: 17 },
			requests: [{ method: 'DELETE', path: '/account/v1/webhooks/17', idempotent: true, notFoundIsAnswer: false }],
		});

		const tolerant = prepare(itemParameters({ webhookId: 17, options: { treatMissingAsDeleted: true } }));
		expect(await sendPrepared(tolerant, goSquaredService, answer({ code: 4004 }, 404))).toEqual({
			output: { deleted: false, notFound: true, id: 17 },
			requests: [{ method: 'DELETE', path: '/account/v1/webhooks/17', idempotent: true, notFoundIsAnswer: true }],
		});
	});

	test.each([
		['a Webhook ID that is not a number', { webhookId: { __rl: true, mode: 'id', value: 'abc' } }, '"Webhook ID" must be a whole number above 0, not "abc" (item 2)'],
		['Treat Missing as Deleted that is not true or false', { webhookId: 17, options: { treatMissingAsDeleted: 'yes' } }, '"Treat Missing as Deleted" must be true or false, not "yes" (item 2)'],
	])('%s is the named-field error of its item', (_case, values, message) => {
		expect(refusal(() => prepare(itemParameters(values, 2)))).toEqual({ message, itemIndex: 2 });
	});
});
