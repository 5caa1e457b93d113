/**
 * The GoSquared Trigger's webhook lifecycle against the sandbox, run the way n8n runs it
 * (checkExists, then create only when it answers false; delete on deactivation; static data
 * kept between the steps as n8n stores it): what reached GoSquared, and what is left there.
 */
import { goSquaredCredentials, KEYS, SITES } from '../../helpers/gosquared';
import { workflowFile } from '../../helpers/n8n';
import { everyString } from '../../helpers/redaction';
import { useSandbox } from '../../helpers/sandbox';
import { TriggerHarness } from '../../helpers/trigger';

const sandbox = useSandbox();
const gosquared = () => sandbox.current.services.gosquared;
const webhooks = () => gosquared().webhooks;
const wire = () => gosquared().requests.map((request) => `${request.method} ${request.path} ${request.status}`);

let harness: TriggerHarness;
beforeEach(async () => {
	harness = new TriggerHarness({
		workflow: workflowFile('gosquared-trigger.json'),
		credentials: goSquaredCredentials(sandbox.current),
	});
	await harness.start();
});
afterEach(async () => {
	await harness.close();
});

/** The triggers GoSquared holds for a webhook, as "trigger=value". */
const triggersAt = (webhookId: number) =>
	gosquared()
		.triggersOf(webhookId)
		.map((trigger) => `${trigger.trigger}=${trigger.value}`)
		.sort();

const CONFIGURED = ['chat_message=', 'entered_smart_group=trial-users', 'traffic_spike=100'];

