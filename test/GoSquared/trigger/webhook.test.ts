/**
 * The GoSquared Trigger receiving deliveries: the node's webhook() in n8n-core's WebhookContext,
 * behind a loopback HTTP server that parses and answers like n8n's webhook server, for an active
 * workflow whose webhook is registered at the sandbox. Deliveries come from the sandbox itself
 * (`fire`, as GoSquared would send them) or are posted by hand to probe what is refused.
 */
import { goSquaredCredentials, SAMPLE_DELIVERIES } from '../../helpers/gosquared';
import { workflowFile } from '../../helpers/n8n';
import { useSandbox } from '../../helpers/sandbox';
import { TriggerHarness } from '../../helpers/trigger';

const sandbox = useSandbox();
const gosquared = () => sandbox.current.services.gosquared;

let harness: TriggerHarness;
const startHarness = async (options: { parseBody?: boolean } = {}) => {
	harness = new TriggerHarness({
		workflow: workflowFile('gosquared-trigger.json'),
		credentials: goSquaredCredentials(sandbox.current),
		...options,
	});
	await harness.start();
	await harness.activate();
};
afterEach(async () => {
	await harness.close();
});

describe('a genuine delivery', () => {
	beforeEach(async () => await startHarness());

	test.each([
		['traffic_spike', { triggeredAlert: expect.objectContaining({ boundary: 'upper', value: '100' }) }],
		['entered_smart_group', { group: expect.objectContaining({ id: 'trial-users' }), boundary: 'enter' }],
		['chat_message', { message: expect.objectContaining({ from: 'client' }) }],
	])('fired by GoSquared (%s) starts one execution whose item is the delivery plus "event"', async (event, shape) => {
		const deliveries = await gosquared().fire(event);
		await harness.idle();

		expect(deliveries).toEqual([expect.objectContaining({ webhookId: 1001, status: 200, error: null })]);
		expect(JSON.parse(deliveries[0].response)).toEqual({ message: 'Workflow was started' });
		expect(harness.calls).toHaveLength(1);
		const [call] = harness.calls;
		expect(call.query).toEqual({ secret: harness.secrets()[0] });
		const output = call.execution!.output('GoSquared Trigger');
		expect(output).toHaveLength(1);
		expect(output[0].json).toMatchObject({ event, ...shape });
		expect(Object.keys(output[0].json)[0]).toBe('event');
	});

	test('an event that is not selected is acknowledged (200) and dropped: no execution', async () => {
		// GoSquared only calls for registered triggers; a trigger added by hand to this webhook is
		// still not one the user chose.
		gosquared().triggers.push({ id: 9001, webhookId: 1001, trigger: 'traffic_dip', value: 3, created: '' });
		const deliveries = await gosquared().fire('traffic_dip');
		await harness.idle();

		expect(deliveries.map((delivery) => delivery.status)).toEqual([200]);
		expect(JSON.parse(deliveries[0].response)).toEqual({
			received: true,
			ignored: 'traffic_dip is not one of the events this trigger listens to',
		});
		expect(harness.calls[0].execution).toBeUndefined();
		expect(harness.calls[0].result?.workflowData).toBeUndefined();
	});

	test('each of the five sample deliveries of GoSquared\'s documentation gets its event', async () => {
		harness.setParameters({
			events: {
				event: [
					{ type: 'chatMessage' },
					{ type: 'enteredSmartGroup', smartGroupId: 'my-awesome-group' },
					{ type: 'exitedSmartGroup', smartGroupId: 'my-awesome-group' },
					{ type: 'trafficDip', threshold: 45 },
					{ type: 'trafficSpike', threshold: 45 },
				],
			},
		});
		await harness.activate('update');
		for (const [event, payload] of Object.entries(SAMPLE_DELIVERIES)) {
			const call = await harness.post(harness.deliveryUrl(), { body: payload });
			expect(call.status).toBe(200);
			expect(call.execution!.output('GoSquared Trigger').map((item) => item.json)).toEqual([{ event, recognised: true, ...payload }]);
		}
	});
});

