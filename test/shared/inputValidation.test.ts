/**
 * Every value the user controls is checked before anything is sent, and every message shows the
 * value as a person can read it. Values come from expressions (anything a workflow computes) or
 * straight from workflow JSON.
 */
import type { IDataObject } from 'n8n-workflow';

import { callgooseCredentials } from '../helpers/callgoose';
import { ccaiCredentials } from '../helpers/ccai';
import { goSquaredCredentials, SITES } from '../helpers/gosquared';
import { loaded, runWorkflow, withParameters, workflowFile } from '../helpers/n8n';
import { useSandbox } from '../helpers/sandbox';
import { TriggerHarness } from '../helpers/trigger';

const sandbox = useSandbox();
const gosquared = () => sandbox.current.services.gosquared;
const nothingSent = () => {
	for (const service of Object.values(sandbox.current.services)) expect(service.requests).toEqual([]);
};
const HOOK = { url: 'https://hooks.example.com/x', name: 'n', threshold: 10 };

function seedWebhooks(count: number) {
	for (let index = 0; index < count; index++) {
		gosquared().webhooks.push({
			id: ++gosquared().webhookSeq,
			site: SITES.main,
			name: `Hook ${index + 1}`,
			url: `https://hooks.example.com/${index + 1}`,
			include_unverified: false,
			created: '2026-01-01T00:00:00.000Z',
		});
	}
}

/** Activates the GoSquared Trigger of the test workflow with some parameters replaced. */
async function activateTrigger(parameters: IDataObject) {
	const workflow = workflowFile('gosquared-trigger.json');
	Object.assign(workflow.nodes[0].parameters, parameters);
	const harness = new TriggerHarness({ workflow, credentials: goSquaredCredentials(sandbox.current) });
	await harness.start();
	try {
		await harness.activate();
	} finally {
		await harness.close();
	}
}

describe('booleans (finding 4): true or false, or their text, and nothing else', () => {
	const create = (flag: unknown) =>
		runWorkflow(withParameters(workflowFile('gosquared-webhook-create.json'), 'Create Webhook', { includeUnverified: '={{ $json.flag }}' }), {
			credentials: goSquaredCredentials(sandbox.current),
			input: [{ ...HOOK, flag } as IDataObject],
		});

	test.each([
		['an emoji', '😀', '"😀"'],
		['-1', -1, '-1'],
		['an object', { yes: true }, '{"yes":true}'],
		['a 1 MB text', 'x'.repeat(1024 * 1024), `"${'x'.repeat(58)}…`],
		['null', null, 'null'],
	])('Webhook → Create refuses Include Unverified as %s, and sends nothing', async (_case, flag, shown) => {
		const error = (await create(flag)).error('Create Webhook');
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message.startsWith(`"Include Unverified" must be true or false, not ${shown}`)).toBe(true);
		expect(error?.message.length).toBeLessThan(200);
		nothingSent();
	});

	test.each([
		[true, true],
		[false, false],
		['true', true],
		[' FALSE ', false],
	])('Webhook → Create sends Include Unverified %p as %p', async (flag, sent) => {
		const result = await create(flag);
		expect(result.error('Create Webhook')).toBeUndefined();
		expect(gosquared().requests[0].json).toMatchObject({ include_unverified: sent });
	});

	test('Return All given as the text "false" returns up to Limit, not everything', async () => {
		seedWebhooks(3);
		const workflow = withParameters(workflowFile('gosquared-webhook-get-many.json'), 'Get Webhooks', {
			returnAll: '={{ "false" }}',
			limit: 1,
		});
		const result = await runWorkflow(workflow, { credentials: goSquaredCredentials(sandbox.current) });
		expect(result.output('Get Webhooks')).toHaveLength(1);
	});

	test('Treat Missing as Deleted given as the text "false" lets a 404 fail the item', async () => {
		const workflow = withParameters(workflowFile('gosquared-webhook-delete.json'), 'Delete Webhook', {
			options: { treatMissingAsDeleted: '={{ "false" }}' },
		});
		const result = await runWorkflow(workflow, { credentials: goSquaredCredentials(sandbox.current), input: [{ webhookId: 4242 }] });
		expect(result.error('Delete Webhook')?.httpCode).toBe('404');
	});

	test('Fail If Nothing Matched given as the text "false" gives outcome noMatch; "maybe" is refused before sending', async () => {
		const event = { title: 'FYI', status: 'informational' };
		const run = (value: string) =>
			runWorkflow(
				withParameters(workflowFile('callgoose-send-event-json.json'), 'Send Event', { options: { failIfNothingMatched: value } }),
				{ credentials: callgooseCredentials(sandbox.current), input: [{ event }] },
			);
		expect((await run('={{ "false" }}')).output('Send Event')[0].json).toMatchObject({ outcome: 'noMatch' });
		sandbox.current.reset();
		const refused = (await run('={{ "maybe" }}')).error('Send Event');
		expect(refused?.message).toBe('"Fail If Nothing Matched" must be true or false, not "maybe" (item 0)');
		nothingSent();
	});

	test('the GoSquared Trigger refuses Include Unverified Visitors that is not true or false, before registering anything', async () => {
		await expect(activateTrigger({ includeUnverified: '={{ "sometimes" }}' })).rejects.toThrow(
			'"Include Unverified Visitors" must be true or false, not "sometimes"',
		);
		expect(gosquared().requests.filter((request) => request.method === 'POST')).toEqual([]);
	});
});

