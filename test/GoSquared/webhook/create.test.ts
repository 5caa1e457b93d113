/**
 * GoSquared, Webhook → Create, with each kind of trigger (or none), by real workflow executions
 * against the sandbox: what reached the wire, and what the user got.
 *
 * `prepare (no server)`: the operation on its own, its prepare() and send() called directly with
 * a plain object of parameters and a recording Api (test/helpers/prepare.ts); no sandbox needed.
 */
import { prepare } from '../../../nodes/GoSquared/actions/webhook/create.operation';
import { goSquaredService } from '../../../nodes/GoSquared/transport';
import { goSquaredCredentials, KEYS, SITES } from '../../helpers/gosquared';
import { runWorkflow, withParameters, workflowFile } from '../../helpers/n8n';
import { answer, itemParameters, RecordingApi, refusal, sendPrepared } from '../../helpers/prepare';
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

describe('prepare (no server)', () => {
	const webhook = { url: 'https://hooks.example.com/traffic', name: ' Traffic to Slack ', trigger: 'trafficSpike', threshold: '250', includeUnverified: true };

	test('posts the webhook with its event and Include Unverified, unordered, never repeated once sent; the answer is the item', async () => {
		const prepared = prepare(itemParameters(webhook));
		expect(prepared.key).toBeUndefined();
		const created = { id: 1001, name: 'Traffic to Slack', url: webhook.url, include_unverified: true, created: '2026-01-01T00:00:00.000Z' };
		expect(await sendPrepared(prepared, goSquaredService, answer(created))).toEqual({
			output: created,
			requests: [
				{
					method: 'POST',
					path: '/account/v1/webhooks',
					body: { url: webhook.url, name: 'Traffic to Slack', trigger: 'traffic_spike', value: 250, include_unverified: true },
					idempotent: false,
				},
			],
		});
	});

	test.each([
		['a Smart Group, given as its URL', { trigger: 'exitedSmartGroup', smartGroupId: 'https://www.gosquared.com/people/GSN-123456-A/smart-groups/churn-risk' }, { trigger: 'exited_smart_group', value: 'churn-risk' }],
		['a chat message (no value)', { trigger: 'chatMessage' }, { trigger: 'chat_message' }],
		['no event', { trigger: 'none' }, {}],
	])('with %s, the event goes as GoSquared takes it', async (_case, event, sent) => {
		const { requests } = await sendPrepared(prepare(itemParameters({ url: 'http://hooks.example.com/a', name: '', ...event })), goSquaredService, answer({ id: 1 }));
		expect(requests.map((request) => request.body)).toEqual([{ url: 'http://hooks.example.com/a', ...sent, include_unverified: false }]);
	});

	test('an answer that is not an object fails the item as an unexpected answer', async () => {
		const sending = prepare(itemParameters(webhook)).send(new RecordingApi(goSquaredService, answer(['created'])));
		await expect(sending).rejects.toThrow('GoSquared answered with something other than an object (HTTP 200)');
	});

	test.each([
		['no URL', { ...webhook, url: ' ' }, '"URL" is required (item 1)'],
		['a URL that is not http(s)', { ...webhook, url: 'ftp://hooks.example.com' }, '"URL" must be an http or https URL, not "ftp://hooks.example.com" (item 1)'],
		['a threshold of 0', { ...webhook, threshold: 0 }, '"Visitor Threshold" must be a whole number above 0, not "0" (item 1)'],
		['an event GoSquared does not have', { ...webhook, trigger: 'pageView' }, '"Event" "pageView" is not one of none, chatMessage, enteredSmartGroup, exitedSmartGroup, trafficDip, trafficSpike (item 1)'],
		['Include Unverified that is not true or false', { ...webhook, includeUnverified: 'sometimes' }, '"Include Unverified" must be true or false, not "sometimes" (item 1)'],
	])('%s is the named-field error of its item', (_case, values, message) => {
		expect(refusal(() => prepare(itemParameters(values, 1)))).toEqual({ message, itemIndex: 1 });
	});
});
