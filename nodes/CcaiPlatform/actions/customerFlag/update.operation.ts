import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { invalidInput } from '../../../shared/validation';
import { updateCustomerFlag } from '../../transport';
import { callIdParameter, callIdProperty, flagsFromResponse, toBoolean, type FlagKey } from './flags';

export { callKey as key } from './flags';

/** Each field of "Flags to Set", its label, and the key sent for it. */
const FIELDS: Array<{ name: string; label: string; key: FlagKey }> = [
	{ name: 'verifiedCustomer', label: 'Verified Customer', key: 'verified_customer' },
	{ name: 'badActor', label: 'Bad Actor', key: 'bad_actor' },
	{ name: 'repeatCustomer', label: 'Repeat Customer', key: 'repeat_customer' },
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
					'Whether the customer is a repeat customer. Sent as repeat_customer, the key Get returns; the API documentation also spells it repeat_customers.',
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
 * Platform answered them, or the flags that were set when it answers without them.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const callId = callIdParameter(this, itemIndex);
	const chosen = this.getNodeParameter('flags', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	for (const { name, label, key } of FIELDS) {
		if (chosen[name] === undefined) continue;
		const value = toBoolean(chosen[name]);
		if (value === undefined || chosen[name] === null || chosen[name] === '') {
			throw invalidInput(this, itemIndex, label, `must be true or false, not ${JSON.stringify(chosen[name])}`);
		}
		body[key] = value;
	}
	if (Object.keys(body).length === 0) {
		throw invalidInput(
			this,
			itemIndex,
			'Flags to Set',
			'is empty: add at least one of Verified Customer, Bad Actor, Repeat Customer',
		);
	}
	const response = await updateCustomerFlag(this, itemIndex, callId, body);
	return flagsFromResponse(this, itemIndex, callId, response.body) ?? { call_id: callId, ...body };
}
