import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { booleanParameter, invalidInput, shown } from './validation';

/** Return All / Limit, as every n8n "Get Many" has them. */
export const returnAllProperties: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		displayOptions: { show: { returnAll: [false] } },
		description: 'Max number of results to return',
	},
];

/** How many items a Get Many returns: undefined for Return All, else Limit. */
export function limitParameter(context: IExecuteFunctions, itemIndex: number): number | undefined {
	if (booleanParameter(context, 'returnAll', 'Return All', itemIndex)) return undefined;
	const limit = context.getNodeParameter('limit', itemIndex, 50) as unknown;
	if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1) {
		throw invalidInput(context, itemIndex, 'Limit', `must be a whole number above 0, not ${shown(limit)}`);
	}
	return limit;
}
