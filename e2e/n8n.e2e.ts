/**
 * The package inside real n8n (the pinned runtime), started fresh by this test: what n8n reports
 * it loaded, n8n's own credential tests, the example workflows run through n8n's REST API, the
 * GoSquared Trigger's lifecycle, a Schedule Trigger that fires by itself, and the editor in a real
 * browser. Steps run in order against one n8n; each says what it expects of n8n and of the sandbox.
 */
import path from 'path';

import axios from 'axios';
import type { INodePropertyOptions, INodeType } from 'n8n-workflow';

import { DEFAULT_TOKENS } from '../sandbox/callgoose';
import { DEFAULT_CREDENTIALS as CCAI_DEFAULTS } from '../sandbox/ccai';
import { DEFAULT_API_KEY as OPENAI_KEY, MODEL as OPENAI_MODEL } from '../sandbox/openai';
import { sandboxCredentials } from '../scripts/lib/provision';
import { agentAnswer, agentWorkflow, getCallTool, MANUAL_TRIGGER, openIncidentTool, TITLE_DESCRIPTION } from './helpers/agent';
import {
	newWorkflowWithNodeCreator,
	openBrowser,
	parameterLocator,
	pickFromList,
	pickOptions,
	searchNodeCreator,
	selectOption,
	signIn,
} from './helpers/editor';
import { ARTIFACTS, OWNER, startEnvironment, type Environment } from './helpers/environment';
import {
	credentials as packageCredentials,
	expectedCredentialTest,
	nodes as packageNodes,
	nodeType,
	PACKAGE,
	visibleParameters,
} from './helpers/package';

jest.setTimeout(120_000);

let env: Environment;

beforeAll(async () => {
	env = await startEnvironment();
}, 15 * 60_000);

afterAll(async () => {
	await env?.stop();
});

const sandboxState = async (service: string) => (await axios.get(`${env.sandbox.url}/_sandbox/${service}`)).data;
const example = (file: string) => {
	const found = env.provisioned.workflows.find((workflow) => workflow.file === file);
	if (!found) throw new Error(`example ${file} was not provisioned`);
	return found;
};
const runData = (execution: { data: { resultData: { runData: Record<string, Array<{ data: { main: Array<Array<{ json: Record<string, unknown> }>> } }>> } } }, node: string) =>
	execution.data.resultData.runData[node]?.[0]?.data.main[0].map((item) => item.json);
const until = async <T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> => {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
};

describe('loading', () => {
	test('n8n lists every node type and credential type of the package', async () => {
		const nodeTypes = (await env.client.get('/types/nodes.json')) as Array<{
			name: string;
			displayName: string;
			version: number;
			polling?: boolean;
			properties: Array<{ name: string }>;
		}>;
		const listed = new Map(nodeTypes.map((type) => [type.name, type]));
		for (const node of packageNodes) {
			const type = listed.get(nodeType(node));
			expect(type?.displayName).toBe(node.description.displayName);
		}
		// Nodes that are usable as tools get their AI-tool variant; the triggers (webhook and polling) must not.
		expect(packageNodes.map((node) => [node.description.name, listed.has(`${nodeType(node)}Tool`)])).toEqual([
			['callgoose', true],
			['ccaiPlatform', true],
			['ccaiPlatformTrigger', false],
			['goSquared', true],
			['goSquaredTrigger', false],
		]);
		// n8n gives a polling trigger its Poll Times.
		const ccaiTrigger = listed.get(`${PACKAGE.name}.ccaiPlatformTrigger`);
		expect({ polling: ccaiTrigger?.polling, first: ccaiTrigger?.properties[0]?.name }).toEqual({ polling: true, first: 'pollTimes' });

		const credentialTypes = (await env.client.get('/types/credentials.json')) as Array<{ name: string; supportedNodes?: string[] }>;
		for (const credential of packageCredentials) {
			const type = credentialTypes.find((candidate) => candidate.name === credential.name);
			const users = packageNodes
				.filter((node) => node.description.credentials?.some((reference) => reference.name === credential.name))
				.map(nodeType);
			expect(type?.supportedNodes?.sort()).toEqual(users.sort());
		}
	});
});

describe("n8n's credential test", () => {
	test('succeeds for each sandbox credential (the Callgoose Incident token: it says it cannot check one, and sends no event)', async () => {
		const events = async () =>
			((await axios.get(`${env.sandbox.url}/_sandbox/callgoose/requests`)).data as Array<{ path: string }>).filter((request) => request.path === '/v1/process');
		const before = (await events()).length;
		for (const [key, credential] of Object.entries(env.provisioned.credentials)) {
			const result = await env.client.testCredential(credential.id);
			expect({ key, ...result }).toEqual({ key, ...expectedCredentialTest(key) });
		}
		expect(await events()).toHaveLength(before);
	});

	test('fails with a readable message, and without the secret, for a wrong secret', async () => {
		const { sandboxCredentials } = await import('../scripts/lib/provision');
		for (const [key, { type, name, data, secret }] of Object.entries(sandboxCredentials(env.sandbox))) {
			const wrong = `wrong-${key}-secret-0123456789`;
			const saved = await env.client.upsertCredential({ name: `${name} (wrong secret)`, type, data: { ...data, [secret]: wrong } });
			const result = await env.client.testCredential(saved.id);
			expect({ key, status: result.status }).toEqual({ key, status: 'Error' });
			expect(result.message.length).toBeGreaterThan(10);
			expect(result.message).not.toContain(wrong);
			await env.client.delete(`/rest/credentials/${saved.id}`);
		}
	});
});

describe('the example workflows, run through n8n', () => {
	test('callgoose-incident-lifecycle opens an incident and resolves it', async () => {
		const workflow = example('callgoose-incident-lifecycle.json');
		const execution = await env.client.runManually(workflow.id, "When clicking 'Execute workflow'");
		expect(execution.status).toBe('success');
		expect(runData(execution, 'Open incident')).toEqual([expect.objectContaining({ outcome: 'created', statusCode: 201 })]);
		expect(runData(execution, 'Resolve incident')).toEqual([expect.objectContaining({ outcome: 'resolved', statusCode: 200 })]);
		const { incidents } = await sandboxState('callgoose');
		const mine = incidents.filter((incident: { mapValue: string }) => incident.mapValue === 'checkout-error-rate');
		expect(mine.map((incident: { status: string }) => incident.status)).toEqual(['resolved', 'resolved']);
	});

	test('callgoose-scheduled-run-workflow runs the automation workflow', async () => {
		const workflow = example('callgoose-scheduled-run-workflow.json');
		const execution = await env.client.runManually(workflow.id, 'Every 15 minutes');
		expect(execution.status).toBe('success');
		expect(runData(execution, 'Restart the stuck worker')).toEqual([expect.objectContaining({ outcome: 'created' })]);
		const { runs } = await sandboxState('callgoose');
		expect(runs).toEqual(
			expect.arrayContaining([expect.objectContaining({ workflowId: 'wf-restart-service', variables: { host: 'worker-1', service: 'queue-consumer' } })]),
		);
	});

	test('ccai-customer-flags flags a call and reads the flags back', async () => {
		const workflow = example('ccai-customer-flags.json');
		const execution = await env.client.runManually(workflow.id, "When clicking 'Execute workflow'");
		expect(execution.status).toBe('success');
		const flags = { call_id: 397, verified_customer: true, bad_actor: false, repeat_customer: true };
		expect(runData(execution, 'Read the flags back')).toEqual([flags]);
		const requests = (await axios.get(`${env.sandbox.url}/_sandbox/ccai/requests`)).data as Array<{ method: string; path: string; headers: Record<string, string> }>;
		const patch = requests.find((request) => request.method === 'PATCH');
		expect(patch?.path).toBe('/apps/api/v1/calls/397/customer_flag');
		expect(patch?.headers.authorization).toMatch(/^Basic /);
	});
	test('ccai-call-ended-gosquared-callgoose: a failed call updates its caller in GoSquared and opens an incident', async () => {
		// The call ends as failed at CCAI Platform; a manual run of the trigger (Fetch Test Event) brings it.
		await axios.post(`${env.sandbox.url}/_sandbox/ccai/calls/515/status`, { status: 'failed' });
		const workflow = example('ccai-call-ended-gosquared-callgoose.json');
		const execution = await env.client.runManually(workflow.id, 'Call ended');
		expect(execution.status).toBe('success');
		expect(runData(execution, 'Call ended')).toEqual([expect.objectContaining({ id: 515, outcome: 'failed' })]);
		expect(runData(execution, 'Identify the caller')).toEqual([{ success: true, sent: { alias: false, props: true } }]);
		expect(runData(execution, 'Track the call')).toEqual([{ success: true }]);
		expect(runData(execution, 'Open an incident if it failed')).toEqual([expect.objectContaining({ outcome: 'created', statusCode: 201 })]);

		const gosquared = (await sandboxState('gosquared')).sitesData['GSN-123456-A'];
		const person = 'ccai-end-user-of-call-515';
		expect(gosquared.people).toEqual(expect.arrayContaining([expect.objectContaining({ id: person, custom: expect.objectContaining({ last_support_outcome: 'failed' }) })]));
		expect(gosquared.events.map((entry: { body: { person_id: string; event: unknown } }) => [entry.body.person_id, entry.body.event])).toEqual(
			expect.arrayContaining([[person, { name: 'Support call ended', data: expect.objectContaining({ outcome: 'failed', call_id: 515 }) }]]),
		);
		const { incidents } = await sandboxState('callgoose');
		expect(incidents.filter((incident: { mapValue: string }) => incident.mapValue === 'ccai-call-515')).toEqual([
			expect.objectContaining({ status: 'active', title: expect.stringContaining('Support call 515 failed') }),
		]);
	});
});

