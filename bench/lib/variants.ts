/**
 * The variants the side-by-side benchmark compares, each sending the same requests to the same
 * sandbox: this package's nodes, n8n's HTTP Request node set up as a user would set it up for the
 * same API, and a raw keep-alive client (the floor: no n8n at all).
 *
 * The Callgoose variants evaluate the same four expressions per item (title, description,
 * correlation value, service) and send the same body. The CCAI ones send the same call request;
 * the GoSquared ones the same event, with four expressions per item each.
 */
import http from 'http';

import type { IDataObject, IWorkflowBase } from 'n8n-workflow';

import { DEFAULT_CREDENTIALS as CCAI } from '../../sandbox/ccai';
import { callgooseCredentials, TOKENS } from '../../test/helpers/callgoose';
import { ccaiCredentials } from '../../test/helpers/ccai';
import { goSquaredCredentials, KEYS as GOSQUARED_KEYS, SITES as GOSQUARED_SITES } from '../../test/helpers/gosquared';
import { runWorkflow, withParameters, workflowFile, type RunResult } from '../../test/helpers/n8n';
import { HTTP_REQUEST_TYPE } from './httpRequestNode';

export interface Target {
	baseUrls: { callgoose: string; ccai: string; gosquared: string };
}

export interface Timed {
	/** Wall time of the whole execution. */
	ms: number;
	/** CPU time of this process during it (user + system). */
	cpuMs: number;
	result?: RunResult;
}

async function timed(run: () => Promise<RunResult | undefined>): Promise<Timed> {
	const cpu = process.cpuUsage();
	const started = process.hrtime.bigint();
	const result = await run();
	const ms = Number(process.hrtime.bigint() - started) / 1e6;
	const used = process.cpuUsage(cpu);
	return { ms, cpuMs: (used.user + used.system) / 1000, result };
}

// ---- Callgoose: Incident → Create -------------------------------------------------------------

/** One incident per item; `first` numbers them, so that a warm-up never repeats a payload (208). */
export const callgooseInput = (count: number, first = 0): IDataObject[] =>
	Array.from({ length: count }, (_, offset) => {
		const index = first + offset;
		return {
			title: `Disk almost full on db-${index}`,
			details: `Free space on db-${index} is below 5%`,
			alertId: `db-${index}-disk`,
			service: 'db',
		};
	});

/** The body each Callgoose variant sends for one input item. */
export const callgooseBody = (json: IDataObject): IDataObject => ({
	service: json.service,
	title: json.title,
	content: json.details,
	alert_id: json.alertId,
	status: 'firing',
});

/** Our Callgoose node; `concurrency` undefined keeps the node's default. */
export function oursCallgooseWorkflow(concurrency?: number): IWorkflowBase {
	const workflow = workflowFile('callgoose-create-incident.json');
	return concurrency === undefined
		? workflow
		: withParameters(workflow, 'Create Incident', { requestOptions: { concurrency } });
}

export async function runOursCallgoose(target: Target, input: IDataObject[], concurrency?: number): Promise<Timed> {
	const workflow = oursCallgooseWorkflow(concurrency);
	return await timed(async () => await runWorkflow(workflow, { credentials: callgooseCredentials(target), input }));
}

function httpRequestNode(version: number, parameters: IDataObject, credentials: IDataObject): IWorkflowBase {
	return {
		name: 'HTTP Request',
		nodes: [
			{
				id: 'b0000000-0000-4000-8000-000000000001',
				name: 'When clicking "Execute workflow"',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'b0000000-0000-4000-8000-000000000002',
				name: 'HTTP Request',
				type: HTTP_REQUEST_TYPE,
				typeVersion: version,
				position: [220, 0],
				parameters: parameters as IWorkflowBase['nodes'][number]['parameters'],
				credentials: credentials as IWorkflowBase['nodes'][number]['credentials'],
			},
		],
		connections: {
			'When clicking "Execute workflow"': {
				main: [[{ node: 'HTTP Request', type: 'main', index: 0 }]],
			},
		},
		settings: { executionOrder: 'v1' },
	} as unknown as IWorkflowBase;
}

