import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep, updateDisplayOptions } from 'n8n-workflow';

import type { Prepared } from '../../../shared/itemLoop';
import type { Api } from '../../../shared/request';
import type { Parameters } from '../../../shared/validation';
import { callIdParameter } from '../../helpers/descriptions';
import { getCustomerFlag, updateCustomerFlag } from '../../transport';
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
 *
 * An update CCAI Platform did not answer (a timeout, a broken connection, a 5xx) may have been
 * applied, or may still be, late: after the later updates of the same call, whose values it would
 * then undo. So it is sent again (the same values), and the item then waits as long again as the
 * first attempt waited (at least SETTLE_MS) before it reads the flags back. The call's later items
 * wait behind it, so a late attempt lands before them. The item succeeds with the flags read back
 * when they are the ones it set; otherwise it fails: the update could not be confirmed. An attempt
 * CCAI Platform applies later still than that is beyond what the node can see.
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
			const started = Date.now();
			try {
				const response = await updateCustomerFlag(api, callId, body, 'first');
				return flagsFromResponse(api, callId, response.body) ?? { call_id: callId, ...set };
			} catch (error) {
				const failure = failureOf(api, error);
				if (failure) throw failure;
			}
			const waited = Date.now() - started;
			await updateCustomerFlag(api, callId, body, 'again');
			await sleep(Math.max(waited, SETTLE_MS));
			return await confirmed(api, callId, set);
		},
	};
}

/** The shortest wait before the flags are read back after an unanswered update. */
const SETTLE_MS = 1_000;

/**
 * What a failed first attempt means for the item: nothing yet (undefined) when CCAI Platform may
 * have applied it, because no answer came back (a timeout, a broken connection) or a 5xx did;
 * otherwise the error the item fails with.
 */
function failureOf(api: Api, error: unknown): NodeApiError | NodeOperationError | undefined {
	if (error instanceof NodeApiError) return api.mayHaveActed(error) ? undefined : error;
	if (error instanceof NodeOperationError) return error;
	return api.error({ message: error instanceof Error ? error.message : String(error) });
}

/** The flags read back: the item's output when they are the ones `set`; an error otherwise. */
async function confirmed(api: Api, callId: number, set: IDataObject): Promise<IDataObject> {
	const response = await getCustomerFlag(api, callId);
	const flags = flagsFromResponse(api, callId, response.body) ?? { call_id: callId };
	const differing = Object.keys(set).filter((key) => (flags[key] ?? false) !== set[key]);
	if (differing.length === 0) return flags;
	const shows = differing.map((key) => `${key} ${String(flags[key] ?? false)} after the update set ${String(set[key])}`).join('; ');
	throw api.error({
		message: `CCAI Platform shows ${shows}: the update could not be confirmed`,
		description: `CCAI Platform did not answer the first attempt to update call ${callId}, so it was sent again, and the flags were read back after a wait: they are not the ones this item set. Another update of the call (from elsewhere, or an earlier one CCAI Platform applied late) changed them. Check the call's flags before you run this item again.`,
		httpCode: String(response.statusCode),
		response: { body: JSON.stringify(response.body ?? null) },
	});
}
