/**
 * GoSquared, Webhook → Get, by a real workflow execution against the sandbox: what reached the wire, and what the user got.
 */
import { goSquaredCredentials, seeding } from '../../helpers/gosquared';
import { runWorkflow, workflowFile } from '../../helpers/n8n';
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