/** The HTTP Request node as a user sets it up for Callgoose: Header Auth, a JSON body from fields. */
export function httpCallgooseWorkflow(version: number, target: Target): IWorkflowBase {
	return httpRequestNode(
		version,
		{
			method: 'POST',
			url: `${target.baseUrls.callgoose}/v1/process`,
			authentication: 'genericCredentialType',
			genericAuthType: 'httpHeaderAuth',
			sendQuery: true,
			queryParameters: { parameters: [{ name: 'from', value: 'n8n' }] },
			sendBody: true,
			specifyBody: 'keypair',
			bodyParameters: {
				parameters: [
					{ name: 'service', value: '={{ $json.service }}' },
					{ name: 'title', value: '={{ $json.title }}' },
					{ name: 'content', value: '={{ $json.details }}' },
					{ name: 'alert_id', value: '={{ $json.alertId }}' },
					{ name: 'status', value: 'firing' },
				],
			},
			options: {},
		},
		{ httpHeaderAuth: { id: 'bench-header', name: 'Callgoose token header' } },
	);
}

export async function runHttpCallgoose(target: Target, input: IDataObject[], version: number): Promise<Timed> {
	const workflow = httpCallgooseWorkflow(version, target);
	const credentials = { httpHeaderAuth: { name: 'Authorization', value: `Bearer ${TOKENS.global}` } };
	return await timed(async () => await runWorkflow(workflow, { credentials, input }));
}

/**
 * The floor: Node's own http client, `inFlight` requests at a time, sending the same bodies. No
 * n8n, no expressions. With `keepAlive` it reuses its connections; without, it opens one per
 * request, as n8n's request helper does.
 */
export async function runRawCallgoose(
	target: Target,
	input: IDataObject[],
	inFlight: number,
	{ keepAlive = true } = {},
): Promise<Timed> {
	const url = new URL(`${target.baseUrls.callgoose}/v1/process?from=n8n`);
	return await runRaw(url, { authorization: `Bearer ${TOKENS.global}` }, input.map(callgooseBody), inFlight, keepAlive);
}

/** POSTs each JSON body to `url`, `inFlight` at a time (see runRawCallgoose). */
async function runRaw(url: URL, headers: Record<string, string>, bodies: IDataObject[], inFlight: number, keepAlive: boolean): Promise<Timed> {
	// Without keep-alive, a new agent for every request (`agent: false`), as n8n's helper does.
	const agent = keepAlive ? new http.Agent({ keepAlive, maxSockets: inFlight }) : false;
	let next = 0;
	const post = (json: IDataObject) =>
		new Promise<void>((resolve, reject) => {
			const body = JSON.stringify(json);
			const request = http.request(
				url,
				{
					method: 'POST',
					agent,
					headers: {
						...headers,
						'content-type': 'application/json',
						accept: 'application/json',
						'content-length': Buffer.byteLength(body),
					},
				},
				(response) => {
					const chunks: Buffer[] = [];
					response.on('data', (chunk: Buffer) => chunks.push(chunk));
					response.on('end', () => {
						JSON.parse(Buffer.concat(chunks).toString('utf8'));
						resolve();
					});
					response.on('error', reject);
				},
			);
			request.on('error', reject);
			request.end(body);
		});
	const worker = async () => {
		while (next < bodies.length) await post(bodies[next++]);
	};
	try {
		return await timed(async () => {
			await Promise.all(Array.from({ length: inFlight }, worker));
			return undefined;
		});
	} finally {
		if (agent) agent.destroy();
	}
}

// ---- GoSquared: Event → Track -------------------------------------------------------------------

/** One event per item: a support call's end, for one caller each. */
export const goSquaredInput = (count: number): IDataObject[] =>
	Array.from({ length: count }, (_, index) => ({
		name: 'Support call finished',
		person: `caller-${index}@example.com`,
		outcome: index % 10 === 0 ? 'failed' : 'finished',
		duration: 60 + (index % 300),
	}));

/** The body each GoSquared variant sends for one input item (what our node sends for it). */
export const goSquaredBody = (json: IDataObject): IDataObject => ({
	event: { name: json.name, data: { outcome: json.outcome, duration: json.duration } },
	person_id: `email:${String(json.person)}`,
});

