import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { callIdProperty } from '../../helpers/descriptions';
import { callIdParameter } from '../../helpers/parameters';
import { withOutcome } from '../../helpers/statuses';
import { getCall } from '../../transport';

const properties: INodeProperties[] = [
	callIdProperty(
		'The call to read: pick it from the recent calls, or give its ID (for example the ID that Call → Create returned)',
	),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['call'], operation: ['get'] } },
	properties,
);

/**
 * GET /manager/api/v1/calls/:id. The item is the call as CCAI Platform has it now, with `outcome`
 * in front: what became of it, in one value a Switch node can route on (helpers/statuses.ts).
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const callId = callIdParameter(this, itemIndex);
	return withOutcome(await getCall(this, callId, itemIndex));
}
