import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { Prepared } from '../../../shared/itemLoop';
import type { Parameters } from '../../../shared/validation';
import { callIdParameter, callIdProperty } from '../../helpers/descriptions';
import { callOutput, simplifyCallParameter, simplifyCallProperties } from '../../helpers/statuses';
import { getCall } from '../../transport';

const properties: INodeProperties[] = [
	callIdProperty(
		'The call to read: pick it from the recent calls, or give its numeric ID, e.g. the ID that Call → Create returned',
	),
	...simplifyCallProperties('get'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['call'], operation: ['get'] } },
	properties,
);

/**
 * GET /manager/api/v1/calls/:id. The item is the call as CCAI Platform has it now, with `outcome`
 * in front: what became of it, in one value a Switch node can route on (helpers/statuses.ts); with
 * Simplify, only the fields a workflow usually routes on.
 */
export function prepare(item: Parameters): Prepared {
	const callId = callIdParameter(item);
	const simplify = simplifyCallParameter(item);
	return {
		async send(api) {
			return callOutput(await getCall(api, callId), simplify);
		},
	};
}
