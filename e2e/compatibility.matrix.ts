/**
 * The compatibility matrix (scripts/lib/compatibility.js): for each n8n version and Node version,
 * the packed tarball installed exactly as the README's manual install says, then real n8n started
 * on that user folder. Each leg proves that:
 * - `npm install <tarball>` in an empty nodes folder adds this package and nothing else (no nested
 *   n8n-workflow, which would make n8n's `instanceof` checks see foreign classes);
 * - every n8n-workflow export the built package uses exists in that n8n's n8n-workflow;
 * - n8n lists every node type and credential type of the package, and the AI-tool variant of each
 *   node that is usable as a tool;
 * - the CCAI Platform node's two versions load and keep their outputs apart: a node saved at 1 keeps
 *   the whole call, a new one (1.1) returns the simplified call (Simplify's default by `@version`);
 * - n8n's AI Agent (its OpenAI Chat Model on the sandbox's scripted model) runs the Callgoose node
 *   as a tool, with the values the model chose, where that n8n runs community nodes as tools
 *   (`agentTools`), and n8n refuses the workflow where it does not;
 * - n8n's own credential test passes for the three sandbox credentials;
 * - the CCAI Platform Trigger (polling) activates, and its first poll reads CCAI Platform;
 * - the traffic-dip chain runs from its trigger: activating registers one webhook, a delivery runs
 *   GoSquared Trigger → Callgoose → CCAI Platform, and deactivating removes the webhook;
 * - a redirect to another host is never followed with the credential: n8n's own credential test
 *   and a run both fail and name it, and the other host receives nothing (n8n's helpers follow
 *   redirects and resend credentials by default; the package asks them not to, on every version).
 * `scripts/matrix-summary.js` prints the result as a table from Jest's JSON output.
 */
import { execFileSync } from 'child_process';
import http from 'http';
import type { AddressInfo } from 'net';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'fs';
import os from 'os';
import path from 'path';

import axios from 'axios';

import { legName, selectedLegs } from '../scripts/lib/compatibility';
import { packPackage } from '../scripts/lib/n8n-instance';
import { PROJECT_ROOT } from '../scripts/lib/runtime';
import { DEFAULT_API_KEY as OPENAI_KEY } from '../sandbox/openai';
import { agentAnswer, agentWorkflow, MANUAL_TRIGGER, openIncidentTool } from './helpers/agent';
import { startEnvironment, type Environment } from './helpers/environment';
import { credentials as packageCredentials, expectedCredentialTest, nodes as packageNodes, nodeType, PACKAGE } from './helpers/package';

jest.setTimeout(120_000);

const scratch = mkdtempSync(path.join(os.tmpdir(), 'n8n-matrix-'));
let tarball: string;

beforeAll(() => {
	tarball = packPackage(scratch);
});

afterAll(() => {
	rmSync(scratch, { recursive: true, force: true });
});

/**
 * Every name the built package imports from n8n-workflow (`n8n_workflow_1.NodeApiError` and so on),
 * except those it only reads behind a fallback (`n8n_workflow_1.NodeConnectionTypes?.Main ?? ...`).
 */
function workflowImports(): string[] {
	const names = new Set<string>();
	const walk = (dir: string) => {
		for (const entry of readdirSync(dir)) {
			const file = path.join(dir, entry);
			if (statSync(file).isDirectory()) walk(file);
			else if (file.endsWith('.js')) {
				for (const [, name, optional] of readFileSync(file, 'utf8').matchAll(/\bn8n_workflow_\d+\.([A-Za-z_$][\w$]*)(\?\.)?/g)) {
					if (!optional) names.add(name);
				}
			}
		}
	};
	walk(path.join(PROJECT_ROOT, 'dist'));
	// A name read both ways counts as required.
	return [...names].sort();
}

