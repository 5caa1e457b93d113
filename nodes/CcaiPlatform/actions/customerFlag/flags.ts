import type { IDataObject, JsonObject } from 'n8n-workflow';

import type { Api } from '../../../shared/request';
import { isPlainObject } from '../../../shared/validation';
import { callIdProperty as callIdLocator } from '../../helpers/descriptions';

/** The three flags, as CCAI Platform names them. */
export const FLAG_KEYS = ['verified_customer', 'bad_actor', 'repeat_customer'] as const;

export type FlagKey = (typeof FLAG_KEYS)[number];

/**
 * The PATCH example of the API page spells the last flag `repeat_customers`; GET returns
 * `repeat_customer`. Both are read (and Update sends both, see update.operation.ts).
 */
const ALIASES: Partial<Record<FlagKey, string>> = { repeat_customer: 'repeat_customers' };

/** The Call ID field of both Customer Flag operations. */
export const callIdProperty = callIdLocator(
	'The call whose customer the flags describe: pick it from the recent calls, or give its ID, e.g. 1001 (the ID that Call → Create returned)',
);

/** true/false, "true"/"false" (any case), 1/0 and "1"/"0"; a flag never set (null) is false. */
export function toBoolean(value: unknown): boolean | undefined {
	if (typeof value === 'boolean') return value;
	if (value === null) return false;
	if (value === 1 || value === 0) return value === 1;
	if (typeof value === 'string') {
		const text = value.trim().toLowerCase();
		if (text === 'true' || text === '1') return true;
		if (text === 'false' || text === '0' || text === '') return false;
	}
	return undefined;
}

/**
 * The flags in CCAI Platform's answer, as booleans, after the call ID. Keys the answer lacks are
 * left out; a value that is not a true/false value fails the item, rather than being guessed.
 */
export function flagsFromResponse(api: Api, callId: number, body: unknown): IDataObject | undefined {
	if (!isPlainObject(body)) return undefined;
	const flags: IDataObject = {};
	for (const key of FLAG_KEYS) {
		const alias = ALIASES[key];
		const raw = key in body ? body[key] : alias !== undefined && alias in body ? body[alias] : undefined;
		if (raw === undefined) continue;
		const value = toBoolean(raw);
		if (value === undefined) {
			throw api.error({
				message: `CCAI Platform answered ${JSON.stringify(raw)} for ${key}, which is not true or false`,
				description: `The customer flags of call ${callId} could not be read as booleans.`,
				response: body as JsonObject,
			});
		}
		flags[key] = value;
	}
	if (Object.keys(flags).length === 0) return undefined;
	return { call_id: callId, ...flags };
}