describe('activation', () => {
	test('registers one webhook at the production URL with a secret, adds the triggers, and keeps the ids', async () => {
		const { existed } = await harness.activate();
		expect(existed).toBe(false);

		expect(wire()).toEqual([
			'GET /account/v1/webhooks 200', // anything left pointing at this node
			'POST /account/v1/webhooks 200',
			'POST /account/v1/webhooks/1001/triggers 200',
			'POST /account/v1/webhooks/1001/triggers 200',
			'POST /account/v1/webhooks/1001/triggers 200',
		]);
		for (const request of gosquared().requests) {
			expect(request.query).toEqual({ api_key: KEYS.write, site_token: SITES.main });
		}
		const [, create, ...addTriggers] = gosquared().requests;
		const body = create.json as { url: string; name: string; include_unverified: boolean };
		const registered = new URL(body.url);
		expect(`${registered.origin}${registered.pathname}`).toBe(harness.productionUrl());
		const secret = registered.searchParams.get('secret') ?? '';
		// At least 128 bits of randomness: 64 hex digits are 256.
		expect(secret).toMatch(/^[0-9a-f]{64}$/);
		expect(body).toEqual({
			url: body.url,
			name: 'n8n: GoSquared: react to traffic and smart groups / GoSquared Trigger',
			include_unverified: false,
		});
		expect(addTriggers.map((request) => request.json)).toEqual([
			{ trigger: 'traffic_spike', value: 100 },
			{ trigger: 'entered_smart_group', value: 'trial-users' },
			{ trigger: 'chat_message', value: '' },
		]);

		expect(webhooks()).toHaveLength(1);
		expect(triggersAt(1001)).toEqual(CONFIGURED);
		expect(harness.staticData).toEqual({
			registrations: {
				[harness.productionUrl()]: {
					kind: 'production',
					webhookId: 1001,
					secret,
					includeUnverified: false,
					triggers: [
						{ id: 5001, trigger: 'traffic_spike', value: 100 },
						{ id: 5002, trigger: 'entered_smart_group', value: 'trial-users' },
						{ id: 5003, trigger: 'chat_message', value: '' },
					],
				},
			},
		});
	});

	test('then checkExists finds it, so a restart of n8n changes nothing at GoSquared', async () => {
		await harness.activate();
		gosquared().requests = [];

		expect(await harness.call('checkExists')).toBe(true);
		const { existed } = await harness.activate('init');
		expect(existed).toBe(true);
		expect(wire()).toEqual([
			'GET /account/v1/webhooks/1001 200',
			'GET /account/v1/webhooks/1001/triggers 200',
			'GET /account/v1/webhooks/1001 200',
			'GET /account/v1/webhooks/1001/triggers 200',
		]);
		expect(webhooks().map((webhook) => webhook.id)).toEqual([1001]);
	});

	test('create twice leaves exactly one webhook: the second replaces the first', async () => {
		await harness.call('create');
		await harness.call('create');

		expect(webhooks().map((webhook) => webhook.id)).toEqual([1002]);
		expect(triggersAt(1002)).toEqual(CONFIGURED);
		expect(wire()).toContain('DELETE /account/v1/webhooks/1001 200');
		expect(Object.values(harness.staticData.registrations as object)).toHaveLength(1);
	});

	test('after static data is lost, checkExists answers false and create removes the stray webhook', async () => {
		await harness.activate();
		harness.loseStaticData();

		expect(await harness.call('checkExists')).toBe(false);
		await harness.activate();

		expect(webhooks().map((webhook) => webhook.id)).toEqual([1002]);
		expect(wire()).toContain('DELETE /account/v1/webhooks/1001 200');
	});

	test('a crashed earlier activation (webhook created, ids never stored) leaves no stray behind', async () => {
		// What a crash between GoSquared's answer and n8n saving the static data leaves: webhooks
		// pointing at this node's URL with secrets nobody knows. A webhook of someone else stays.
		const strays = [`${harness.productionUrl()}?secret=lost-1`, `${harness.productionUrl()}/?secret=lost-2`];
		const foreign = 'https://hooks.example.com/gosquared?secret=not-ours';
		for (const url of [...strays, foreign]) {
			gosquared().webhooks.push({ id: gosquared().webhookSeq++, site: SITES.main, name: '', url, include_unverified: false, created: '' });
		}

		await harness.activate();

		expect(webhooks().map((webhook) => webhook.url)).toEqual([foreign, expect.stringContaining(harness.productionUrl())]);
		expect(webhooks()).toHaveLength(2);
	});

	test('changed events: checkExists answers false, and create replaces the webhook (still one)', async () => {
		await harness.activate();
		harness.setParameters({
			events: { event: [{ type: 'trafficDip', threshold: 5 }, { type: 'exitedSmartGroup', smartGroupId: 'trial-users' }] },
		});

		expect(await harness.call('checkExists')).toBe(false);
		const { existed } = await harness.activate('update');

		expect(existed).toBe(false);
		expect(webhooks().map((webhook) => webhook.id)).toEqual([1002]);
		expect(triggersAt(1002)).toEqual(['exited_smart_group=trial-users', 'traffic_dip=5']);
		expect(await harness.call('checkExists')).toBe(true);
	});

	test('a changed threshold, or Include Unverified Visitors, also counts as a change', async () => {
		await harness.activate();
		harness.setParameters({
			events: {
				event: [
					{ type: 'trafficSpike', threshold: 150 },
					{ type: 'enteredSmartGroup', smartGroupId: 'trial-users' },
					{ type: 'chatMessage' },
				],
			},
		});
		expect(await harness.call('checkExists')).toBe(false);
		await harness.activate('update');
		harness.setParameters({ includeUnverified: true });
		expect(await harness.call('checkExists')).toBe(false);
		await harness.activate('update');

		expect(webhooks()).toEqual([expect.objectContaining({ id: 1003, include_unverified: true })]);
		expect(triggersAt(1003)).toEqual(['chat_message=', 'entered_smart_group=trial-users', 'traffic_spike=150']);
	});

	test('a webhook or a trigger removed by hand at GoSquared makes checkExists answer false', async () => {
		await harness.activate();
		gosquared().triggers = gosquared().triggers.filter((trigger) => trigger.trigger !== 'chat_message');
		expect(await harness.call('checkExists')).toBe(false);

		await harness.activate();
		expect(triggersAt(1002)).toEqual(CONFIGURED);
		gosquared().webhooks = [];
		expect(await harness.call('checkExists')).toBe(false);
		await harness.activate();
		expect(webhooks().map((webhook) => webhook.id)).toEqual([1003]);
	});

	test('a webhook whose URL no longer carries the stored secret is not ours any more', async () => {
		await harness.activate();
		webhooks()[0].url = `${harness.productionUrl()}?secret=changed`;
		expect(await harness.call('checkExists')).toBe(false);
	});
});