describe.each(selectedLegs().map((leg) => [legName(leg), leg] as const))('%s', (_name, leg) => {
	let env: Environment | undefined;
	const started = () => {
		if (!env) throw new Error('n8n did not start (see the first test of this leg)');
		return env;
	};
	const sandboxState = async (service: string) => (await axios.get(`${started().sandbox.url}/_sandbox/${service}`)).data;

	afterAll(async () => {
		await env?.stop();
	}, 60_000);

	test("the README's manual install adds only the package; n8n starts with it", async () => {
		env = await startEnvironment({
			runtime: { n8n: leg.n8n, node: leg.node },
			install: { method: 'npm', tarball },
			env: leg.env,
			logName: `n8n-${leg.n8n}-node-${leg.node}.log`,
		});
		const installation = env.npmInstallation!;
		expect(installation.nodeVersion).toBe(`v${leg.node}`);
		expect(installation.installed).toEqual([PACKAGE.name]);
		expect(installation.output).toMatch(/added 1 package/);
		process.stdout.write(
			`${legName(leg)}: npm ${installation.npmVersion} on Node ${installation.nodeVersion} installed ${installation.installed.join(', ')} in ${installation.seconds.toFixed(1)} s\n`,
		);
	}, 20 * 60_000);

	test('n8n-workflow of this n8n has every export the package uses', () => {
		const { runtime } = started();
		const script = `const w = require(${JSON.stringify(path.join(runtime.n8nModules, 'n8n-workflow'))}); process.stdout.write(JSON.stringify(Object.keys(w)))`;
		const exported = new Set(JSON.parse(execFileSync(runtime.node, ['-e', script], { encoding: 'utf8' })) as string[]);
		const used = workflowImports();
		expect(used.length).toBeGreaterThan(3);
		expect(used.filter((name) => !exported.has(name))).toEqual([]);
	});

	test('n8n lists every node type and credential type of the package', async () => {
		const { client } = started();
		const nodeTypes = (await client.get('/types/nodes.json')) as Array<{ name: string; displayName: string }>;
		const listedNodes = new Map(nodeTypes.map((type) => [type.name, type.displayName]));
		expect(packageNodes.map((node) => [nodeType(node), listedNodes.get(nodeType(node))])).toEqual(
			packageNodes.map((node) => [nodeType(node), node.description.displayName]),
		);
		const credentialTypes = (await client.get('/types/credentials.json')) as Array<{ name: string }>;
		const listedCredentials = new Set(credentialTypes.map((type) => type.name));
		expect(packageCredentials.map((credential) => credential.name).filter((name) => !listedCredentials.has(name))).toEqual([]);
	});

	test('the CCAI Platform node at version 1 and 1.1: a node saved at 1 keeps the whole call, a new one (1.1) is simplified', async () => {
		const { client, provisioned } = started();
		const types = (await client.get('/types/nodes.json')) as Array<{ name: string; version: number | number[] }>;
		const versions = types.filter((type) => type.name === `${PACKAGE.name}.ccaiPlatform`).flatMap((type) => [type.version].flat());
		expect(versions).toEqual(expect.arrayContaining([1, 1.1]));
		const credential = provisioned.credentials.ccaiPlatformApi;
		// Saved as the editor saves them: no Simplify parameter, so n8n gives each version its own default.
		const getCall = (index: number, typeVersion: number) => ({
			id: `c0ffee00-0000-4000-8000-00000000020${index}`,
			name: `Get Call ${typeVersion}`,
			type: `${PACKAGE.name}.ccaiPlatform`,
			typeVersion,
			position: [220, 200 * index],
			parameters: { resource: 'call', operation: 'get', callId: { __rl: true, mode: 'id', value: '398' } },
			credentials: { ccaiPlatformApi: { id: credential.id, name: credential.name } },
		});
		const workflow = await client.upsertWorkflow({
			name: 'Matrix: Simplify by node version',
			settings: { executionOrder: 'v1' },
			connections: { Start: { main: [[{ node: 'Get Call 1', type: 'main', index: 0 }, { node: 'Get Call 1.1', type: 'main', index: 0 }]] } },
			nodes: [
				{ id: 'c0ffee00-0000-4000-8000-000000000200', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
				getCall(1, 1),
				getCall(2, 1.1),
			],
		});
		const execution = (await client.runManually(workflow.id, 'Start')) as { status: string; data: { resultData: { runData: Record<string, Array<{ data: { main: Array<Array<{ json: Record<string, unknown> }>> } }>> } } };
		expect(execution.status).toBe('success');
		const output = (name: string) => execution.data.resultData.runData[name][0].data.main[0][0].json;
		expect(output('Get Call 1')).toMatchObject({ outcome: 'finished', id: 398, participants: expect.any(Array), agent_info: expect.any(Object) });
		expect(Object.keys(output('Get Call 1.1'))).toEqual(['outcome', 'id', 'status', 'fail_reason', 'call_type', 'created_at', 'ends_at', 'call_duration', 'wait_duration', 'agent_name', 'queue_name', 'recording_url']);
	});

	test('n8n lists the AI-tool variant (…Tool) of each node that is usable as a tool, and of no trigger', async () => {
		const { client } = started();
		const listed = new Set(((await client.get('/types/nodes.json')) as Array<{ name: string }>).map((type) => type.name));
		expect(packageNodes.map((node) => [node.description.name, listed.has(`${nodeType(node)}Tool`)])).toEqual(
			packageNodes.map((node) => [node.description.name, node.description.usableAsTool === true]),
		);
		expect(packageNodes.filter((node) => node.description.usableAsTool)).toHaveLength(3);
	});

	test("n8n's credential test passes for each sandbox credential", async () => {
		const { client, provisioned } = started();
		const results: Record<string, unknown> = {};
		for (const [key, credential] of Object.entries(provisioned.credentials)) results[key] = await client.testCredential(credential.id);
		// One per credential type, and the Callgoose Request token (Run Workflow) as a second Callgoose credential.
		expect(Object.keys(results).sort()).toEqual(['callgooseApi', 'callgooseRequestToken', 'ccaiPlatformApi', 'goSquaredApi']);
		for (const [key, result] of Object.entries(results)) expect({ key, ...(result as object) }).toEqual({ key, ...expectedCredentialTest(key) });
	});

	test('the CCAI Platform Trigger (polling) activates: its first poll reads CCAI Platform, and it deactivates', async () => {
		const { client, provisioned, sandbox } = started();
		const credential = provisioned.credentials.ccaiPlatformApi;
		const manager = async () =>
			((await axios.get(`${sandbox.url}/_sandbox/ccai/requests`)).data as Array<{ path: string; query: Record<string, string>; status: number }>).filter(
				(request) => request.path === '/manager/api/v1/calls',
			);
		const before = (await manager()).length;
		const workflow = await client.upsertWorkflow({
			name: 'Matrix: CCAI Platform Trigger',
			settings: { executionOrder: 'v1' },
			connections: {},
			nodes: [
				{
					id: 'c0ffee00-0000-4000-8000-000000000001',
					name: 'Call finished',
					type: `${PACKAGE.name}.ccaiPlatformTrigger`,
					typeVersion: 1,
					position: [0, 0],
					parameters: { pollTimes: { item: [{ mode: 'everyHour', minute: 0 }] }, event: 'statusReached', statuses: ['finished'] },
					credentials: { ccaiPlatformApi: { id: credential.id, name: credential.name } },
				},
			],
		});
		await client.activate(workflow.id);
		expect((await manager()).slice(before).map((request) => [request.query, request.status])).toEqual([
			[{ sort_column: 'updated_at', sort_direction: 'DESC', per: '100', page: '1' }, 200],
		]);
		await client.deactivate(workflow.id);
		expect((await client.get(`/rest/workflows/${workflow.id}`)).active).toBe(false);
	});

	test('the traffic-dip chain runs from its trigger: one webhook, one incident, one call; none left after', async () => {
		const { client, provisioned, sandbox } = started();
		const chained = provisioned.workflows.find((workflow) => workflow.file === 'traffic-dip-incident-and-call.json');
		if (!chained) throw new Error('the traffic-dip example was not provisioned');
		const calls = async () =>
			((await axios.get(`${sandbox.url}/_sandbox/ccai/requests`)).data as Array<{ method: string; path: string; status: number; json: unknown }>).filter(
				(request) => request.method === 'POST' && request.path === '/apps/api/v1/calls',
			);

		await client.activate(chained.id);
		const webhooks = (await sandboxState('gosquared')).webhooks as Array<{ url: string; triggers: Array<{ trigger: string; value: unknown }> }>;
		expect(webhooks.map((webhook) => webhook.triggers.map(({ trigger, value }) => ({ trigger, value })))).toEqual([[{ trigger: 'traffic_dip', value: 50 }]]);
		expect(new URL(webhooks[0].url).searchParams.get('secret')).toMatch(/^[0-9a-f]{64}$/);

		const fired = await axios.post(`${sandbox.url}/_sandbox/gosquared/fire`, { event: 'traffic_dip' });
		expect(fired.data.deliveries.map((delivery: { status: number }) => delivery.status)).toEqual([200]);
		const deadline = Date.now() + 30_000;
		let executions = await client.executions(chained.id);
		while (!executions.some((execution) => !['new', 'running'].includes(execution.status)) && Date.now() < deadline) {
			await new Promise((resolve) => setTimeout(resolve, 250));
			executions = await client.executions(chained.id);
		}
		expect(executions).toHaveLength(1);
		const execution = await client.waitForExecution(executions[0].id);
		expect({ mode: execution.mode, status: execution.status }).toEqual({ mode: 'webhook', status: 'success' });
		expect(Object.keys(execution.data.resultData.runData).sort()).toEqual(['Call the on-call agent', 'GoSquared Trigger', 'Open incident']);

		const { incidents } = await sandboxState('callgoose');
		expect(incidents).toEqual([expect.objectContaining({ service: 'website', status: 'active', title: expect.stringMatching(/^GoSquared - Traffic dip on /) })]);
		expect(await calls()).toEqual([expect.objectContaining({ status: 201, json: expect.objectContaining({ call_type: 'Voice Outbound (API)' }) })]);

		await client.deactivate(chained.id);
		const gone = Date.now() + 15_000;
		while ((await sandboxState('gosquared')).webhooks.length > 0 && Date.now() < gone) await new Promise((resolve) => setTimeout(resolve, 250));
		expect((await sandboxState('gosquared')).webhooks).toEqual([]);
	});

	// Last: the incident it opens would be one too many for the traffic-dip chain's count.
	test("the Callgoose node as an AI Agent's tool: it runs with the model's values where n8n runs community tools, and is refused before", async () => {
		const { client, provisioned, sandbox } = started();
		const types = (await client.get('/types/nodes.json')) as Array<{ name: string; version: number | number[] }>;
		const newest = (name: string) => Math.max(...types.filter((type) => type.name === name).flatMap((type) => [type.version].flat()));
		const openAi = await client.upsertCredential({ name: 'OpenAI (sandbox model)', type: 'openAiApi', data: { apiKey: OPENAI_KEY, url: sandbox.baseUrls.openai } });
		const correlation = `matrix-agent-${leg.id}`;
		await axios.post(`${sandbox.url}/_sandbox/openai/scripts`, {
			when: 'The search page is down',
			calls: [{ tool: 'Open_incident', arguments: { title: 'Search page down', correlation_value: correlation } }],
			answer: 'Incident opened.',
		});
		const callgoose = provisioned.credentials.callgooseApi;
		const tool = openIncidentTool({ id: callgoose.id, name: callgoose.name });
		const workflow = await client.upsertWorkflow(
			agentWorkflow('Matrix: AI Agent with the Callgoose tool', 'The search page is down: open an incident.', { id: openAi.id, name: openAi.name }, [tool], {
				agent: newest('@n8n/n8n-nodes-langchain.agent'),
				model: newest('@n8n/n8n-nodes-langchain.lmChatOpenAi'),
				modelBaseUrl: sandbox.baseUrls.openai,
			}),
		);
		const modelRequests = async () => (await axios.get(`${sandbox.url}/_sandbox/openai/requests`)).data as Array<{ status: number }>;
		const events = async () =>
			((await axios.get(`${sandbox.url}/_sandbox/callgoose/requests`)).data as Array<{ json?: { alert_id?: string; title?: string }; status: number }>).filter(
				(request) => request.json?.alert_id === correlation,
			);
		if (!leg.agentTools) {
			await expect(client.runManually(workflow.id, MANUAL_TRIGGER)).rejects.toThrow(`Unrecognized node type: ${tool.type}`);
			expect({ model: await modelRequests(), callgoose: await events() }).toEqual({ model: [], callgoose: [] });
			return;
		}
		const execution = await client.runManually(workflow.id, MANUAL_TRIGGER);
		expect(execution.status).toBe('success');
		expect((await events()).map((request) => [request.json?.title, request.status])).toEqual([['Search page down', 201]]);
		expect((await modelRequests()).map((request) => request.status)).toEqual([200, 200]);
		expect(agentAnswer(execution)).toMatch(/^Incident opened\.\nOpen_incident returned: .*"outcome":"created"/);
	});

	test('a redirect to another host: the credential test and a run fail and name it, and the other host receives nothing', async () => {
		const { client, provisioned, sandbox } = started();
		const received: string[] = [];
		const elsewhere = http.createServer((req, res) => {
			received.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''}`);
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.end('[]');
		});
		await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.2', resolve));
		const target = `127.0.0.2:${(elsewhere.address() as AddressInfo).port}`;
		try {
			await axios.post(`${sandbox.url}/_sandbox/ccai/faults`, {
				method: 'GET',
				path: '/manager/api/v1/calls',
				status: 302,
				body: '',
				headers: { Location: `http://${target}/manager/api/v1/calls` },
				times: 10,
			});
			const credential = provisioned.credentials.ccaiPlatformApi;
			const tested = (await client.testCredential(credential.id)) as { status: string; message: string };
			expect(tested.status).toBe('Error');
			expect(tested.message).toContain(`answered HTTP 302, a redirect to ${target}, which the test does not follow`);

			const workflow = await client.upsertWorkflow({
				name: 'Matrix: a redirected listing',
				settings: { executionOrder: 'v1' },
				connections: { Start: { main: [[{ node: 'Get Calls', type: 'main', index: 0 }]] } },
				nodes: [
					{ id: 'c0ffee00-0000-4000-8000-000000000101', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
					{
						id: 'c0ffee00-0000-4000-8000-000000000102',
						name: 'Get Calls',
						type: `${PACKAGE.name}.ccaiPlatform`,
						typeVersion: 1,
						position: [220, 0],
						parameters: { resource: 'call', operation: 'getAll' },
						credentials: { ccaiPlatformApi: { id: credential.id, name: credential.name } },
					},
				],
			});
			const execution = await client.runManually(workflow.id, 'Start');
			expect(execution.status).toBe('error');
			expect(JSON.stringify(execution.data)).toContain(`CCAI Platform answered HTTP 302, a redirect to ${target}, which the node does not follow`);
			expect(received).toEqual([]);
		} finally {
			await axios.delete(`${sandbox.url}/_sandbox/ccai/faults`);
			await new Promise((resolve) => elsewhere.close(resolve));
		}
	});
});