/** Our GoSquared node's Track Event (four expressions per item); `concurrency` undefined keeps its default. */
export async function runOursGoSquared(target: Target, input: IDataObject[], concurrency?: number): Promise<Timed> {
	const workflow = workflowFile('gosquared-event-track.json');
	const configured = concurrency === undefined ? workflow : withParameters(workflow, 'Track Event', { requestOptions: { concurrency } });
	return await timed(async () => await runWorkflow(configured, { credentials: goSquaredCredentials(target), input }));
}

/**
 * The HTTP Request node as a user sets it up for GoSquared's Tracking API: Query Auth for the key,
 * the site token as a query parameter, and the nested JSON body GoSquared takes, with the same
 * four expressions as ours.
 */
export async function runHttpGoSquared(target: Target, input: IDataObject[], version: number): Promise<Timed> {
	const workflow = httpRequestNode(
		version,
		{
			method: 'POST',
			url: `${target.baseUrls.gosquared}/tracking/v1/event`,
			authentication: 'genericCredentialType',
			genericAuthType: 'httpQueryAuth',
			sendQuery: true,
			queryParameters: { parameters: [{ name: 'site_token', value: GOSQUARED_SITES.main }] },
			sendBody: true,
			specifyBody: 'json',
			jsonBody:
				'={ "event": { "name": "{{ $json.name }}", "data": { "outcome": "{{ $json.outcome }}", "duration": {{ $json.duration }} } }, "person_id": "email:{{ $json.person }}" }',
			options: {},
		},
		{ httpQueryAuth: { id: 'bench-query', name: 'GoSquared key' } },
	);
	const credentials = { httpQueryAuth: { name: 'api_key', value: GOSQUARED_KEYS.write } };
	return await timed(async () => await runWorkflow(workflow, { credentials, input }));
}

/** The floor for GoSquared: the same bodies, the key and site in the query string. */
export async function runRawGoSquared(target: Target, input: IDataObject[], inFlight: number): Promise<Timed> {
	const url = new URL(`${target.baseUrls.gosquared}/tracking/v1/event`);
	url.search = new URLSearchParams({ api_key: GOSQUARED_KEYS.write, site_token: GOSQUARED_SITES.main }).toString();
	return await runRaw(url, {}, input.map(goSquaredBody), inFlight, true);
}

// ---- CCAI Platform: Call → Create ---------------------------------------------------------------

export const ccaiInput = (count: number): IDataObject[] =>
	Array.from({ length: count }, (_, index) => ({
		agentEmail: 'admin@acme.example',
		endUserNumber: `+1859657${String(1000 + index)}`,
	}));

/** Our CCAI node, with a credential of its own so that the run starts with a full rate-limit budget. */
export async function runOursCcai(target: Target, input: IDataObject[], credentialId: string): Promise<Timed> {
	const workflow = withParameters(workflowFile('ccai-create-call.json'), 'Create Call', {});
	workflow.nodes[1].credentials = { ccaiPlatformApi: { id: credentialId, name: 'bench' } };
	return await timed(async () => await runWorkflow(workflow, { credentials: ccaiCredentials(target), input }));
}

/** The HTTP Request node as a user sets it up for CCAI Platform: Basic Auth, a JSON body from fields. */
export async function runHttpCcai(target: Target, input: IDataObject[], version: number): Promise<Timed> {
	const workflow = httpRequestNode(
		version,
		{
			method: 'POST',
			url: `${target.baseUrls.ccai}/calls`,
			authentication: 'genericCredentialType',
			genericAuthType: 'httpBasicAuth',
			sendBody: true,
			specifyBody: 'keypair',
			bodyParameters: {
				parameters: [
					{ name: 'call_type', value: 'Voice Outbound (API)' },
					{ name: 'agent_email', value: '={{ $json.agentEmail }}' },
					{ name: 'end_user_number', value: '={{ $json.endUserNumber }}' },
					{ name: 'lang', value: 'en' },
				],
			},
			options: {},
		},
		{ httpBasicAuth: { id: 'bench-basic', name: 'CCAI Platform basic' } },
	);
	const credentials = { httpBasicAuth: { user: CCAI.subdomain, password: CCAI.apiToken } };
	return await timed(async () => await runWorkflow(workflow, { credentials, input }));
}
