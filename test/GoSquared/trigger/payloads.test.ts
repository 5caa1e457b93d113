/**
 * Issue 13: once the URL secret is right, a delivery is data to keep. GoSquared documents neither
 * its Content-Type nor a stable schema, and retries nothing, so the trigger parses the body as JSON
 * whatever it is declared as, starts the workflow for shapes it does not know (saying so in the
 * item), refuses only what cannot be a delivery, and logs a warning, without the secret, when it
 * does refuse a request that carried the right secret. Forgeries are still refused.
 */
import type { IDataObject } from 'n8n-workflow';

import { goSquaredCredentials, SAMPLE_DELIVERIES } from '../../helpers/gosquared';
import { recordNodeLogs, workflowFile } from '../../helpers/n8n';
import { useSandbox } from '../../helpers/sandbox';
import { TriggerHarness } from '../../helpers/trigger';

const sandbox = useSandbox();
const gosquared = () => sandbox.current.services.gosquared;

let harness: TriggerHarness;
async function startHarness(events?: IDataObject[]) {
	const workflow = workflowFile('gosquared-trigger.json');
	if (events) workflow.nodes[0].parameters.events = { event: events } as never;
	harness = new TriggerHarness({ workflow, credentials: goSquaredCredentials(sandbox.current) });
	await harness.start();
	await harness.activate();
}
afterEach(async () => {
	await harness?.close();
});

const items = (call: Awaited<ReturnType<TriggerHarness['post']>>) =>
	call.execution?.output('GoSquared Trigger').map((item) => item.json);

describe('genuine deliveries in any dress start the workflow', () => {
	test.each(['text', 'none', 'form'] as const)('fired by GoSquared as %s, a traffic spike is recognised', async (format) => {
		await startHarness();
		gosquared().deliveryFormat = format;
		const [delivery] = await gosquared().fire('traffic_spike');
		await harness.idle();
		expect(delivery.status).toBe(200);
		const [call] = harness.calls;
		expect(items(call)).toEqual([
			expect.objectContaining({ event: 'traffic_spike', recognised: true, triggeredAlert: expect.objectContaining({ boundary: 'upper' }) }),
		]);
	});

	test.each<[string, Record<string, string>, string]>([
		['text/plain', { 'content-type': 'text/plain' }, JSON.stringify(SAMPLE_DELIVERIES.chat_message)],
		['no Content-Type at all', {}, JSON.stringify(SAMPLE_DELIVERIES.chat_message)],
		['an unusual one', { 'content-type': 'application/octet-stream' }, JSON.stringify(SAMPLE_DELIVERIES.chat_message)],
		['a form with a JSON field', { 'content-type': 'application/x-www-form-urlencoded' }, new URLSearchParams({ payload: JSON.stringify(SAMPLE_DELIVERIES.chat_message) }).toString()],
		['a form whose only field is JSON', { 'content-type': 'application/x-www-form-urlencoded' }, new URLSearchParams({ delivery: JSON.stringify(SAMPLE_DELIVERIES.chat_message) }).toString()],
		['JSON with a byte-order mark', { 'content-type': 'application/json' }, `\ufeff${JSON.stringify(SAMPLE_DELIVERIES.chat_message)}`],
	])('a chat message declared as %s', async (_case, headers, body) => {
		await startHarness();
		const call = await harness.post(harness.deliveryUrl(), { body, headers });
		expect(call.status).toBe(200);
		expect(items(call)).toEqual([{ event: 'chat_message', recognised: true, ...SAMPLE_DELIVERIES.chat_message }]);
	});

	test('an extra field is kept', async () => {
		await startHarness();
		const body = { ...SAMPLE_DELIVERIES.traffic_spike, region: 'eu-west' };
		const call = await harness.post(harness.deliveryUrl(), { body });
		expect(items(call)).toEqual([{ event: 'traffic_spike', recognised: true, ...body }]);
	});

	test('a renamed field: not recognised, it still starts the workflow, with the raw payload and the flag to route on', async () => {
		await startHarness();
		const { triggeredAlert, ...rest } = SAMPLE_DELIVERIES.traffic_spike;
		const body = { ...rest, alert: triggeredAlert };
		const call = await harness.post(harness.deliveryUrl(), { body });
		expect(call.status).toBe(200);
		// The webhook carries three events, so which one it is cannot be inferred.
		expect(items(call)).toEqual([{ event: 'unknown', recognised: false, payload: body }]);
	});

	test('a new trigger type GoSquared adds some day starts the workflow too', async () => {
		await startHarness();
		const body = { pageview: { path: '/pricing', person: { id: '1' } }, version: '2.0.0' };
		const call = await harness.post(harness.deliveryUrl(), { body });
		expect(items(call)).toEqual([{ event: 'unknown', recognised: false, payload: body }]);
	});

	test('with exactly one event registered, an unrecognised delivery is taken for that event', async () => {
		await startHarness([{ type: 'trafficDip', threshold: 40 }]);
		const body = { alert: { boundary: 'below', value: 40 }, concurrents: 12 };
		const call = await harness.post(harness.deliveryUrl(), { body });
		expect(items(call)).toEqual([{ event: 'traffic_dip', recognised: false, payload: body }]);
	});

	test('JSON that is not an object, or an empty object, is kept as the payload', async () => {
		await startHarness();
		for (const body of ['[{"message":{}}]', '{}', '42']) {
			const call = await harness.post(harness.deliveryUrl(), { body, headers: { 'content-type': 'application/json' } });
			expect(items(call)).toEqual([{ event: 'unknown', recognised: false, payload: JSON.parse(body) }]);
		}
	});

	test('a recognised event that is not selected is still acknowledged with 200 and dropped', async () => {
		await startHarness();
		const call = await harness.post(harness.deliveryUrl(), { body: SAMPLE_DELIVERIES.traffic_dip });
		expect(call.status).toBe(200);
		expect(call.response).toEqual({ received: true, ignored: 'traffic_dip is not one of the events this trigger listens to' });
		expect(call.execution).toBeUndefined();
	});
});