describe('the GoSquared Trigger in real n8n (traffic-dip-incident-and-call)', () => {
	const webhooks = async () =>
		(await sandboxState('gosquared')).webhooks as Array<{ id: number; url: string; triggers: Array<{ trigger: string; value: unknown }> }>;
	const chained = () => example('traffic-dip-incident-and-call.json');
	const productionUrl = () => {
		const trigger = chained().workflow.nodes.find((node: { type: string }) => node.type.endsWith('.goSquaredTrigger'));
		return `${env.n8n.url}/webhook/${trigger.webhookId}/webhook`;
	};
	const fire = async (event: string) =>
		(await axios.post(`${env.sandbox.url}/_sandbox/gosquared/fire`, { event })).data.deliveries as Array<{ status: number }>;

	test('activating it registers exactly one webhook, at the production URL with a secret', async () => {
		await env.client.activate(chained().id);
		const registered = await webhooks();
		expect(registered).toHaveLength(1);
		const url = new URL(registered[0].url);
		expect(`${url.origin}${url.pathname}`).toBe(productionUrl());
		expect(url.searchParams.get('secret')).toMatch(/^[0-9a-f]{64}$/);
		expect(registered[0].triggers.map(({ trigger, value }) => ({ trigger, value }))).toEqual([{ trigger: 'traffic_dip', value: 50 }]);
	});

	test('a traffic dip delivery runs the chain: one incident, one call', async () => {
		const callsBefore = await callRequests();
		const incidentsBefore = (await sandboxState('callgoose')).incidents.length;
		const before = (await env.client.executions(chained().id)).length;

		expect((await fire('traffic_dip')).map((delivery) => delivery.status)).toEqual([200]);
		const execution = await until('the chained execution', async () => {
			const list = await env.client.executions(chained().id);
			const done = list.filter((entry) => entry.status !== 'running' && entry.status !== 'new');
			return done.length > before ? done[0] : undefined;
		});
		const full = await env.client.waitForExecution(execution.id);
		expect({ mode: full.mode, status: full.status }).toEqual({ mode: 'webhook', status: 'success' });
		expect(runData(full, 'GoSquared Trigger')).toEqual([expect.objectContaining({ event: 'traffic_dip' })]);

		const { incidents } = await sandboxState('callgoose');
		expect(incidents).toHaveLength(incidentsBefore + 1);
		expect(incidents.at(-1)).toMatchObject({ service: 'website', status: 'active', title: expect.stringMatching(/^GoSquared - Traffic dip on /) });
		const calls = await callRequests();
		expect(calls).toHaveLength(callsBefore.length + 1);
		expect(calls.at(-1)).toMatchObject({ status: 201, json: { call_type: 'Voice Outbound (API)', agent_email: 'alex.agent@acme.example' } });
	});

	test('a delivery without the secret, or with a wrong one, gets 401 and starts nothing', async () => {
		const before = (await env.client.executions(chained().id)).length;
		const callsBefore = (await callRequests()).length;
		const body = { triggeredAlert: { id: 1, boundary: 'lower', value: '50', type: 'concurrents' }, concurrents: 3 };
		for (const url of [productionUrl(), `${productionUrl()}?secret=${'0'.repeat(64)}`]) {
			const response = await axios.post(url, body, { validateStatus: () => true });
			expect(response.status).toBe(401);
		}
		// Give a wrongly started execution time to show up.
		await new Promise((resolve) => setTimeout(resolve, 2000));
		expect(await env.client.executions(chained().id)).toHaveLength(before);
		expect(await callRequests()).toHaveLength(callsBefore);
	});

	test('restarting n8n leaves exactly one webhook, and deliveries still run the workflow', async () => {
		await env.restart();
		expect(await webhooks()).toHaveLength(1);
		const before = (await env.client.executions(chained().id)).length;
		expect((await fire('traffic_dip')).map((delivery) => delivery.status)).toEqual([200]);
		await until('an execution after the restart', async () => {
			const list = await env.client.executions(chained().id);
			return list.length > before ? list : undefined;
		});
	});

	test('deactivating it removes the webhook', async () => {
		await env.client.deactivate(chained().id);
		await until('the webhook to be deleted', async () => ((await webhooks()).length === 0 ? true : undefined), 15_000);
		expect(await webhooks()).toEqual([]);
	});

	async function callRequests() {
		const requests = (await axios.get(`${env.sandbox.url}/_sandbox/ccai/requests`)).data as Array<{ method: string; path: string; status: number; json: unknown }>;
		return requests.filter((request) => request.method === 'POST' && request.path === '/apps/api/v1/calls');
	}
});

