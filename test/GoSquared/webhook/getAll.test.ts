/**
 * GoSquared, Webhook → Get Many (Limit, Return All), by real workflow executions against the
 * sandbox: what reached the wire, and what the user got.
 */
import { goSquaredCredentials, seeding, SITES } from '../../helpers/gosquared';
import { runWorkflow, withParameters, workflowFile } from '../../helpers/n8n';
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
