import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { Prepared } from '../../../shared/itemLoop';
import type { Parameters } from '../../../shared/validation';
import { menuReport } from '../../transport';

/** A week: the longest period the field offers. */
const MAX_MINUTES = 10_080;

const properties: INodeProperties[] = [
	{
		displayName: 'Minutes',
		name: 'minutes',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_MINUTES, numberPrecision: 0 },
		default: 60,
		required: true,
		description: `How far back the SLA is measured, in whole minutes up to now, e.g. 60 for the last hour (at most ${MAX_MINUTES}, a week)`,
	},
];

export const description = updateDisplayOptions({ show: { resource: ['queue'], operation: ['sla'] } }, properties);

/** GET /manager/api/v1/menus/sla?minutes=N: one item per menu path, as answered. */
export function prepare(item: Parameters): Prepared {
	const minutes = item.wholeNumber('minutes', 'Minutes', { min: 1, max: MAX_MINUTES, fallback: 60 });
	return {
		async send(api) {
			return await menuReport(api, 'sla', { minutes });
		},
	};
}
