import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { Prepared } from '../../../shared/itemLoop';
import type { Parameters } from '../../../shared/validation';
import { callIdParameter } from '../../helpers/descriptions';
import { getCustomerFlag } from '../../transport';
import { callIdProperty, FLAG_KEYS, flagsFromResponse } from './flags';

const properties: INodeProperties[] = [callIdProperty];

export const description = updateDisplayOptions(
	{ show: { resource: ['customerFlag'], operation: ['get'] } },
	properties,
);

/**
 * One item: `{ call_id, verified_customer, bad_actor, repeat_customer }`, the flags as booleans.
 * Reads and updates for the same call go in input order: the call ID is their key.
 */
export function prepare(item: Parameters): Prepared {
	const callId = callIdParameter(item);
	return {
		key: String(callId),
		async send(api) {
			const response = await getCustomerFlag(api, callId);
			const flags = flagsFromResponse(api, callId, response.body);
			if (!flags) {
				throw api.error({
					message: `CCAI Platform answered without customer flags for call ${callId} (HTTP ${response.statusCode})`,
					description: `Expected ${FLAG_KEYS.join(', ')}.`,
					httpCode: String(response.statusCode),
					response: { body: JSON.stringify(response.body ?? null) },
				});
			}
			// A flag missing from the answer was never set on this call.
			return { call_id: callId, verified_customer: false, bad_actor: false, repeat_customer: false, ...flags };
		},
	};
}