describe('the whole chain in real n8n: traffic dip → incident → call → (call finished) → resolve', () => {
	const chain = () => example('traffic-dip-incident-call-resolve.json');
	const ccaiRequests = async () =>
		(await axios.get(`${env.sandbox.url}/_sandbox/ccai/requests`)).data as Array<{ method: string; path: string; query: Record<string, string>; status: number; json: unknown }>;
	let callId: number;

	test('activating it registers the GoSquared webhook, and the CCAI Platform Trigger starts from now', async () => {
		// n8n polls at most once a minute, at a second of its own choosing. For the test, the poll time
		// is a fixed second about 40 s ahead, so that the poll below comes by itself, and soon.
		const second = (new Date().getUTCSeconds() + 40) % 60;
		const { exampleWorkflows, wireCredentials } = await import('../scripts/lib/provision');
		const stored = exampleWorkflows().find((entry) => entry.file === 'traffic-dip-incident-call-resolve.json')!;
		const workflow = wireCredentials(stored.workflow, env.provisioned.credentials);
		const poller = workflow.nodes.find((node: { name: string }) => node.name === 'Call finished');
		poller.parameters.pollTimes = { item: [{ mode: 'custom', cronExpression: `${second} * * * * *` }] };
		await env.client.upsertWorkflow(workflow);
		const before = (await ccaiRequests()).length;
		await env.client.activate(chain().id);

		const webhooks = (await sandboxState('gosquared')).webhooks as Array<{ triggers: Array<{ trigger: string }> }>;
		expect(webhooks.map((webhook) => webhook.triggers.map((trigger) => trigger.trigger))).toEqual([['traffic_dip']]);
		// The first poll ran at activation: one read of the newest calls (the credential, and where watching starts).
		const reads = (await ccaiRequests()).slice(before).filter((request) => request.path === '/manager/api/v1/calls');
		expect(reads.map((request) => [request.query, request.status])).toEqual([
			[{ sort_column: 'updated_at', sort_direction: 'DESC', per: '100', page: '1' }, 200],
		]);
	});

	test('a dip opens the incident and places the call; once the call has finished, the trigger resolves the incident by itself', async () => {
		const before = (await env.client.executions(chain().id)).length;
		expect((await axios.post(`${env.sandbox.url}/_sandbox/gosquared/fire`, { event: 'traffic_dip' })).data.deliveries.map((delivery: { status: number }) => delivery.status)).toEqual([200]);
		const dip = await until('the traffic-dip execution', async () => {
			const done = (await env.client.executions(chain().id)).filter((entry) => entry.status !== 'running' && entry.status !== 'new');
			return done.length > before ? done[0] : undefined;
		});
		const dipRun = await env.client.waitForExecution(dip.id);
		expect({ mode: dipRun.mode, status: dipRun.status }).toEqual({ mode: 'webhook', status: 'success' });
		const [call] = runData(dipRun, 'Call the on-call agent')!;
		expect(call).toMatchObject({ outcome: 'created', status: 'assigned' });
		callId = Number(call.id);
		const incident = () =>
			(async () => ((await sandboxState('callgoose')).incidents as Array<{ mapValue: string; status: string }>).filter((entry) => entry.mapValue === 'website-traffic-dip'))();
		expect((await incident()).map((entry) => entry.status)).toEqual(['active']);

		// The agent answers, and the call ends (the sandbox's calls move on command here).
		for (let step = 0; step < 3; step++) await axios.post(`${env.sandbox.url}/_sandbox/ccai/calls/${callId}/advance`);
		expect((await axios.get(`${env.sandbox.url}/_sandbox/ccai`)).data.calls.find((entry: { id: number }) => entry.id === callId)).toMatchObject({ status: 'finished' });

		// Nobody runs anything now: n8n's next poll finds the finished call and starts the workflow.
		const polled = await until(
			'the CCAI Platform Trigger to fire by itself',
			async () => (await env.client.executions(chain().id)).find((entry) => entry.mode === 'trigger' && entry.status !== 'running' && entry.status !== 'new'),
			90_000,
		);
		const run = await env.client.waitForExecution(polled.id);
		expect({ mode: run.mode, status: run.status }).toEqual({ mode: 'trigger', status: 'success' });
		expect(runData(run, 'Call finished')).toEqual([expect.objectContaining({ id: callId, status: 'finished', outcome: 'finished' })]);
		expect(runData(run, 'Resolve incident')).toEqual([expect.objectContaining({ outcome: 'resolved' })]);
		expect((await incident()).map((entry) => entry.status)).toEqual(['resolved']);
	}, 150_000);

	test('Fetch Test Event (a manual run from the CCAI Platform Trigger) shows the call that finished', async () => {
		const execution = await env.client.runManually(chain().id, 'Call finished');
		expect(runData(execution, 'Call finished')).toEqual([expect.objectContaining({ id: callId, status: 'finished', outcome: 'finished' })]);
	});

	test('deactivating it removes the GoSquared webhook, and the polls stop', async () => {
		await env.client.deactivate(chain().id);
		await until('the webhook to be deleted', async () => ((await sandboxState('gosquared')).webhooks.length === 0 ? true : undefined), 15_000);
		expect((await env.client.get(`/rest/workflows/${chain().id}`)).active).toBe(false);
	});
});

describe('a Schedule Trigger', () => {
	test('with a short interval fires by itself and runs the Callgoose node', async () => {
		// Run Workflow takes a Callgoose Request token.
		const credential = env.provisioned.credentials.callgooseRequestToken;
		const workflow = await env.client.post('/rest/workflows', {
			name: 'E2E: every 5 seconds',
			settings: { executionOrder: 'v1' },
			connections: { 'Every 5 seconds': { main: [[{ node: 'Run Workflow', type: 'main', index: 0 }]] } },
			nodes: [
				{
					id: 'a1b2c3d4-0000-4000-8000-000000000001',
					name: 'Every 5 seconds',
					type: 'n8n-nodes-base.scheduleTrigger',
					typeVersion: 1.2,
					position: [0, 0],
					parameters: { rule: { interval: [{ field: 'seconds', secondsInterval: 5 }] } },
				},
				{
					id: 'a1b2c3d4-0000-4000-8000-000000000002',
					name: 'Run Workflow',
					type: `${nodeType(packageNodes.find((node) => node.description.name === 'callgoose')!)}`,
					typeVersion: 1,
					position: [240, 0],
					parameters: {
						resource: 'request',
						operation: 'runWorkflow',
						workflowId: 'wf-notify-customer',
						variablesMode: 'json',
						variablesJson: '={{ JSON.stringify({ name: "scheduled", email: "ops@example.com", at: $json.timestamp }) }}',
					},
					credentials: { callgooseApi: { id: credential.id, name: credential.name } },
				},
			],
		});
		await env.client.activate(workflow.id);
		const fired = await until('a scheduled execution', async () => {
			const list = await env.client.executions(workflow.id);
			const done = list.find((entry) => entry.mode === 'trigger' && entry.status === 'success');
			return done;
		}, 30_000);
		await env.client.deactivate(workflow.id);
		expect(fired.mode).toBe('trigger');
		const { runs } = await sandboxState('callgoose');
		expect(runs.filter((run: { workflowId: string }) => run.workflowId === 'wf-notify-customer').length).toBeGreaterThanOrEqual(1);
	});
});

