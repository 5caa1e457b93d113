/**
 * GoSquared, Webhook → Get Many (Limit, Return All), by real workflow executions against the
 * sandbox: what reached the wire, and what the user got.
 *
 * `prepare (no server)`: the operation on its own, its prepare() and send() called directly with
 * a plain object of parameters and a recording Api (test/helpers/prepare.ts); no sandbox needed.
 */
import { prepare } from '../../../nodes/GoSquared/actions/webhook/getAll.operation';
import { goSquaredService } from '../../../nodes/GoSquared/transport';
import { goSquaredCredentials, seeding, SITES } from '../../helpers/gosquared';
import { runWorkflow, withParameters, workflowFile } from '../../helpers/n8n';
import { answer, itemParameters, RecordingApi, refusal, sendPrepared } from '../../helpers/prepare';
import { useSandbox } from '../../helpers/sandbox';

const sandbox = useSandbox();
const requests = () => sandbox.current.services.gosquared.requests;
const credentials = () => goSquaredCredentials(sandbox.current);
const { seedWebhooks } = seeding(sandbox);

describe('Webhook', () => {
	test('Get Many outputs one item per webhook, up to Limit, each linked to its input', async () => {
		const seeded = seedWebhooks(3);
		seedWebhooks(1, SITES.second);
		const result = await runWorkflow(workflowFile('gosquared-webhook-get-many.json'), { credentials: credentials() });

		expect(requests().map((request) => `${request.method} ${request.path}`)).toEqual(['GET /account/v1/webhooks']);
		const output = result.output('Get Webhooks');
		expect(output.map((item) => item.json.id)).toEqual([seeded[0].id, seeded[1].id]);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
	});

	test('Get Many with Return All outputs all of the site\'s webhooks, and nothing for an empty site', async () => {
		const seeded = seedWebhooks(3);
		const all = withParameters(workflowFile('gosquared-webhook-get-many.json'), 'Get Webhooks', { returnAll: true });
		const result = await runWorkflow(all, { credentials: credentials() });
		expect(result.output('Get Webhooks').map((item) => item.json.id)).toEqual(seeded.map((webhook) => webhook.id));

		const empty = await runWorkflow(all, { credentials: goSquaredCredentials(sandbox.current, { siteToken: SITES.second }) });
		expect(empty.output('Get Webhooks')).toEqual([]);
	});
});

describe('prepare (no server)', () => {
	const list = answer({ list: [{ id: 1 }, { id: 2 }, 'not a webhook', { id: 3 }] });

	test('reads the list once, unordered, as a read that may be retried; one item per webhook, up to Limit', async () => {
		const prepared = prepare(itemParameters({ returnAll: false, limit: 2 }));
		expect(prepared.key).toBeUndefined();
		expect(await sendPrepared(prepared, goSquaredService, list)).toEqual({
			output: [{ id: 1 }, { id: 2 }],
			requests: [{ method: 'GET', path: '/account/v1/webhooks', idempotent: true }],
		});
		expect((await sendPrepared(prepare(itemParameters({ returnAll: true })), goSquaredService, list)).output).toEqual([
			{ id: 1 },
			{ id: 2 },
			{ id: 3 },
		]);
	});

	test('an answer without a list fails the item as an unexpected answer', async () => {
		const sending = prepare(itemParameters({ returnAll: true })).send(new RecordingApi(goSquaredService, answer({ webhooks: [] })));
		await expect(sending).rejects.toThrow('GoSquared answered with something other than { "list": [...] } (HTTP 200)');
	});

	test.each([
		['a Limit of 0', { returnAll: false, limit: 0 }, '"Limit" must be a whole number above 0, not 0 (item 0)'],
		['Return All that is not true or false', { returnAll: 'maybe' }, '"Return All" must be true or false, not "maybe" (item 0)'],
	])('%s is the named-field error of its item', (_case, values, message) => {
		expect(refusal(() => prepare(itemParameters(values)))).toEqual({ message, itemIndex: 0 });
	});
});