describe('deactivation', () => {
	test('deletes the webhook (its triggers go with it) and clears the static data', async () => {
		await harness.activate();
		gosquared().requests = [];

		await harness.deactivate();

		expect(wire()).toEqual(['DELETE /account/v1/webhooks/1001 200', 'GET /account/v1/webhooks 200']);
		expect(webhooks()).toEqual([]);
		expect(gosquared().triggers).toEqual([]);
		expect(harness.staticData).toEqual({});
	});

	test('twice is fine, and so is a webhook that was already deleted at GoSquared (404)', async () => {
		await harness.activate();
		gosquared().webhooks = [];

		await harness.deactivate();
		await harness.deactivate();

		expect(wire().filter((line) => line.startsWith('DELETE'))).toEqual(['DELETE /account/v1/webhooks/1001 404']);
		expect(harness.staticData).toEqual({});
	});

	test('a deactivation GoSquared refuses keeps the record, and the next activation uses the webhook again', async () => {
		await harness.activate();
		const before = harness.staticData;
		gosquared().addFault({ method: 'DELETE', path: '/account/v1/webhooks/1001', status: 400, body: { code: 4003, message: 'Error 4003: try later' } });

		await expect(harness.deactivate()).rejects.toMatchObject({ message: 'Error 4003: try later (HTTP 400)' });
		expect(harness.staticData).toEqual(before);

		const { existed } = await harness.activate();
		expect(existed).toBe(true);
		expect(webhooks().map((webhook) => webhook.id)).toEqual([1001]);
		await harness.deactivate();
		expect(webhooks()).toEqual([]);
	});

	test('20 activate/deactivate cycles leave no webhook at GoSquared', async () => {
		for (let cycle = 0; cycle < 20; cycle++) {
			await harness.activate();
			expect(webhooks()).toHaveLength(1);
			await harness.deactivate();
		}
		expect(webhooks()).toEqual([]);
		expect(gosquared().triggers).toEqual([]);
		expect(wire().filter((line) => line.startsWith('POST /account/v1/webhooks 200'))).toHaveLength(20);
		expect(wire().filter((line) => /^DELETE \/account\/v1\/webhooks\/\d+ 200$/.test(line))).toHaveLength(20);
	});
});

describe('"Listen for test event" while the workflow is active', () => {
	test('gets a webhook of its own at the test URL, and removing it leaves the production one alone', async () => {
		await harness.activate();
		await harness.listenForTestEvent();

		expect(webhooks().map((webhook) => new URL(webhook.url).pathname)).toEqual([
			new URL(harness.productionUrl()).pathname,
			new URL(harness.testUrl()).pathname,
		]);
		expect(harness.testSecrets).toHaveLength(2);

		await harness.stopListening();

		expect(webhooks().map((webhook) => webhook.id)).toEqual([1001]);
		expect(await harness.call('checkExists')).toBe(true);
	});
});