describe("the nodes as AI agent tools: n8n's AI Agent and OpenAI Chat Model, with the sandbox's scripted model", () => {
	type Recorded = { method: string; path: string; query: Record<string, string>; headers: Record<string, string>; rawBody: string; json: any; status: number; response: unknown };
	const requests = async (service: string) => (await axios.get(`${env.sandbox.url}/_sandbox/${service}/requests`)).data as Recorded[];
	const script = (body: unknown) => axios.post(`${env.sandbox.url}/_sandbox/openai/scripts`, body);
	const credential = (key: string) => ({ id: env.provisioned.credentials[key].id, name: env.provisioned.credentials[key].name });
	const packageNode = (name: string) => packageNodes.find((node) => node.description.name === name)!;
	let openAi: { id: string; name: string };

	/**
	 * Runs the workflow from its Manual Trigger, with the services echoing the Authorization header
	 * they received (in every answer, or in errors), as careless services do; what the model
	 * received during the run comes with the execution.
	 */
	async function runAgent(workflow: ReturnType<typeof agentWorkflow>, echo: { services: string[]; setting: 'echoRequestInAnswers' | 'echoRequestInErrors' }) {
		const saved = await env.client.upsertWorkflow(workflow);
		const before = (await requests('openai')).length;
		const echoing = async (on: boolean) => {
			for (const service of echo.services) await axios.put(`${env.sandbox.url}/_sandbox/${service}/settings`, { [echo.setting]: on });
		};
		await echoing(true);
		const execution = await env.client.runManually(saved.id, MANUAL_TRIGGER).finally(() => echoing(false));
		const received = (await requests('openai')).slice(before);
		const toolOutput = (node: string) =>
			(execution.data.resultData.runData[node] as Array<{ data: { ai_tool: Array<Array<{ json: unknown }>> } }>)[0].data.ai_tool[0].map((item) => item.json);
		return { execution, received, toolOutput, answer: agentAnswer(execution) };
	}

	/** The tool messages of a model request, by the name of the tool the model had called. */
	function toolMessages(request: Recorded): Record<string, string> {
		const messages = request.json.messages as Array<{ role: string; content: string; tool_call_id?: string; tool_calls?: Array<{ id: string; function: { name: string } }> }>;
		const names = new Map(messages.flatMap((message) => message.tool_calls ?? []).map((call) => [call.id, call.function.name]));
		return Object.fromEntries(messages.filter((message) => message.role === 'tool').map((message) => [names.get(message.tool_call_id!), message.content]));
	}

	/** Every secret of the sandbox credentials (and the extra ones given), as typed and as sent (the Basic value). */
	function expectNoSecret(texts: string[], extra: string[] = []) {
		const secrets = [...extra, CCAI_DEFAULTS.companySecret, basicValueOf(CCAI_DEFAULTS.subdomain, CCAI_DEFAULTS.apiToken)];
		for (const { data, secret } of Object.values(sandboxCredentials(env.sandbox))) secrets.push(String(data[secret]));
		const seen = texts.join('\n');
		expect(secrets.filter((secret) => seen.includes(secret))).toEqual([]);
		expect(secrets.length).toBeGreaterThan(5);
	}

	beforeAll(async () => {
		const saved = await env.client.upsertCredential({
			name: 'OpenAI (sandbox model)',
			type: 'openAiApi',
			data: { apiKey: OPENAI_KEY, url: env.sandbox.baseUrls.openai },
		});
		openAi = { id: saved.id, name: saved.name };
	});

	test("n8n's credential test passes for the OpenAI credential: it reads the sandbox model's /v1/models", async () => {
		const before = (await requests('openai')).length;
		expect(await env.client.testCredential(openAi.id)).toEqual({ status: 'OK', message: 'Connection successful!' });
		const received = (await requests('openai')).slice(before);
		expect(received.map((request) => [request.method, request.path, request.headers.authorization, request.status])).toEqual([
			['GET', '/v1/models', `Bearer ${OPENAI_KEY}`, 200],
		]);
	});

	test('the agent opens an incident and reads a call through the tools, with $fromAI values; their results reach its answer', async () => {
		const correlation = `checkout-5xx-${Date.now()}`;
		await script({
			when: 'The checkout page answers with errors',
			calls: [
				{ tool: 'Open_incident', arguments: { title: 'Checkout answers HTTP 500', correlation_value: correlation } },
				{ tool: 'Get_call', arguments: { call_id: 398 } },
			],
			answer: 'I opened the incident and read the call.',
		});
		const ccaiBefore = (await requests('ccai')).length;
		const { execution, received, toolOutput, answer } = await runAgent(
			agentWorkflow(
				'E2E: AI Agent with Callgoose and CCAI Platform tools',
				'The checkout page answers with errors: open an incident for it, then tell me how CCAI Platform call 398 ended.',
				openAi,
				[openIncidentTool(credential('callgooseApi')), getCallTool(credential('ccaiPlatformApi'))],
			),
			{ services: ['callgoose', 'ccai'], setting: 'echoRequestInAnswers' },
		);
		expect(execution.status).toBe('success');

		// The model was asked twice, without streaming: first with the tools the $fromAI fields describe, ...
		expect(received.map((request) => [request.method, request.path, request.status, request.json.stream, request.json.model])).toEqual([
			['POST', '/v1/chat/completions', 200, false, OPENAI_MODEL],
			['POST', '/v1/chat/completions', 200, false, OPENAI_MODEL],
		]);
		const offered = Object.fromEntries(
			(received[0].json.tools as Array<{ function: { name: string; description: string; parameters: any } }>).map((tool) => [tool.function.name, tool.function]),
		);
		expect(offered.Open_incident).toMatchObject({
			description: `${actionOf(packageNode('callgoose'), 'incident', 'create')} in ${packageNode('callgoose').description.defaults.name}`,
			parameters: { properties: { title: { type: 'string', description: TITLE_DESCRIPTION }, correlation_value: { type: 'string' } }, required: ['title', 'correlation_value'] },
		});
		expect(offered.Get_call.parameters.properties).toEqual({ call_id: expect.objectContaining({ type: 'number' }) });

		// ... and Callgoose and CCAI Platform received what the model chose, with the credentials' auth ...
		const events = (await requests('callgoose')).filter((request) => request.json?.alert_id === correlation);
		expect(events.map((request) => [request.method, request.path, request.headers.authorization, request.json, request.status])).toEqual([
			['POST', '/v1/process', `Bearer ${DEFAULT_TOKENS.global}`, { title: 'Checkout answers HTTP 500', alert_id: correlation, status: 'firing' }, 201],
		]);
		// Both answers carried the secret back (the echo), for the nodes to hide.
		expect(events[0].response).toMatchObject({ received: { authorization: `Bearer ${DEFAULT_TOKENS.global}` } });
		const incidents = (await axios.get(`${env.sandbox.url}/_sandbox/callgoose`)).data.incidents as Array<{ mapValue: string; title: string; status: string }>;
		expect(incidents.filter((incident) => incident.mapValue === correlation)).toEqual([expect.objectContaining({ title: 'Checkout answers HTTP 500', status: 'active' })]);
		const reads = (await requests('ccai')).slice(ccaiBefore);
		expect(reads.map((request) => [request.method, request.path, request.headers.authorization, request.status])).toEqual([
			['GET', '/manager/api/v1/calls/398', `Basic ${basicValueOf(CCAI_DEFAULTS.subdomain, CCAI_DEFAULTS.apiToken)}`, 200],
		]);
		expect(reads[0].response).toMatchObject({ received: { authorization: `Basic ${basicValueOf(CCAI_DEFAULTS.subdomain, CCAI_DEFAULTS.apiToken)}` } });

		// ... the second request carried each tool's output, exactly as the tool node put it out ...
		expect(toolOutput('Open incident')).toEqual([expect.objectContaining({ outcome: 'created', statusCode: 201 })]);
		expect(toolOutput('Get call')).toEqual([expect.objectContaining({ outcome: 'finished', id: 398, status: 'finished' })]);
		expect(toolMessages(received[1])).toEqual({ Open_incident: JSON.stringify(toolOutput('Open incident')), Get_call: JSON.stringify(toolOutput('Get call')) });
		// ... and the agent's answer is the model's final text, quoting them.
		expect(answer.split('\n')).toEqual([
			'I opened the incident and read the call.',
			`Open_incident returned: ${JSON.stringify(toolOutput('Open incident'))}`,
			`Get_call returned: ${JSON.stringify(toolOutput('Get call'))}`,
		]);
		expectNoSecret([JSON.stringify(execution), ...received.map((request) => request.rawBody)]);
	});

	test('a tool that fails tells the model what went wrong (a Call ID that is not one; a token Callgoose refuses), and no secret reaches the model or the execution', async () => {
		const wrongToken = 'cg-wrong-token-7d2f9a4c1e8b3f60a5d7';
		const wrong = await env.client.upsertCredential({
			name: 'Callgoose (wrong token)',
			type: 'callgooseApi',
			data: { baseUrl: env.sandbox.baseUrls.callgoose, apiToken: wrongToken, authPlacement: 'header' },
		});
		await script({
			when: 'Disk almost full on db-1',
			calls: [
				{ tool: 'Get_call', arguments: { call_id: 'abc' } },
				{ tool: 'Open_incident', arguments: { title: 'Disk almost full on db-1', correlation_value: 'db-1-disk-agent' } },
			],
			answer: 'Both tools failed.',
		});
		const ccaiBefore = (await requests('ccai')).length;
		const { execution, received, answer } = await runAgent(
			agentWorkflow('E2E: AI Agent whose tools fail', 'Disk almost full on db-1: open an incident, and read call abc.', openAi, [
				openIncidentTool({ id: wrong.id, name: wrong.name }),
				getCallTool(credential('ccaiPlatformApi')),
			]),
			{ services: ['callgoose'], setting: 'echoRequestInErrors' },
		);
		// A failing tool does not stop the agent: n8n hands the error to the model as the tool's result.
		expect(execution.status).toBe('success');
		expect(received.map((request) => request.status)).toEqual([200, 200]);
		const seen = toolMessages(received[1]);
		process.stdout.write(`What the model received from the failing tools:\n${JSON.stringify(seen, null, 2)}\n`);
		expect(Object.keys(seen).sort()).toEqual(['Get_call', 'Open_incident']);
		expect(JSON.parse(seen.Get_call)).toEqual([{ error: expect.stringMatching(/Call ID.*"abc"/) }]);
		expect(JSON.parse(seen.Open_incident)).toEqual([{ error: expect.stringMatching(/API Token is not valid.*401/) }]);
		expect(answer).toContain(`Get_call returned: ${seen.Get_call}`);

		// Nothing was sent for the bad Call ID; Callgoose refused the wrong token.
		expect((await requests('ccai')).slice(ccaiBefore)).toEqual([]);
		const refused = (await requests('callgoose')).filter((request) => request.json?.alert_id === 'db-1-disk-agent');
		expect(refused.map((request) => [request.headers.authorization, request.status, request.response])).toEqual([
			[`Bearer ${wrongToken}`, 401, expect.objectContaining({ received: expect.objectContaining({ authorization: `Bearer ${wrongToken}` }) })],
		]);
		expectNoSecret([JSON.stringify(execution), ...received.map((request) => request.rawBody)], [wrongToken]);
		await env.client.delete(`/rest/credentials/${wrong.id}`);
	});

	test("the package's credentials authenticate n8n's HTTP Request node (predefined credential type)", async () => {
		// The editor offers a credential type there when n8n reports it with `authenticate` (its "has:authenticate" filter).
		const credentialTypes = (await env.client.get('/types/credentials.json')) as Array<{ name: string; authenticate?: unknown }>;
		expect(packageCredentials.map((type) => [type.name, credentialTypes.find((candidate) => candidate.name === type.name)?.authenticate !== undefined])).toEqual(
			packageCredentials.map((type) => [type.name, true]),
		);
		const { callgoose, gosquared } = env.sandbox.baseUrls;
		const request = (name: string, credentialType: string, parameters: Record<string, unknown>, index: number) => ({
			id: `c3d4e5f6-0000-4000-8000-00000000000${index}`,
			name,
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.5,
			position: [220 * index, 0],
			parameters: { authentication: 'predefinedCredentialType', nodeCredentialType: credentialType, options: {}, ...parameters },
			credentials: { [credentialType]: credential(credentialType) },
		});
		const nodes = [
			{ id: 'c3d4e5f6-0000-4000-8000-000000000000', name: MANUAL_TRIGGER, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			request('Callgoose event', 'callgooseApi', {
				method: 'POST',
				url: `${callgoose}/v1/process`,
				sendBody: true,
				specifyBody: 'json',
				jsonBody: JSON.stringify({ title: 'Raw event', alert_id: 'http-request-node', status: 'firing', runbook: 'https://runbooks.example/raw' }),
			}, 1),
			request('GoSquared webhooks', 'goSquaredApi', { url: `${gosquared}/account/v1/webhooks` }, 2),
			// Last: its answer, a list, becomes one item per call.
			request('CCAI Platform calls', 'ccaiPlatformApi', { url: `${env.sandbox.url}/ccai/manager/api/v1/calls`, sendQuery: true, queryParameters: { parameters: [{ name: 'per', value: '2' }] } }, 3),
		];
		const names = nodes.map((node) => node.name);
		const workflow = await env.client.upsertWorkflow({
			name: 'E2E: HTTP Request node with the package credentials',
			settings: { executionOrder: 'v1' },
			nodes,
			connections: Object.fromEntries(names.slice(0, -1).map((name, index) => [name, { main: [[{ node: names[index + 1], type: 'main', index: 0 }]] }])),
		});
		const services = ['callgoose', 'gosquared', 'ccai'];
		const before = await Promise.all(services.map(async (service) => (await requests(service)).length));
		const execution = await env.client.runManually(workflow.id, MANUAL_TRIGGER);
		expect(execution.status).toBe('success');
		const [event, webhooks, calls] = await Promise.all(services.map(async (service, index) => (await requests(service)).slice(before[index])));
		const body = { title: 'Raw event', alert_id: 'http-request-node', status: 'firing', runbook: 'https://runbooks.example/raw' };
		expect(event.map((got) => [got.method, got.path, got.headers.authorization, got.json, got.status])).toEqual([
			['POST', '/v1/process', `Bearer ${DEFAULT_TOKENS.global}`, body, 201],
		]);
		const gs = sandboxCredentials(env.sandbox).goSquaredApi.data;
		expect(webhooks.map((got) => [got.method, got.path, got.query, got.status])).toEqual([['GET', '/account/v1/webhooks', { api_key: gs.apiKey, site_token: gs.siteToken }, 200]]);
		expect(calls.map((got) => [got.method, got.path, got.query, got.headers.authorization, got.status])).toEqual([
			['GET', '/manager/api/v1/calls', { per: '2' }, `Basic ${basicValueOf(CCAI_DEFAULTS.subdomain, CCAI_DEFAULTS.apiToken)}`, 200],
		]);
		expect(runData(execution, 'Callgoose event')).toEqual([expect.objectContaining({ triggered: { duplicate: false, created: true } })]);
		expect(runData(execution, 'GoSquared webhooks')).toEqual([{ list: expect.any(Array) }]);
		expect(runData(execution, 'CCAI Platform calls')).toEqual([expect.objectContaining({ id: expect.any(Number) }), expect.objectContaining({ id: expect.any(Number) })]);
	});
});

describe('the editor, in Chromium', () => {
	let browser: Awaited<ReturnType<typeof openBrowser>>;
	const NDV = '[data-test-id="ndv"]';
	const shot = (name: string) => browser.page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });

	beforeAll(async () => {
		browser = await openBrowser();
		await signIn(browser.page, env.n8n.url, OWNER.email, OWNER.password);
	}, 120_000);

	afterAll(async () => {
		await browser?.context.close();
	});

	/** Every combination of resource, operation and the options that switch fields on and off. */
	function* variants(node: INodeType): Generator<Record<string, string>> {
		const { properties } = node.description;
		const options = (name: string, values: Record<string, string>) =>
			visibleParameters(properties, values)
				.filter((property) => property.name === name && property.type === 'options')
				.flatMap((property) => (property.options as INodePropertyOptions[]).map((option) => String(option.value)));
		const resources = properties.some((property) => property.name === 'resource') ? options('resource', {}) : [''];
		for (const resource of resources) {
			const base: Record<string, string> = resource ? { resource } : {};
			const operations = properties.some((property) => property.name === 'operation') ? options('operation', base) : [''];
			for (const operation of operations) {
				const values: Record<string, string> = operation ? { ...base, operation } : { ...base };
				// Options that other visible fields depend on (Call Type, Specify Payload, Trigger...).
				// Each is set explicitly, because the editor keeps a value when the operation changes.
				const switches = visibleParameters(properties, values).filter(
					(property) =>
						property.type === 'options' &&
						!(property.name in values) &&
						properties.some((other) => Object.keys(other.displayOptions?.show ?? {}).includes(property.name)),
				);
				const defaults = Object.fromEntries(switches.map((control) => [control.name, String(control.default)]));
				yield { ...values, ...defaults };
				for (const control of switches) {
					for (const value of options(control.name, values).filter((option) => option !== String(control.default))) {
						yield { ...values, ...defaults, [control.name]: value };
					}
				}
			}
		}
	}

	const optionName = (node: INodeType, name: string, values: Record<string, string>) => {
		const property = visibleParameters(node.description.properties, values).find((candidate) => candidate.name === name);
		return (property?.options as INodePropertyOptions[]).find((option) => String(option.value) === values[name])!.name;
	};

	test.each(packageNodes.map((node) => [node.description.displayName, node] as const))(
		'finds %s in the node panel, adds it, and renders every resource, operation and field',
		async (displayName, node) => {
			const { page } = browser;
			const isTrigger = node.description.group.includes('trigger');
			await newWorkflowWithNodeCreator(page, env.n8n.url);
			await searchNodeCreator(page, displayName);
			// A trigger and an action node of the same service show as one entry.
			const entry = page.locator(`[data-keyboard-nav-id^="${PACKAGE.name}."]`).first();
			await entry.waitFor({ timeout: 10_000 }).catch(() => {
				throw new Error(`"${displayName}" was not found in the node panel`);
			});
			await entry.click();
			await shot(`${node.description.name}-1-node-panel`);
			const category = page.locator('[data-test-id="node-creator-category-item"]').filter({ hasText: isTrigger ? 'Triggers' : 'Actions' });
			if (!isTrigger && (await category.count()) > 0) {
				const firstAction = page.locator('[data-test-id="item-iterator-item"]').filter({ hasText: firstActionName(node) });
				if (!(await firstAction.isVisible())) await category.first().click();
			}
			const item = isTrigger
				? page.locator('[data-test-id="item-iterator-item"]').filter({ hasText: /^On / }).first()
				: page.locator('[data-test-id="item-iterator-item"]').filter({ hasText: firstActionName(node) }).first();
			await item.click();
			await page.locator(NDV).waitFor();

			for (const values of variants(node)) {
				for (const name of ['resource', 'operation', ...Object.keys(values).filter((key) => key !== 'resource' && key !== 'operation')]) {
					if (values[name] !== undefined) await selectOption(page, name, optionName(node, name, values));
				}
				const label = Object.values(values).join('-') || 'parameters';
				for (const property of visibleParameters(node.description.properties, values)) {
					if (property.type === 'notice') continue;
					await parameterLocator(page, NDV, property)
						.waitFor({ timeout: 5_000 })
						.catch(() => {
							throw new Error(`${displayName} (${label}): the field "${property.displayName}" does not render`);
						});
				}
				expect({ label, issues: await page.locator(`${NDV} [data-test-id="parameter-issues"]`).count() }).toEqual({ label, issues: 0 });
				await shot(`${node.description.name}-2-${label}`);
			}
			await page.locator('[data-test-id="ndv-close-button"]').click();
			await shot(`${node.description.name}-3-canvas`);
		},
	);

	test('each picker shows its list, and choosing an entry fills in the ID (a GoSquared person from the Site picked above it); the workflow then runs with those IDs', async () => {
		const { page } = browser;
		const { sandboxCredentials } = await import('../scripts/lib/provision');
		const gs = sandboxCredentials(env.sandbox).goSquaredApi.data as { apiKey: string; siteToken: string; apiUrl: string };
		const params = { api_key: gs.apiKey, site_token: gs.siteToken };
		// Something to pick: a webhook with a trigger at GoSquared; CCAI Platform has its calls.
		const webhook = (
			await axios.post(`${gs.apiUrl}/account/v1/webhooks`, { url: 'https://hooks.example.com/e2e', name: 'E2E alerts', trigger: 'traffic_dip', value: 40 }, { params })
		).data as { id: number };
		const [trigger] = (await axios.get(`${gs.apiUrl}/account/v1/webhooks/${webhook.id}/triggers`, { params })).data.list as Array<{ id: number }>;
		// A person on the second site, identified through the Tracking API, for the Site and Person ID pickers.
		await axios.post(`${gs.apiUrl}/tracking/v1/identify`, { person_id: 'email:reader@blog.example.com', properties: { name: 'Reader', email: 'reader@blog.example.com' } }, { params: { ...params, site_token: 'GSN-654321-B' } });
		const credential = (key: string) => ({ id: env.provisioned.credentials[key].id, name: env.provisioned.credentials[key].name });
		const empty = { __rl: true, mode: 'list', value: '' };
		const type = (name: string) => nodeType(packageNodes.find((node) => node.description.name === name)!);
		const node = (index: number, name: string, nodeName: string, key: string, parameters: Record<string, unknown>, typeVersion = 1) => ({
			id: `b1c2d3e4-0000-4000-8000-0000000000${String(index).padStart(2, '0')}`,
			name,
			type: type(nodeName),
			typeVersion,
			position: [220 * index, 0],
			parameters,
			credentials: { [key]: credential(key) },
		});
		const nodes = [
			{ id: 'b1c2d3e4-0000-4000-8000-000000000000', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			node(1, 'Get Webhook Trigger', 'goSquared', 'goSquaredApi', { resource: 'webhookTrigger', operation: 'get', webhookId: empty, triggerId: empty }),
			node(2, 'Get Call', 'ccaiPlatform', 'ccaiPlatformApi', { resource: 'call', operation: 'get', callId: empty }),
			node(3, 'Read Flags', 'ccaiPlatform', 'ccaiPlatformApi', { resource: 'customerFlag', operation: 'get', callId: empty }),
			node(4, 'Get Person', 'goSquared', 'goSquaredApi', { resource: 'person', operation: 'get', site: empty, personId: empty }),
			node(5, 'Get Smart Group', 'goSquared', 'goSquaredApi', { resource: 'smartGroup', operation: 'get', smartGroupId: empty }),
			node(6, 'Get Chat', 'goSquared', 'goSquaredApi', { resource: 'chat', operation: 'get', chatId: empty }),
			node(7, 'Get Queue', 'ccaiPlatform', 'ccaiPlatformApi', { resource: 'queue', operation: 'get', queueId: empty }, 1.1),
			// Last: it outputs one item per agent changed.
			node(8, 'Set Agent Status', 'ccaiPlatform', 'ccaiPlatformApi', { resource: 'agent', operation: 'updateStatus', status: empty, agentIds: [], teamIds: [] }, 1.1),
		];
		const chained = (names: string[]) =>
			Object.fromEntries(names.slice(0, -1).map((name, index) => [name, { main: [[{ node: names[index + 1], type: 'main', index: 0 }]] }]));
		const workflow = (await env.client.post('/rest/workflows', {
			name: 'E2E: pickers',
			active: false,
			settings: { executionOrder: 'v1' },
			nodes,
			connections: chained(nodes.map((node) => node.name)),
		})) as { id: string };

		// [node, parameter, entry, search]; a multi-select (several IDs) takes its entries as a list.
		const picks: Array<[node: string, parameter: string, entry: string | string[], search?: string]> = [
			['Get Webhook Trigger', 'webhookId', `E2E alerts (${webhook.id})`],
			['Get Webhook Trigger', 'triggerId', `Traffic Dip: 40 (${trigger.id})`],
			['Get Call', 'callId', '398 · Voice Outbound (API) · Finished', '398'],
			['Read Flags', 'callId', '397 · Voice Outbound (API) · Finished', '397'],
			['Get Person', 'site', 'Example Blog (blog.example.com) · GSN-654321-B', 'blog'],
			['Get Person', 'personId', 'Reader <reader@blog.example.com> (email:reader@blog.example.com)', 'reader'],
			['Get Smart Group', 'smartGroupId', 'Pro customers (pro-customers)', 'pro'],
			['Get Chat', 'chatId', 'Jon Smith <jon@example.com> (email:jon@example.com)'],
			['Set Agent Status', 'status', 'Available', 'avail'],
			['Set Agent Status', 'agentIds', ['Alex Agent (2)'], 'alex'],
			['Set Agent Status', 'teamIds', ['Sales (2)']],
			['Get Queue', 'queueId', 'App support (12) · mobile_menu', 'support'],
		];
		const isSet = (value: unknown) => (Array.isArray(value) ? value.length > 0 : Boolean((value as { value?: string } | undefined)?.value));
		// One visit per node: its picks, then one save.
		for (const nodeName of [...new Set(picks.map(([name]) => name))]) {
			const opened = nodes.find((candidate) => candidate.name === nodeName)!;
			await page.goto(`${env.n8n.url}/workflow/${workflow.id}/${opened.id}`);
			await page.locator(NDV).waitFor();
			const own = picks.filter(([name]) => name === nodeName);
			for (const [, parameter, entry, search] of own) {
				const label = `picker-${opened.name.replace(/\W+/g, '-')}-${parameter}`;
				const shown = Array.isArray(entry)
					? await pickOptions(page, NDV, parameter, entry, { search })
					: await pickFromList(page, NDV, parameter, entry, { search, screenshot: path.join(ARTIFACTS, `${label}-list.png`) });
				const listed = (Array.isArray(entry) ? entry : [entry]).every((wanted) => shown.some((text) => text.includes(wanted)));
				expect({ nodeName, parameter, listed }).toEqual({ nodeName, parameter, listed: true });
				await shot(`${label}-picked`);
			}
			await page.locator('[data-test-id="ndv-close-button"]').click();
			// Saved with the keyboard, as a user does (n8n may also have saved it by itself).
			await page.keyboard.press('Control+s');
			await until(`the picks of "${nodeName}" to be saved`, async () => {
				const saved = (await env.client.get(`/rest/workflows/${workflow.id}`)) as { nodes: Array<{ name: string; parameters: Record<string, unknown> }> };
				const parameters = saved.nodes.find((candidate) => candidate.name === nodeName)?.parameters ?? {};
				return own.every(([, parameter]) => isSet(parameters[parameter])) ? true : undefined;
			}, 15_000);
		}

		const saved = (await env.client.get(`/rest/workflows/${workflow.id}`)) as { nodes: Array<{ name: string; parameters: Record<string, unknown> }> };
		const value = (nodeName: string, parameter: string) => saved.nodes.find((node) => node.name === nodeName)!.parameters[parameter];
		expect(value('Get Webhook Trigger', 'webhookId')).toMatchObject({ __rl: true, mode: 'list', value: String(webhook.id), cachedResultName: `E2E alerts (${webhook.id})` });
		expect(value('Get Webhook Trigger', 'triggerId')).toMatchObject({ __rl: true, mode: 'list', value: String(trigger.id) });
		expect(value('Get Call', 'callId')).toMatchObject({ __rl: true, mode: 'list', value: '398' });
		expect(value('Read Flags', 'callId')).toMatchObject({ __rl: true, mode: 'list', value: '397' });
		expect(value('Get Person', 'site')).toMatchObject({ __rl: true, mode: 'list', value: 'GSN-654321-B' });
		expect(value('Get Person', 'personId')).toMatchObject({ __rl: true, mode: 'list', value: 'email:reader@blog.example.com' });
		expect(value('Get Smart Group', 'smartGroupId')).toMatchObject({ __rl: true, mode: 'list', value: 'pro-customers' });
		expect(value('Get Chat', 'chatId')).toMatchObject({ __rl: true, mode: 'list', value: 'email:jon@example.com' });
		expect(value('Set Agent Status', 'status')).toMatchObject({ __rl: true, mode: 'list', value: 'Available' });
		expect([value('Set Agent Status', 'agentIds'), value('Set Agent Status', 'teamIds')]).toEqual([[2], [2]]);
		expect(value('Get Queue', 'queueId')).toMatchObject({ __rl: true, mode: 'list', value: '12' });

		// And the IDs picked are the ones the nodes use.
		const execution = await env.client.runManually(workflow.id, 'Start');
		expect(execution.status).toBe('success');
		expect(runData(execution, 'Get Webhook Trigger')).toEqual([expect.objectContaining({ id: trigger.id, trigger: 'traffic_dip' })]);
		expect(runData(execution, 'Get Call')).toEqual([expect.objectContaining({ id: 398, outcome: 'finished' })]);
		expect(runData(execution, 'Read Flags')).toEqual([expect.objectContaining({ call_id: 397 })]);
		// The person picked is one of the site picked above it, and the node reads it from that site.
		expect(runData(execution, 'Get Person')).toEqual([expect.objectContaining({ id: 'email:reader@blog.example.com', name: 'Reader' })]);
		expect(runData(execution, 'Get Smart Group')).toEqual([expect.objectContaining({ id: 'pro-customers', name: 'Pro customers' })]);
		expect(runData(execution, 'Get Chat')).toEqual([expect.objectContaining({ id: 'email:jon@example.com', archived: false })]);
		// Alex, and the Sales team (Viewer Only, Multi Line), set to Available in one request.
		expect((runData(execution, 'Set Agent Status') as Array<{ agent_id: number; current_status: string }>).map((agent) => [agent.agent_id, agent.current_status])).toEqual([
			[2, 'Available'],
			[4, 'Available'],
			[5, 'Available'],
		]);
		expect(runData(execution, 'Get Queue')).toEqual([expect.objectContaining({ id: 12, name: 'App support', menu_type: 'mobile_menu' })]);
		// Twelve picks on eight nodes, each node a page load and a save: minutes on a busy machine.
	}, 360_000);

	test.each(packageCredentials.map((credential) => [credential.displayName, credential] as const))(
		'opens the %s form with all its fields',
		async (displayName, credential) => {
			const { page } = browser;
			await page.goto(`${env.n8n.url}/home/credentials/create`);
			await page.locator('[data-test-id="selectCredential-modal"]').waitFor();
			await page.locator('[data-test-id="new-credential-type-select"] input').fill(displayName);
			await page.locator('[data-test-id="new-credential-type-select-option"]').filter({ hasText: displayName }).first().click();
			await page.locator('[data-test-id="new-credential-type-button"]').click();
			const modal = '[data-test-id="editCredential-modal"]';
			await page.locator(modal).waitFor();
			for (const property of visibleParameters(credential.properties, {})) {
				if (property.type === 'notice') continue;
				await parameterLocator(page, modal, property)
					.waitFor({ timeout: 5_000 })
					.catch(() => {
						throw new Error(`${displayName}: the field "${property.displayName}" does not render`);
					});
			}
			await shot(`credential-${credential.name}`);
			await page.keyboard.press('Escape');
		},
	);
});