describe('a delivery without the right secret', () => {
	beforeEach(async () => await startHarness());

	test.each([
		['no secret', () => harness.deliveryUrl(null)],
		['a wrong secret', () => harness.deliveryUrl('0'.repeat(64))],
		['a secret one character short', () => harness.deliveryUrl(harness.secrets()[0].slice(0, -1))],
		['the secret twice', () => `${harness.deliveryUrl()}&secret=${harness.secrets()[0]}`],
	])('with %s gets 401 and starts no execution', async (_case, url) => {
		const call = await harness.post(url(), { body: SAMPLE_DELIVERIES.traffic_spike });

		expect(call.status).toBe(401);
		expect(call.response).toEqual({ message: 'Unauthorized' });
		expect(call.result).toEqual({ noWebhookResponse: true });
		expect(call.execution).toBeUndefined();
	});

	test('the secret of a webhook that was replaced no longer works', async () => {
		const [oldSecret] = harness.secrets();
		harness.setParameters({ includeUnverified: true });
		await harness.activate('update');
		expect(harness.secrets()).not.toContain(oldSecret);

		const stale = await harness.post(harness.deliveryUrl(oldSecret), { body: SAMPLE_DELIVERIES.chat_message });
		const fresh = await harness.post(harness.deliveryUrl(), { body: SAMPLE_DELIVERIES.chat_message });
		expect([stale.status, fresh.status]).toEqual([401, 200]);
	});

	test('after deactivation every delivery is refused, even with the last secret', async () => {
		const [secret] = harness.secrets();
		await harness.deactivate();
		const call = await harness.post(harness.deliveryUrl(secret), { body: SAMPLE_DELIVERIES.chat_message });
		expect(call.status).toBe(401);
	});
});

describe('what is refused even with the secret (see trigger/payloads.test.ts for what is kept)', () => {
	test('malformed JSON that reaches the node is refused with 400', async () => {
		// n8n's own body parser answers 422 to malformed JSON declared as JSON before any node runs;
		// the node does not rely on it.
		await startHarness({ parseBody: false });
		const call = await harness.post(harness.deliveryUrl(), { body: '{"message": {', headers: { 'content-type': 'application/json' } });
		expect(call.status).toBe(400);
		expect(call.response).toEqual({
			message: 'The body is not JSON, nor a form with a JSON field: a GoSquared delivery is a JSON object.',
		});
		expect(call.execution).toBeUndefined();
	});

	test('a body over 1 MiB is refused with 413', async () => {
		await startHarness();
		const body = JSON.stringify({ message: { content: 'x'.repeat(1024 * 1024) } });
		const call = await harness.post(harness.deliveryUrl(), { body });
		expect(call.status).toBe(413);
		expect(call.response).toEqual({
			message: 'The delivery is larger than 1048576 bytes; GoSquared deliveries are a few kilobytes.',
		});
		expect(call.execution).toBeUndefined();
	});

	test('the secret is checked first: a bad body without the secret gets 401, not 400', async () => {
		await startHarness();
		const call = await harness.post(harness.deliveryUrl(null), { body: 'hello', headers: { 'content-type': 'text/plain' } });
		expect(call.status).toBe(401);
	});
});

describe('"Listen for test event"', () => {
	test('each webhook accepts only its own secret: the production secret is refused at the test URL, and the reverse', async () => {
		await startHarness();
		await harness.listenForTestEvent();
		const [productionSecret] = harness.secrets();
		const testSecret = harness.testSecrets.find((secret) => secret !== productionSecret)!;
		expect(testSecret).toMatch(/^[0-9a-f]{64}$/);

		const body = { body: SAMPLE_DELIVERIES.chat_message };
		const crossed = [
			await harness.post(harness.deliveryUrl(productionSecret, true), body),
			await harness.post(harness.deliveryUrl(testSecret, false), body),
		];
		expect(crossed.map((call) => [call.test, call.status, call.execution])).toEqual([
			[true, 401, undefined],
			[false, 401, undefined],
		]);
		const own = [
			await harness.post(harness.deliveryUrl(testSecret, true), body),
			await harness.post(harness.deliveryUrl(productionSecret, false), body),
		];
		expect(own.map((call) => [call.test, call.status])).toEqual([
			[true, 200],
			[false, 200],
		]);
	});

	test('GoSquared delivers to the test webhook with its own secret, and the test execution runs', async () => {
		await startHarness();
		await harness.listenForTestEvent();
		const testSecret = harness.testSecrets.find((secret) => !harness.secrets().includes(secret))!;

		const deliveries = await gosquared().fire('chat_message');
		await harness.idle();

		// Both webhooks have the chat_message trigger: one delivery to each URL, each with its secret.
		expect(deliveries.map((delivery) => delivery.status)).toEqual([200, 200]);
		const testCall = harness.calls.find((call) => call.test)!;
		expect(testCall.query).toEqual({ secret: testSecret });
		expect(testCall.execution!.output('GoSquared Trigger')[0].json.event).toBe('chat_message');
	});
});