describe('activation that cannot succeed', () => {
	test.each([
		['no event', { events: {} }, '"Events" needs at least one event'],
		[
			'a traffic spike without a threshold',
			{ events: { event: [{ type: 'trafficSpike', threshold: '' }] } },
			'"Visitor Threshold" of event 1 (Traffic Spike) is required: give the number of concurrent visitors',
		],
		[
			'a threshold that is not a whole number',
			{ events: { event: [{ type: 'chatMessage' }, { type: 'trafficDip', threshold: 2.5 }] } },
			'"Visitor Threshold" of event 2 (Traffic Dip) must be a whole number above 0, not "2.5"',
		],
		[
			'a Smart Group without an ID',
			{ events: { event: [{ type: 'exitedSmartGroup', smartGroupId: '  ' }] } },
			'"Smart Group ID" of event 1 (Exited Smart Group) is required: give the Smart Group ID (the last part of its URL)',
		],
		[
			'the same event twice',
			{ events: { event: [{ type: 'trafficSpike', threshold: 10 }, { type: 'trafficSpike', threshold: '10' }] } },
			'"Events" lists Traffic Spike 10 twice',
		],
	])('%s fails with a clear message, and nothing is registered', async (_case, parameters, message) => {
		harness.setParameters(parameters);
		await expect(harness.activate()).rejects.toMatchObject({ name: 'NodeOperationError', message });
		// Only the clean-up n8n runs after a failed activation (deactivation) reached GoSquared.
		expect(wire()).toEqual(['GET /account/v1/webhooks 200']);
		expect(webhooks()).toEqual([]);
	});

	test('a trigger GoSquared refuses fails the activation, and the half-made webhook is removed', async () => {
		gosquared().addFault({
			method: 'POST',
			path: '/account/v1/webhooks/1001/triggers',
			status: 400,
			body: { code: 4004, message: 'Error 4004: Invalid value for entered_smart_group: unknown Smart Group' },
		});
		harness.setParameters({ events: { event: [{ type: 'enteredSmartGroup', smartGroupId: 'no-such-group' }] } });

		await expect(harness.activate()).rejects.toMatchObject({
			name: 'NodeApiError',
			message: 'Error 4004: Invalid value for entered_smart_group: unknown Smart Group (HTTP 400)',
		});
		expect(webhooks()).toEqual([]);
		expect(wire()).toContain('DELETE /account/v1/webhooks/1001 200');
		expect(harness.staticData).toEqual({});
	});

	test('a key that is not authorised for the site fails the activation with GoSquared\'s 4001', async () => {
		const refused = new TriggerHarness({
			workflow: workflowFile('gosquared-trigger.json'),
			credentials: goSquaredCredentials(sandbox.current, { siteToken: SITES.foreign }),
			publicBaseUrl: 'https://n8n.example.com',
		});
		await expect(refused.activate()).rejects.toMatchObject({
			name: 'NodeApiError',
			httpCode: '403',
			message:
				'Error 4001: Your API Key is not authorised for site GSN-999999-Z (HTTP 403): the API key is not authorised for this site',
		});
		expect(webhooks()).toEqual([]);
	});

	test('a GoSquared error that quotes the registered URL does not reveal its secret', async () => {
		// GoSquared refuses a URL that is not http(s) and quotes it, secret included: what an
		// instance whose public URL is misconfigured would get.
		const quoting = new TriggerHarness({
			workflow: workflowFile('gosquared-trigger.json'),
			credentials: goSquaredCredentials(sandbox.current),
			publicBaseUrl: 'ftp://n8n.example.com',
		});
		const error = (await quoting.activate().catch((caught: Error) => caught)) as Error & { description?: string };

		const sent = gosquared().requests.find((request) => request.method === 'POST')!;
		const secret = new URL((sent.json as { url: string }).url).searchParams.get('secret')!;
		expect(secret).toMatch(/^[0-9a-f]{64}$/);
		expect(JSON.stringify(sent.response)).toContain(secret);
		expect(error.message).toBe(
			'Error 4004: Invalid value for url: "ftp://n8n.example.com/webhook/0b7f3c52-6a1e-4d9b-8f24-93c5e7a1d6b8/webhook?secret=**hidden**" is not an http or https URL (HTTP 400)',
		);
		expect(`${error.message} ${error.description}`).not.toContain(secret);
		expect(everyString(error).filter((text) => text.includes(secret))).toEqual([]);
		expect(webhooks()).toEqual([]);
	});
});
