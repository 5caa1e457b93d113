/**
 * What one `getNodeParameter` costs inside a real execution, for a literal value and for an
 * expression: the figures behind reading only the credential and the Timeout once per execution
 * (a literal is already cheap; an expression must be evaluated per item anyway).
 */
import type { IExecuteFunctions, INodeType, IWorkflowBase } from 'n8n-workflow';

import { registerNodeType, runWorkflow } from '../../test/helpers/n8n';

export interface ParameterReads {
	/** Microseconds per read. */
	literal: number;
	literalInCollection: number;
	expression: number;
}

export async function measureParameterReads(count = 20_000): Promise<ParameterReads> {
	let figures: ParameterReads | undefined;
	const node: INodeType = {
		description: {
			displayName: 'Parameter reads',
			name: 'parameterReads',
			group: ['output'],
			version: 1,
			description: 'Bench only',
			defaults: { name: 'Parameter reads' },
			inputs: ['main'],
			outputs: ['main'],
			properties: [
				{ displayName: 'Literal', name: 'literal', type: 'string', default: '' },
				{ displayName: 'Expression', name: 'expression', type: 'string', default: '' },
				{
					displayName: 'Options',
					name: 'options',
					type: 'collection',
					default: {},
					options: [{ displayName: 'Flag', name: 'flag', type: 'boolean', default: false }],
				},
			],
		},
		async execute(this: IExecuteFunctions) {
			const items = this.getInputData().length;
			const perRead = (read: (itemIndex: number) => unknown) => {
				const started = process.hrtime.bigint();
				for (let index = 0; index < items; index++) read(index);
				return Number(process.hrtime.bigint() - started) / 1000 / items;
			};
			// Once to warm up, once measured.
			for (let round = 0; round < 2; round++) {
				figures = {
					literal: perRead((index) => this.getNodeParameter('literal', index)),
					literalInCollection: perRead((index) => this.getNodeParameter('options.flag', index, false)),
					expression: perRead((index) => this.getNodeParameter('expression', index)),
				};
			}
			return [[]];
		},
	};
	registerNodeType('bench.parameterReads', node);
	const workflow = {
		name: 'Parameter reads',
		nodes: [
			{ id: 'd1', name: 'Trigger', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'd2',
				name: 'Parameter reads',
				type: 'bench.parameterReads',
				typeVersion: 1,
				position: [220, 0],
				parameters: { literal: 'firing', expression: '={{ $json.title }}', options: { flag: true } },
			},
		],
		connections: { Trigger: { main: [[{ node: 'Parameter reads', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	} as unknown as IWorkflowBase;
	await runWorkflow(workflow, {
		credentials: {},
		input: Array.from({ length: count }, (_, index) => ({ title: `Incident ${index}` })),
	});
	if (!figures) throw new Error('the parameter-read node did not run');
	return figures;
}
