/**
 * GoSquared, Webhook → Create, with each kind of trigger (or none), by real workflow executions
 * against the sandbox: what reached the wire, and what the user got.
 */
import { goSquaredCredentials, KEYS, SITES } from '../../helpers/gosquared';
import { runWorkflow, withParameters, workflowFile } from '../../helpers/n8n';
import { useSandbox } from '../../helpers/sandbox';

const sandbox = useSandbox();
const gosquared = () => sandbox.current.services.gosquared;
const requests = () => gosquared().requests;
const credentials = () => goSquaredCredentials(sandbox.current);

describe('Webhook', () => {
	test('Create posts the URL, name, trigger with its threshold and Include Unverified, and outputs the new webhook', async () => {
		const result = await runWorkflow(workflowFile('gosquared-webhook-create.json'), {
			credentials: credentials(),
			input: [{ url: 'https://hooks.example.com/traffic', name: 'Traffic to Slack', threshold: '250' }],
		});

		expect(requests()).toHaveLength(1);
		const [request] = requests();
		expect(request.method).toBe('POST');
		expect(request.path).toBe('/account/v1/webhooks');
		expect(request.query).toEqual({ api_key: KEYS.write, site_token: SITES.main });
		expect(request.headers['content-type']).toMatch(/^application\/json/);
		expect(request.json).toEqual({
			url: 'https://hooks.example.com/traffic',
			name: 'Traffic to Slack',
			trigger: 'traffic_spike',
			value: 250,
			include_unverified: true,
		});
		const output = result.output('Create Webhook');
		expect(output).toEqual([
			{
				json: {
					id: 1001,
					name: 'Traffic to Slack',
					url: 'https://hooks.example.com/traffic',
					include_unverified: true,
					created: expect.any(String),
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(gosquared().triggersOf(1001)).toEqual([expect.objectContaining({ trigger: 'traffic_spike', value: 250 })]);
	});

	test.each([
		['a Smart Group, given as its URL', { trigger: 'exitedSmartGroup', smartGroupId: 'https://www.gosquared.com/people/GSN-123456-A/smart-groups/churn-risk' }, { trigger: 'exited_smart_group', value: 'churn-risk' }],
		['a chat message (no value)', { trigger: 'chatMessage' }, { trigger: 'chat_message' }],
		['no trigger', { trigger: 'none' }, {}],
	])('Create with %s sends the trigger GoSquared expects', async (_case, parameters, sent) => {
		const workflow = withParameters(workflowFile('gosquared-webhook-create.json'), 'Create Webhook', {
			...parameters,
			includeUnverified: false,
		});
		await runWorkflow(workflow, { credentials: credentials(), input: [{ url: 'http://hooks.example.com/a', name: '' }] });
		expect(requests()[0].json).toEqual({ url: 'http://hooks.example.com/a', ...sent, include_unverified: false });
		expect(gosquared().webhooks).toHaveLength(1);
	});
});
