/** The workflows the queue-mode tests create in n8n, besides the examples. */
import { randomUUID } from 'crypto';

import { PACKAGE } from '../helpers/package';

type Credential = { id: string; name: string };

const node = (id: number, name: string, type: string, parameters: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
	id: `9a0e0000-0000-4000-8000-${String(id).padStart(12, '0')}`,
	name,
	type,
	typeVersion: 1,
	position: [id * 220, 0],
	parameters,
	...extra,
});

/** A straight line of nodes: each one's main output into the next. */
const chain = (names: string[]) =>
	Object.fromEntries(names.slice(0, -1).map((name, index) => [name, { main: [[{ node: names[index + 1], type: 'main', index: 0 }]] }]));

/**
 * Every action node type of the package, each with its credential, in one manual workflow: run on
 * a worker, it proves that worker loaded them (a missing type fails with "Unrecognized node type").
 */
export function everyActionNode(credentials: Record<string, Credential>) {
	return {
		name: 'Queue mode: every node type of the package',
		settings: { executionOrder: 'v1' },
		connections: chain(['Start', 'Callgoose', 'CCAI Platform', 'GoSquared']),
		nodes: [
			node(1, 'Start', 'n8n-nodes-base.manualTrigger', {}),
			node(2, 'Callgoose', `${PACKAGE.name}.callgoose`, {
				resource: 'incident',
				operation: 'create',
				title: 'Queue-mode probe',
				additionalFields: { pairs: [{ name: 'service', value: 'website' }] },
			}, { credentials: { callgooseApi: credentials.callgooseApi } }),
			node(3, 'CCAI Platform', `${PACKAGE.name}.ccaiPlatform`, { resource: 'customerFlag', operation: 'get', callId: 397 }, {
				credentials: { ccaiPlatformApi: credentials.ccaiPlatformApi },
			}),
			node(4, 'GoSquared', `${PACKAGE.name}.goSquared`, { resource: 'webhook', operation: 'getAll', returnAll: true }, {
				credentials: { goSquaredApi: credentials.goSquaredApi },
				// A project without webhooks gives no items; the execution still shows the node ran.
				alwaysOutputData: true,
			}),
		],
	};
}

/**
 * A production webhook that places one CCAI Platform call per entry of the posted `calls`
 * (`{ "calls": [{ "number": "+1…" }, …] }`), at Concurrency `concurrency`.
 */
export function callBatch(path: string, credential: Credential, { concurrency = 10 } = {}) {
	return {
		name: `Queue mode: place the posted calls (${path})`,
		settings: { executionOrder: 'v1' },
		connections: chain(['Calls posted', 'One item per call', 'Create Call']),
		nodes: [
			node(1, 'Calls posted', 'n8n-nodes-base.webhook', { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} }, {
				typeVersion: 2,
				webhookId: randomUUID(),
			}),
			node(2, 'One item per call', 'n8n-nodes-base.splitOut', { fieldToSplitOut: 'body.calls', options: {} }),
			node(3, 'Create Call', `${PACKAGE.name}.ccaiPlatform`, {
				resource: 'call',
				operation: 'create',
				callType: 'outbound',
				agentEmail: 'alex.agent@acme.example',
				endUserNumber: '={{ $json.number }}',
				language: 'en',
				requestOptions: { concurrency },
			}, { credentials: { ccaiPlatformApi: credential } }),
		],
	};
}

/**
 * `count` distinct North American numbers for batch `batch` (0 to 79), e.g. +1 415 203 1000: the
 * sandbox's record of the bodies it received tells each call apart by its number.
 */
export function callNumbers(batch: number, count: number): Array<{ number: string }> {
	return Array.from({ length: count }, (_, index) => ({ number: `+1415${200 + batch}${1000 + index}` }));
}