describe('the read and tracking operations no example or picker runs, once each in real n8n', () => {
	test('CCAI Platform agents, queues and calls, GoSquared people, Smart Groups, chats and a transaction: what the services answered is what the nodes output', async () => {
		const credential = (key: string) => ({ id: env.provisioned.credentials[key].id, name: env.provisioned.credentials[key].name });
		const type = (name: string) => nodeType(packageNodes.find((node) => node.description.name === name)!);
		const ccai = (name: string, parameters: Record<string, unknown>) => ({ name, nodeName: 'ccaiPlatform', key: 'ccaiPlatformApi', parameters, typeVersion: 1.1 });
		const goSquared = (name: string, parameters: Record<string, unknown>) => ({ name, nodeName: 'goSquared', key: 'goSquaredApi', parameters, typeVersion: 1 });
		const transactionId = `e2e-${Date.now()}`;
		const branches = [
			[ccai('Agents', { resource: 'agent', operation: 'getAll', returnAll: true })],
			[ccai('Queues', { resource: 'queue', operation: 'getAll', returnAll: true })],
			[ccai('Queue Status', { resource: 'queue', operation: 'currentStatus' })],
			[ccai('Queue SLA', { resource: 'queue', operation: 'sla', minutes: 60 })],
			[ccai('Calls', { resource: 'call', operation: 'getAll', returnAll: false, limit: 5 })],
			[goSquared('Search People', { resource: 'person', operation: 'search', query: 'jon' })],
			[goSquared('Smart Groups', { resource: 'smartGroup', operation: 'getAll' })],
			[goSquared('Chats', { resource: 'chat', operation: 'getAll' })],
			[
				goSquared('Chat Messages', { resource: 'chat', operation: 'getMessages', chatId: { __rl: true, mode: 'id', value: 'email:jon@example.com' }, returnAll: true }),
				{ ...goSquared('Archive Chat', { resource: 'chat', operation: 'archive', chatId: { __rl: true, mode: 'id', value: 'email:jon@example.com' } }), executeOnce: true },
			],
			[
				goSquared('Track Transaction', {
					resource: 'transaction',
					operation: 'track',
					transactionId,
					personId: 'email:jon@example.com',
					items: { item: [{ name: 'Annual plan', category: 'Subscriptions', price: 480, quantity: 1 }] },
				}),
			],
		];
		const nodes = [
			{ id: 'c1c2d3e4-0000-4000-8000-000000000000', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			...branches.flatMap((branch, row) =>
				branch.map(({ nodeName, key, ...node }, column) => ({
					...node,
					id: `c1c2d3e4-0000-4000-8000-0000000${String(row + 1).padStart(2, '0')}${String(column).padStart(3, '0')}`,
					type: type(nodeName),
					position: [220 * (column + 1), 160 * row],
					credentials: { [key]: credential(key) },
				})),
			),
		];
		const connections: Record<string, { main: Array<Array<{ node: string; type: string; index: number }>> }> = {
			Start: { main: [branches.map((branch) => ({ node: branch[0].name, type: 'main', index: 0 }))] },
		};
		for (const branch of branches) {
			for (let index = 0; index + 1 < branch.length; index++) connections[branch[index].name] = { main: [[{ node: branch[index + 1].name, type: 'main', index: 0 }]] };
		}
		const workflow = (await env.client.post('/rest/workflows', { name: 'E2E: every read', active: false, settings: { executionOrder: 'v1' }, nodes, connections })) as { id: string };
		for (const service of ['ccai', 'gosquared']) await axios.delete(`${env.sandbox.url}/_sandbox/${service}/requests`);

		const execution = await env.client.runManually(workflow.id, 'Start');
		expect(execution.status).toBe('success');

		type Received = { method: string; path: string; query: Record<string, string>; response: unknown };
		const received = async (service: string) => (await axios.get(`${env.sandbox.url}/_sandbox/${service}/requests`)).data as Received[];
		const ccaiRequests = await received('ccai');
		// Every page the service answered for a path, in order, as one list.
		const answered = (path: string) => ccaiRequests.filter((request) => request.method === 'GET' && request.path === path).flatMap((request) => request.response as Array<Record<string, unknown>>);
		const ids = (entries: Array<Record<string, unknown>> | undefined) => (entries ?? []).map((entry) => entry.id);

		// Agents and queues: every entry the service listed, once, in its order; Simplify on (version 1.1).
		expect(answered('/manager/api/v1/agents').length).toBeGreaterThan(0);
		expect(ids(runData(execution, 'Agents'))).toEqual(ids(answered('/manager/api/v1/agents')));
		expect(runData(execution, 'Agents')?.every((agent) => typeof agent.status === 'string' && !('channels' in agent))).toBe(true);
		expect(ids(runData(execution, 'Queues'))).toEqual(ids(answered('/manager/api/v1/menus')));
		expect(runData(execution, 'Queues')).toEqual(expect.arrayContaining([expect.objectContaining({ id: 12, name: 'App support' })]));
		// Current status and SLA: the service's answer, one item per queue.
		expect(runData(execution, 'Queue Status') ?? []).toEqual(answered('/manager/api/v1/menus/current_status'));
		const sla = ccaiRequests.find((request) => request.path === '/manager/api/v1/menus/sla');
		expect(sla?.query).toEqual({ minutes: '60' });
		expect((sla?.response as unknown[]).length).toBeGreaterThan(0);
		expect(runData(execution, 'Queue SLA')).toEqual(sla?.response);
		// Calls: the newest, at most five (Limit), simplified (version 1.1), recording_url among the fields.
		const calls = runData(execution, 'Calls') ?? [];
		expect(calls.length).toBeGreaterThan(0);
		expect(ids(calls)).toEqual(ids(answered('/manager/api/v1/calls')).slice(0, 5));
		expect(calls.every((call) => typeof call.outcome === 'string' && 'recording_url' in call && !('end_user' in call))).toBe(true);

		const goSquaredRequests = await received('gosquared');
		expect(goSquaredRequests.map((request) => `${request.method} ${request.path}`).sort()).toEqual(
			[
				'GET /chat/v1/chats',
				'GET /chat/v1/chats/email%3Ajon%40example.com/feed',
				'GET /people/v1/people',
				'GET /people/v1/smartgroups',
				'POST /chat/v1/chats/email%3Ajon%40example.com/archive',
				'POST /tracking/v1/transaction',
			].sort(),
		);
		expect(goSquaredRequests.find((request) => request.path === '/people/v1/people')?.query).toMatchObject({ query: 'jon' });
		expect(runData(execution, 'Search People')).toEqual([expect.objectContaining({ id: 'email:jon@example.com' })]);
		expect(ids(runData(execution, 'Smart Groups'))).toEqual(['pro-customers', 'example-org']);
		expect(ids(runData(execution, 'Chats'))).toContain('email:jon@example.com');
		expect(runData(execution, 'Chat Messages')?.map((message) => message.content)).toEqual(['Thanks!', 'Sorry to hear that, let me check', 'Hi, my order has not arrived']);
		// Archive ran once for the three messages (Execute Once), and the chat is archived at GoSquared.
		expect(runData(execution, 'Archive Chat')).toEqual([{ archived: true, chatId: 'email:jon@example.com', success: true }]);
		const site = (await sandboxState('gosquared')).sitesData['GSN-123456-A'];
		expect(site.chats.find((chat: { id: string }) => chat.id === 'email:jon@example.com')).toMatchObject({ archived: true });
		expect(runData(execution, 'Track Transaction')).toEqual([{ success: true }]);
		expect(site.transactions.filter((entry: { body: { transaction: { id: string } } }) => entry.body.transaction?.id === transactionId)).toHaveLength(1);
	});
});

/** The action label of an operation, e.g. "Create an incident": what n8n's tool description starts with. */
function actionOf(node: INodeType, resource: string, operation: string): string | undefined {
	const property = node.description.properties.find(
		(candidate) => candidate.name === 'operation' && (candidate.displayOptions?.show?.resource ?? []).includes(resource),
	);
	return ((property?.options ?? []) as INodePropertyOptions[]).find((option) => option.value === operation)?.action;
}

const basicValueOf = (username: string, password: string) => Buffer.from(`${username}:${password}`, 'utf8').toString('base64');

/** The action label n8n shows for the node's first operation, e.g. "Create an incident". */
function firstActionName(node: INodeType): string {
	const operation = node.description.properties.find((property) => property.name === 'operation');
	return ((operation?.options ?? []) as INodePropertyOptions[])[0]?.action ?? node.description.displayName;
}
