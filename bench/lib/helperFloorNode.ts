/**
 * The floor of any node that sends through n8n's request helper: a bench-only node that posts each
 * item's body, already built from its JSON (no parameters, no expressions, no checks), through
 * `httpRequestWithAuthentication` with the Callgoose credential read once, `inFlight` at a time.
 * Whatever separates it from the raw client is n8n's own per-request cost, which no node avoids.
 * With `keepAlive` it passes `agentOptions: { keepAlive: true }`, to show what that option does.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, IWorkflowBase } from 'n8n-workflow';

import { callgooseCredentials } from '../../test/helpers/callgoose';
import { registerNodeType, runWorkflow } from '../../test/helpers/n8n';
import { callgooseBody, type Target, type Timed } from './variants';

export const HELPER_FLOOR_TYPE = 'bench.helperFloor';

const helperFloor: INodeType = {
	description: {
		displayName: 'Helper floor',
		name: 'helperFloor',
		group: ['output'],
		version: 1,
		description: 'Bench only: n8n\'s request helper and nothing else',
		defaults: { name: 'Helper floor' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: 'callgooseApi', required: true }],
		properties: [
			{ displayName: 'URL', name: 'url', type: 'string', default: '' },
			{ displayName: 'In Flight', name: 'inFlight', type: 'number', default: 10 },
			{ displayName: 'Keep Alive', name: 'keepAlive', type: 'boolean', default: false },
		],
	},
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const url = this.getNodeParameter('url', 0) as string;
		const inFlight = this.getNodeParameter('inFlight', 0) as number;
		const agentOptions = this.getNodeParameter('keepAlive', 0) ? { agentOptions: { keepAlive: true } } : {};
		const reference = this.getNode().credentials?.callgooseApi;
		const credentialsDecrypted = {
			id: reference?.id ?? '',
			name: reference?.name ?? '',
			type: 'callgooseApi',
			data: await this.getCredentials('callgooseApi'),
		};
		const output: INodeExecutionData[] = new Array(items.length);
		let next = 0;
		const worker = async () => {
			while (next < items.length) {
				const index = next++;
				const body = (await this.helpers.httpRequestWithAuthentication.call(
					this,
					'callgooseApi',
					{ method: 'POST', url, qs: { from: 'n8n' }, body: callgooseBody(items[index].json), json: true, ...agentOptions },
					{ credentialsDecrypted },
				)) as IDataObject;
				output[index] = { json: body, pairedItem: { item: index } };
			}
		};
		await Promise.all(Array.from({ length: inFlight }, worker));
		return [output];
	},
};

registerNodeType(HELPER_FLOOR_TYPE, helperFloor);

export async function runHelperFloor(
	target: Target,
	input: IDataObject[],
	inFlight: number,
	{ keepAlive = false } = {},
): Promise<Timed> {
	const workflow = {
		name: 'Helper floor',
		nodes: [
			{
				id: 'c0000000-0000-4000-8000-000000000001',
				name: 'When clicking "Execute workflow"',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'c0000000-0000-4000-8000-000000000002',
				name: 'Helper floor',
				type: HELPER_FLOOR_TYPE,
				typeVersion: 1,
				position: [220, 0],
				parameters: { url: `${target.baseUrls.callgoose}/v1/process`, inFlight, keepAlive },
				credentials: { callgooseApi: { id: 'bench-floor', name: 'Callgoose' } },
			},
		],
		connections: {
			'When clicking "Execute workflow"': { main: [[{ node: 'Helper floor', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	} as unknown as IWorkflowBase;
	const cpu = process.cpuUsage();
	const started = process.hrtime.bigint();
	const result = await runWorkflow(workflow, { credentials: callgooseCredentials(target), input });
	const ms = Number(process.hrtime.bigint() - started) / 1e6;
	const used = process.cpuUsage(cpu);
	return { ms, cpuMs: (used.user + used.system) / 1000, result };
}