describe('forgeries are still refused, whatever the body', () => {
	test.each<[string, (secret: string) => { url: string; headers?: Record<string, string> }]>([
		['no secret', () => ({ url: harness.deliveryUrl(null) })],
		['a wrong secret', () => ({ url: harness.deliveryUrl('f'.repeat(64)) })],
		['the secret in a header instead of the URL', (secret) => ({ url: harness.deliveryUrl(null), headers: { 'x-secret': secret, authorization: `Bearer ${secret}` } })],
		['the secret in the body instead of the URL', () => ({ url: harness.deliveryUrl(null) })],
	])('%s: 401, no execution', async (name, forge) => {
		await startHarness();
		const [secret] = harness.secrets();
		const { url, headers = {} } = forge(secret);
		for (const body of [SAMPLE_DELIVERIES.chat_message, { pageview: {} }, 'not json']) {
			const sent = name.includes('body') && typeof body === 'object' ? { ...body, secret } : body;
			const call = await harness.post(url, { body: sent, headers: { 'content-type': 'text/plain', ...headers } });
			expect([call.status, call.response, call.execution]).toEqual([401, { message: 'Unauthorized' }, undefined]);
		}
	});
});

describe('refusing a delivery that carried the right secret', () => {
	/** What the node logged through n8n's logger, as JSON lines, while `work` ran. */
	const logged = async (work: () => Promise<void>) =>
		(await recordNodeLogs(work)).map((call) => JSON.stringify(call)).join('\n');

	test.each([
		['not JSON in any form', 400, 'The body is not JSON, nor a form with a JSON field: a GoSquared delivery is a JSON object.', () => 'hello, this is not JSON'],
		['empty', 400, 'The body is empty: a GoSquared delivery is a JSON object.', () => ''],
		['over 1 MiB', 413, 'The delivery is larger than 1048576 bytes; GoSquared deliveries are a few kilobytes.', () => JSON.stringify({ message: { content: 'x'.repeat(1024 * 1024) } })],
		['nested 500,000 levels deep, within 1 MiB', 400, 'The delivery nests more than 64 levels deep; GoSquared deliveries nest a few.', () => `${'['.repeat(500_000)}${']'.repeat(500_000)}`],
		['nested 65 levels deep', 400, 'The delivery nests more than 64 levels deep; GoSquared deliveries nest a few.', () => `${'{"a":'.repeat(65)}1${'}'.repeat(65)}`],
	])('%s: refused with %i, and a warning in n8n\'s log without the secret', async (_case, status, message, bodyOf) => {
		await startHarness();
		const [secret] = harness.secrets();
		const log = await logged(async () => {
			const call = await harness.post(harness.deliveryUrl(), { body: bodyOf(), headers: { 'content-type': 'text/plain' } });
			expect([call.status, call.response, call.execution]).toEqual([status, { message }, undefined]);
		});
		const warning = `GoSquared Trigger \\"GoSquared Trigger\\" refused a delivery that carried the right secret (HTTP ${status}): ${message}`;
		expect(log).toContain(`["warn","${warning}",{"workflowId":"gs-trigger-workflow","node":"GoSquared Trigger","status":${status},"contentType":"text/plain"}]`);
		expect(log).not.toContain(secret);
	});

	test('a forgery is refused without a warning: it is not rare, and not a problem of the workflow', async () => {
		await startHarness();
		const log = await logged(async () => {
			await harness.post(harness.deliveryUrl('0'.repeat(64)), { body: 'hello', headers: { 'content-type': 'text/plain' } });
		});
		expect(log).toBe('');
	});
});
