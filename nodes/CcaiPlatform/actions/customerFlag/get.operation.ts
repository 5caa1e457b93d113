import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { apiError } from '../../../shared/request';
import { callIdParameter } from '../../helpers/parameters';
import { getCustomerFlag } from '../../transport';
import { callIdProperty, FLAG_KEYS, flagsFromResponse } from './flags';

export { callKey as key } from './flags';

const properties: INodeProperties[] = [callIdProperty];

export const description = updateDisplayOptions(
	{ show: { resource: ['customerFlag'], operation: ['get'] } },
	properties,
);

/** One item: `{ call_id, verified_customer, bad_actor, repeat_customer }`, the flags as booleans. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const callId = callIdParameter(this, itemIndex);
	const response = await getCustomerFlag(this, itemIndex, callId);
	const flags = flagsFromResponse(this, itemIndex, callId, response.body);
	if (!flags) {
		throw apiError(this, {
			message: `CCAI Platform answered without customer flags for call ${callId} (HTTP ${response.statusCode})`,
			description: `Expected ${FLAG_KEYS.join(', ')}.`,
			itemIndex,
			httpCode: String(response.statusCode),
			response: { body: JSON.stringify(response.body ?? null) },
		});
	}
	// A flag missing from the answer was never set on this call.
	return { call_id: callId, verified_customer: false, bad_actor: false, repeat_customer: false, ...flags };
}
