import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { Prepared } from '../../../shared/itemLoop';
import type { Parameters } from '../../../shared/validation';
import { callIdParameter } from '../../helpers/descriptions';
import { updateCustomerFlag } from '../../transport';
import { callIdProperty, flagsFromResponse, toBoolean } from './flags';

/**
 * Each field of "Flags to Set", its label, and the keys sent for it.
 *
 * The repeat-customer flag goes under both spellings of the API page, with the same value: GET
 * answers `repeat_customer`, the PATCH example spells `repeat_customers`, and the real service
 * cannot be asked from here. The page shows a service that ignores input it does not use rather
 * than refusing it (recording_permission "is only evaluated if…", an outbound_number that is
 * "not passed in or invalid" falls back to the default, ticket_id silently wins over
 * end_user_number), and a partial update by nature leaves absent keys alone. So the update works
 * whichever spelling the service reads, and the two keys can never disagree.
 */
const FIELDS: Array<{ name: string; label: string; keys: string[] }> = [
	{ name: 'verifiedCustomer', label: 'Verified Customer', keys: ['verified_customer'] },
	{ name: 'badActor', label: 'Bad Actor', keys: ['bad_actor'] },
	{ name: 'repeatCustomer', label: 'Repeat Customer', keys: ['repeat_customer', 'repeat_customers'] },
];

const properties: INodeProperties[] = [
	callIdProperty,
	{
		displayName: 'Flags to Set',
		name: 'flags',
		type: 'collection',
		placeholder: 'Add flag',
		default: {},
		description:
			'Only the flags added here are sent and changed; the others keep their values. Add at least one.',
		options: [
			{
				displayName: 'Bad Actor',
				name: 'badActor',
				type: 'boolean',
				default: false,
				description: 'Whether the customer is a bad actor (sent as bad_actor)',
			},
			{
				displayName: 'Repeat Customer',
				name: 'repeatCustomer',
				type: 'boolean',
				default: false,
				description:
					'Whether the customer is a repeat customer. Sent as both repeat_customer (the key Get returns) and repeat_customers (the spelling of the API page\'s update example), with the same value.',
			},
			{
				displayName: 'Verified Customer',
				name: 'verifiedCustomer',
				type: 'boolean',
				default: false,
				description: 'Whether the customer is verified (sent as verified_customer)',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['customerFlag'], operation: ['update'] } },
	properties,
);

/**
 * Sends only the flags the user added. The item is `{ call_id, ...flags }`: the flags as CCAI
 * Platform answered them, or the flags that were set when it answers without them. Reads and
 * updates for the same call go in input order: the call ID is their key.
 */
export function prepare(item: Parameters): Prepared {
	const callId = callIdParameter(item);
	const chosen = item.value('flags', {}) as IDataObject;
	const body: IDataObject = {};
	const set: IDataObject = {};
	for (const { name, label, keys } of FIELDS) {
		if (chosen[name] === undefined) continue;
		const value = toBoolean(chosen[name]);
		if (value === undefined || chosen[name] === null || chosen[name] === '') {
			throw item.fail(label, `must be true or false, not ${JSON.stringify(chosen[name])}`);
		}
		set[keys[0]] = value;
		for (const key of keys) body[key] = value;
	}
	if (Object.keys(body).length === 0) {
		throw item.fail('Flags to Set', 'is empty: add at least one of Verified Customer, Bad Actor, Repeat Customer');
	}
	return {
		key: String(callId),
		async send(api) {
			const response = await updateCustomerFlag(api, callId, body);
			return flagsFromResponse(api, callId, response.body) ?? { call_id: callId, ...set };
		},
	};
}
