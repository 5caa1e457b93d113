/**
 * Redirects (issue "Hardening the new surfaces", finding 1). A service, or something posing as it,
 * answers 302 or 307 with a Location on another host. n8n's request helper would follow it and, by
 * default, send the credential there too; a redirected POST would come back as a GET whose answer
 * looks like a success. The nodes never follow: every redirect is an error that names the status
 * and the target host, and nothing reaches the other host — in runs, list searches, credential
 * tests and both triggers' activations.
 */
import http from 'http';
import type { AddressInfo } from 'net';

import type { IDataObject } from 'n8n-workflow';

import { callgooseCredentials, TOKENS } from '../helpers/callgoose';
import { ccaiCredentials } from '../helpers/ccai';
import { testCredential } from '../helpers/credentialTest';
import { goSquaredCredentials } from '../helpers/gosquared';
import { searchList } from '../helpers/listSearch';
import { runWorkflow, withParameters, workflowFile } from '../helpers/n8n';
import { PollHarness } from '../helpers/poll';
import { useSandbox } from '../helpers/sandbox';
import { TriggerHarness } from '../helpers/trigger';

const sandbox = useSandbox();
type Service = 'callgoose' | 'ccai' | 'gosquared';

/** The other host: a server on 127.0.0.2 that records everything it receives. */
const elsewhere: { url: string; received: Array<{ method: string; url: string; headers: http.IncomingHttpHeaders }> } = {
	url: '',
	received: [],
};
let server: http.Server;
beforeAll(async () => {
	server = http.createServer((req, res) => {
		elsewhere.received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
		res.writeHead(200, { 'Content-Type': 'application/json' });
		// What a success looks like for any of the three services.
		res.end(JSON.stringify({ id: 1, list: [], created: true, triggered: { created: false }, resolved: { resolved: true } }));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.2', resolve));
	elsewhere.url = `http://127.0.0.2:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
	await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
	elsewhere.received = [];
});

const redirect = (service: Service, method: string, path: string, status = 302) =>
	sandbox.current.services[service].addFault({
		method,
		path,
		status,
		body: '',
		headers: { Location: `${elsewhere.url}/elsewhere${path}?token=${TOKENS.global}` },
		times: 10,
	});

const host = () => elsewhere.url.replace('http://', '');

describe('runs: the redirect is an error naming the status and the host, and the other host gets nothing', () => {
	test.each<[string, Service, string, string, number, string, string, IDataObject, IDataObject]>([
		['Callgoose Create Incident (POST)', 'callgoose', 'POST', '/v1/process', 302, 'callgoose-create-incident.json', 'Create Incident', {}, { title: 'Disk full', alertId: 'db-1' }],
		['Callgoose Run Workflow (POST)', 'callgoose', 'POST', '/v1/request', 307, 'callgoose-run-workflow.json', 'Run Workflow', {}, { workflowId: 'wf-restart-service' }],
		['CCAI Create Call (POST)', 'ccai', 'POST', '/apps/api/v1/calls', 302, 'ccai-create-call.json', 'Create Call', {}, { agentEmail: 'admin@acme.example', endUserNumber: '+1 859-657-9625' }],
		['CCAI Get Call (GET)', 'ccai', 'GET', '/manager/api/v1/calls/1001', 302, 'ccai-get-call.json', 'Get Call', {}, { callId: 1001 }],
		['CCAI Update Flags (PATCH)', 'ccai', 'PATCH', '/apps/api/v1/calls/1001/customer_flag', 307, 'ccai-update-flags.json', 'Update Flags', {}, { callId: 1001 }],
		['CCAI Get Many (GET)', 'ccai', 'GET', '/manager/api/v1/calls', 307, 'ccai-get-many-calls.json', 'Get Calls', {}, {}],
		['GoSquared Create Webhook (POST)', 'gosquared', 'POST', '/account/v1/webhooks', 302, 'gosquared-webhook-create.json', 'Create Webhook', {}, { url: 'https://hooks.example.com/x', threshold: 5 }],
		['GoSquared Get Webhooks (GET)', 'gosquared', 'GET', '/account/v1/webhooks', 302, 'gosquared-webhook-get-many.json', 'Get Webhooks', {}, {}],
	])('%s', async (_name, service, method, path, status, file, node, parameters, input) => {
		redirect(service, method, path, status);
		const credentials =
			service === 'callgoose'
				? callgooseCredentials(sandbox.current, { token: file.includes('run-workflow') ? TOKENS.request : TOKENS.global })
				: service === 'ccai'
					? ccaiCredentials(sandbox.current)
					: goSquaredCredentials(sandbox.current);
		const result = await runWorkflow(withParameters(workflowFile(file), node, parameters), { credentials, input: [input] });

		const error = result.error(node);
		expect(error?.message).toBe(
			`${{ callgoose: 'Callgoose', ccai: 'CCAI Platform', gosquared: 'GoSquared' }[service]} answered HTTP ${status}, a redirect to ${host()}, which the node does not follow`,
		);
		expect(error?.httpCode).toBe(String(status));
		if (method !== 'GET') expect(String(error?.description)).toMatch(/may have (acted|been created)/);
		expect(elsewhere.received).toEqual([]);
		// Sent once, never again: a redirect is not retried.
		expect(sandbox.current.services[service].requests.filter((request) => request.path === path)).toHaveLength(1);
		expect(JSON.stringify(result.run)).not.toContain(TOKENS.global);
	});

	test('with continue on fail, the redirect is the item\'s error, and nothing is output as a success', async () => {
		redirect('callgoose', 'POST', '/v1/process');
		const workflow = workflowFile('callgoose-create-incident.json');
		workflow.nodes[1].onError = 'continueRegularOutput';
		const result = await runWorkflow(workflow, { credentials: callgooseCredentials(sandbox.current), input: [{ title: 'T', alertId: 'a' }] });
		const [item] = result.output('Create Incident');
		expect(item.json).toMatchObject({ httpCode: '302', error: expect.stringContaining('a redirect to') });
		expect(item.json.outcome).toBeUndefined();
		expect(elsewhere.received).toEqual([]);
	});
});

describe('credential tests never follow a redirect', () => {
	test('CCAI Platform (GET on the Manager API)', async () => {
		redirect('ccai', 'GET', '/manager/api/v1/calls');
		const { ccaiPlatformApi } = ccaiCredentials(sandbox.current);
		const result = await testCredential('ccaiPlatformApi', ccaiPlatformApi);
		expect(result.status).toBe('Error');
		expect(result.message).toContain(`answered HTTP 302, a redirect to ${host()}, which the test does not follow`);
		expect(elsewhere.received).toEqual([]);
	});

	test('Callgoose (POST)', async () => {
		redirect('callgoose', 'POST', '/v1/request', 307);
		const { callgooseApi } = callgooseCredentials(sandbox.current, { token: TOKENS.request });
		const result = await testCredential('callgooseApi', callgooseApi);
		expect(result.status).toBe('Error');
		expect(result.message).toContain(`answered HTTP 307, a redirect to ${host()}`);
		expect(result.message).not.toContain(TOKENS.request);
		expect(elsewhere.received).toEqual([]);
	});

	test('GoSquared (the key in the query string)', async () => {
		redirect('gosquared', 'GET', '/account/v1/webhooks');
		const { goSquaredApi } = goSquaredCredentials(sandbox.current);
		const result = await testCredential('goSquaredApi', goSquaredApi);
		expect(result.status).toBe('Error');
		expect(result.message).toContain(`answered HTTP 302, a redirect to ${host()}`);
		expect(elsewhere.received).toEqual([]);
	});
});

test('the Call ID picker fails with the redirect, and the other host gets nothing', async () => {
	redirect('ccai', 'GET', '/manager/api/v1/calls');
	await expect(
		searchList({ node: 'ccaiPlatform', method: 'searchCalls', parameters: {}, credentials: ccaiCredentials(sandbox.current) }),
	).rejects.toThrow(`a redirect to ${host()}, which the node does not follow`);
	expect(elsewhere.received).toEqual([]);
});

test('the CCAI Platform Trigger\'s activation fails with the redirect, and the other host gets nothing', async () => {
	redirect('ccai', 'GET', '/manager/api/v1/calls');
	const workflow = withParameters(workflowFile('ccai-trigger.json'), 'CCAI Platform Trigger', { event: 'callCreated' });
	const harness = new PollHarness(workflow, 'CCAI Platform Trigger', ccaiCredentials(sandbox.current));
	await expect(harness.activate()).rejects.toThrow(`a redirect to ${host()}`);
	expect(elsewhere.received).toEqual([]);
});

test('the GoSquared Trigger\'s activation fails with the redirect, registers nothing, and the other host gets nothing', async () => {
	const harness = new TriggerHarness({ workflow: workflowFile('gosquared-trigger.json'), credentials: goSquaredCredentials(sandbox.current) });
	await harness.start();
	try {
		redirect('gosquared', 'POST', '/account/v1/webhooks', 307);
		await expect(harness.activate()).rejects.toThrow(`a redirect to ${host()}`);
		expect(sandbox.current.services.gosquared.webhooks).toEqual([]);
		expect(elsewhere.received).toEqual([]);
	} finally {
		await harness.close();
	}
});