describe('Timeout (finding 5): a sane maximum, and larger values refused', () => {
	test.each(['callgoose', 'ccaiPlatform', 'goSquared'])('%s: the Timeout field stops at 10 minutes', (name) => {
		const node = [...loaded.nodes.values()].find((candidate) => candidate.description.name === name)!;
		const requestOptions = node.description.properties.find((property) => property.name === 'requestOptions')!;
		const timeout = requestOptions.options!.find((option) => option.name === 'timeout') as { typeOptions: IDataObject };
		expect(timeout.typeOptions).toMatchObject({ minValue: 1, maxValue: 600_000 });
	});

	test.each([
		[2 ** 31, '2147483648'],
		[1e12, '1000000000000'],
		[0, '0'],
		[1.5, '1.5'],
		['soon', '"soon"'],
	])('a Timeout of %p fails the item before a call is placed', async (timeout, shown) => {
		const workflow = withParameters(workflowFile('ccai-create-call.json'), 'Create Call', { requestOptions: { timeout } });
		const result = await runWorkflow(workflow, {
			credentials: ccaiCredentials(sandbox.current),
			input: [{ agentEmail: 'admin@acme.example', endUserNumber: '+1 859-657-9625' }],
		});
		expect(result.error('Create Call')?.message).toBe(
			`"Timeout" must be a whole number of milliseconds from 1 to 600000, not ${shown} (item 0)`,
		);
		nothingSent();
	});

	test('10 minutes is accepted', async () => {
		const workflow = withParameters(workflowFile('ccai-create-call.json'), 'Create Call', { requestOptions: { timeout: 600_000 } });
		const result = await runWorkflow(workflow, {
			credentials: ccaiCredentials(sandbox.current),
			input: [{ agentEmail: 'admin@acme.example', endUserNumber: '+1 859-657-9625' }],
		});
		expect(result.output('Create Call')[0].json.outcome).toBe('created');
	});
});

describe('messages show the value (finding 6), never [object Object]', () => {
	test.each<[string, string, string, IDataObject, IDataObject, string]>([
		['GoSquared Event', 'gosquared-webhook-create.json', 'Create Webhook', { trigger: { a: 1 } }, HOOK, '"Event" {"a":1} is not one of none, chatMessage, enteredSmartGroup, exitedSmartGroup, trafficDip, trafficSpike (item 0)'],
		['GoSquared Visitor Threshold', 'gosquared-webhook-create.json', 'Create Webhook', { threshold: { a: 1 } }, HOOK, '"Visitor Threshold" must be a whole number above 0, not {"a":1} (item 0)'],
		['GoSquared Limit', 'gosquared-webhook-get-many.json', 'Get Webhooks', { returnAll: false, limit: { a: 1 } }, {}, '"Limit" must be a whole number above 0, not {"a":1} (item 0)'],
		['CCAI Call Type', 'ccai-create-call.json', 'Create Call', { callType: { a: 1 } }, {}, '"Call Type" {"a":1} is not one of Outbound, Inbound, Scheduled (item 0)'],
		[
			'CCAI Recording Permission',
			'ccai-create-call.json',
			'Create Call',
			{ callType: 'inbound', menuId: 9, recordingPermission: ['granted'] },
			{ endUserNumber: '+1 859-657-9625' },
			'"Recording Permission" ["granted"] is not one of notAsked, denied, granted (item 0)',
		],
	])('%s', async (_case, file, node, parameters, input, message) => {
		const credentials = file.startsWith('ccai') ? ccaiCredentials(sandbox.current) : goSquaredCredentials(sandbox.current);
		const result = await runWorkflow(withParameters(workflowFile(file), node, parameters), { credentials, input: [input] });
		expect(result.error(node)?.message).toBe(message);
		nothingSent();
	});

	test('the GoSquared Trigger, for an event that is an object', async () => {
		await expect(activateTrigger({ events: { event: [{ type: { a: 1 } }] } })).rejects.toThrow(
			'"Event" 1 is not a GoSquared event: {"a":1}',
		);
	});
});
