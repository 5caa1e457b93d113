/**
 * GoSquared, Webhook → Get, by a real workflow execution against the sandbox: what reached the
 * wire, and what the user got.
 *
 * `prepare (no server)`: the operation on its own, its prepare() and send() called directly with
 * a plain object of parameters and a recording Api (test/helpers/prepare.ts); no sandbox needed.
 */
import { prepare } from '../../../nodes/GoSquared/actions/webhook/get.operation';
import { goSquaredService } from '../../../nodes/GoSquared/transport';
import { goSquaredCredentials, seeding } from '../../helpers/gosquared';
import { runWorkflow, workflowFile } from '../../helpers/n8n';
import { answer, itemParameters, refusal, sendPrepared } from '../../helpers/prepare';
import { useSandbox } from '../../helpers/sandbox';

const sandbox = useSandbox();
const requests = () => sandbox.current.services.gosquared.requests;
const credentials = () => goSquaredCredentials(sandbox.current);
const { seedWebhooks } = seeding(sandbox);

describe('Webhook', () => {
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
});

describe('prepare (no server)', () => {
	test('reads the webhook picked from the list, in input order per webhook, as a read that may be retried; the answer is the item', async () => {
		const prepared = prepare(itemParameters({ webhookId: { __rl: true, mode: 'list', value: '17' } }));
		expect(prepared.key).toBe('17');
		const webhook = { id: 17, name: 'Hook', url: 'https://hooks.example.com/1' };
		expect(await sendPrepared(prepared, goSquaredService, answer(webhook))).toEqual({
			output: webhook,
			requests: [{ method: 'GET', path: '/account/v1/webhooks/17', idempotent: true }],
		});
	});

	test.each([
		['no Webhook ID', {}, '"Webhook ID" is required: pick it From List, or give its number, e.g. 1234 (item 0)'],
		['a Webhook ID typed By ID that is not a number', { webhookId: { __rl: true, mode: 'id', value: '17?x=1' } }, '"Webhook ID" must be a whole number above 0, not "17?x=1" (item 0)'],
	])('%s is the named-field error of its item', (_case, values, message) => {
		expect(refusal(() => prepare(itemParameters(values)))).toEqual({ message, itemIndex: 0 });
	});
});
