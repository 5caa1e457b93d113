import type { IExecuteFunctions } from 'n8n-workflow';

import { idParameter, invalidInput, stringParameter } from '../../shared/validation';
import { parseDateTime } from './dateTime';
import { normalizePhoneNumber } from './phone';

/**
 * Reads and checks the CCAI Platform node's fields for one item. Every problem is a
 * `NodeOperationError` that names the field and the item, raised before anything is sent.
 */

/** Deliberately plain: a local part, an @, and a domain with a dot. The service knows its agents. */
const EMAIL = /^[^\s@"<>(),;:]+@[^\s@"<>(),;:.]+(\.[^\s@"<>(),;:.]+)+$/;

export function emailParameter(
	context: IExecuteFunctions,
	name: string,
	field: string,
	itemIndex: number,
): string {
	const value = stringParameter(context, name, field, itemIndex, { required: true });
	if (!EMAIL.test(value)) {
		throw invalidInput(context, itemIndex, field, `"${value}" is not an email address`);
	}
	return value;
}

/** A phone number in E.164 form, or undefined when the field is empty. */
export function phoneParameter(
	context: IExecuteFunctions,
	name: string,
	field: string,
	itemIndex: number,
): string | undefined {
	const value = stringParameter(context, name, field, itemIndex);
	if (value === '') return undefined;
	const result = normalizePhoneNumber(value);
	if (!result.ok) throw invalidInput(context, itemIndex, field, result.problem);
	return result.e164;
}

/** The node's ID fields are number fields whose default, 0, means "not set". */
export const NUMBER_FIELD = { zeroMeansUnset: true } as const;

/**
 * The Call ID of Call → Get and the Customer Flag operations: a resource locator (From List, By
 * ID), or the plain number that workflows saved before it was one (0 meant "not set").
 */
export function callIdParameter(context: IExecuteFunctions, itemIndex: number): number {
	return idParameter(context, 'callId', 'Call ID', itemIndex, {
		...NUMBER_FIELD,
		resourceLocator: true,
		hint: 'pick a call, or give the ID of one',
	});
}

/**
 * An ISO 639-1 code, optionally with a region (`fr-CA`), in the case CCAI Platform expects (its
 * codes are case-sensitive); undefined when empty (CCAI Platform then uses "en").
 */
export function languageParameter(
	context: IExecuteFunctions,
	name: string,
	field: string,
	itemIndex: number,
): string | undefined {
	const value = stringParameter(context, name, field, itemIndex);
	if (value === '') return undefined;
	const match = /^([a-z]{2})(?:[-_]([a-z]{2}))?$/i.exec(value);
	if (!match) {
		throw invalidInput(
			context,
			itemIndex,
			field,
			`"${value}" is not an ISO 639-1 language code: use two letters (en, es), optionally with a region (fr-CA)`,
		);
	}
	const [, language, region] = match;
	return region ? `${language.toLowerCase()}-${region.toUpperCase()}` : language.toLowerCase();
}

/** A date-time strictly in the future, as ISO 8601 UTC (`2030-01-31T14:30:00.000Z`). */
export function futureDateTimeParameter(
	context: IExecuteFunctions,
	name: string,
	field: string,
	itemIndex: number,
): string {
	const raw = context.getNodeParameter(name, itemIndex, '') as unknown;
	if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
		throw invalidInput(context, itemIndex, field, 'is required: give the future time of the call');
	}
	const result = parseDateTime(raw, context.getTimezone());
	if (!result.ok) throw invalidInput(context, itemIndex, field, result.problem);
	const iso = result.date.toISOString();
	if (result.date.getTime() <= Date.now()) {
		throw invalidInput(context, itemIndex, field, `is in the past (${iso}): give a future time`);
	}
	return iso;
}

/** A date-time filter, or undefined when the field is empty. */
export function optionalDateTimeParameter(
	context: IExecuteFunctions,
	name: string,
	field: string,
	itemIndex: number,
): Date | undefined {
	const raw = context.getNodeParameter(name, itemIndex, '') as unknown;
	if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return undefined;
	const result = parseDateTime(raw, context.getTimezone());
	if (!result.ok) throw invalidInput(context, itemIndex, field, result.problem);
	return result.date;
}
