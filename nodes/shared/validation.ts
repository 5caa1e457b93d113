import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { hasOwn, setOwn } from './objects';

/**
 * Input checks that run before anything is sent for an item. Each failure is a
 * `NodeOperationError` that names the field (as the user sees it) and the item.
 */
export function invalidInput(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	problem: string,
	description?: string,
): NodeOperationError {
	return new NodeOperationError(context.getNode(), `"${field}" ${problem} (item ${itemIndex})`, {
		itemIndex,
		description,
	});
}

/**
 * A value as a person can read it in a message: text in quotes, anything else as JSON, cut to
 * about `max` characters. Never "[object Object]".
 */
export function shown(value: unknown, max = 60): string {
	let text: string;
	if (value === undefined) return 'nothing';
	try {
		text = JSON.stringify(value) ?? String(value);
	} catch {
		text = Object.prototype.toString.call(value);
	}
	return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** true or false, or their text in any case ("true", " FALSE "); undefined for anything else. */
export function booleanValue(raw: unknown): boolean | undefined {
	if (typeof raw === 'boolean') return raw;
	if (typeof raw === 'string') {
		const text = raw.trim().toLowerCase();
		if (text === 'true') return true;
		if (text === 'false') return false;
	}
	return undefined;
}

/**
 * A boolean parameter (or option: `options.name`). An expression may give true or false or their
 * text; anything else is refused rather than taken as truthy or falsy.
 */
export function booleanParameter(
	context: IExecuteFunctions,
	name: string,
	field: string,
	itemIndex: number,
	fallback = false,
): boolean {
	const raw = context.getNodeParameter(name, itemIndex, fallback) as unknown;
	const value = booleanValue(raw);
	if (value === undefined) throw invalidInput(context, itemIndex, field, `must be true or false, not ${shown(raw)}`);
	return value;
}

/** A string parameter, trimmed; empty is refused when `required`. */
export function stringParameter(
	context: IExecuteFunctions,
	name: string,
	field: string,
	itemIndex: number,
	{ required = false } = {},
): string {
	const raw = context.getNodeParameter(name, itemIndex, '') as unknown;
	if (raw !== null && typeof raw === 'object') {
		throw invalidInput(context, itemIndex, field, 'must be text, not an object or a list');
	}
	const value = raw === undefined || raw === null ? '' : String(raw).trim();
	if (required && value === '') throw invalidInput(context, itemIndex, field, 'is required');
	return value;
}

/**
 * A text field, read by its declaration: its name, its label and whether it is required come from
 * the one `INodeProperties` the form shows, so the form and the check cannot disagree.
 */
export function textField(context: IExecuteFunctions, field: INodeProperties, itemIndex: number): string {
	return stringParameter(context, field.name, field.displayName, itemIndex, { required: field.required === true });
}

export function isPlainObject(value: unknown): value is IDataObject {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * A JSON parameter that must hold an object. It accepts the object itself (from an expression) or
 * its text, and refuses invalid JSON, arrays, strings and numbers.
 */
export function jsonObjectParameter(
	context: IExecuteFunctions,
	name: string,
	field: string,
	itemIndex: number,
): IDataObject {
	const raw = context.getNodeParameter(name, itemIndex, '{}') as unknown;
	let value = raw;
	if (typeof raw === 'string') {
		if (raw.trim() === '') throw invalidInput(context, itemIndex, field, 'is empty: give a JSON object');
		try {
			value = JSON.parse(raw);
		} catch (error) {
			throw invalidInput(
				context,
				itemIndex,
				field,
				`is not valid JSON (${(error as Error).message})`,
				'Give a JSON object, for example {"title": "Disk full", "status": "firing"}.',
			);
		}
	}
	if (!isPlainObject(value)) {
		const kind = Array.isArray(value) ? 'a list' : value === null ? 'null' : `a ${typeof value}`;
		throw invalidInput(context, itemIndex, field, `must be a JSON object, not ${kind}`);
	}
	return value;
}

interface KeyValuePair {
	name?: unknown;
	value?: unknown;
}

/**
 * A fixed collection of name/value pairs (`{ pairs: [{ name, value }] }`) as an object. Empty and
 * repeated names are refused, because either would silently drop data.
 */
export function keyValueParameter(
	context: IExecuteFunctions,
	name: string,
	field: string,
	itemIndex: number,
): IDataObject {
	const collection = context.getNodeParameter(name, itemIndex, {}) as { pairs?: KeyValuePair[] };
	const result: IDataObject = {};
	for (const [position, pair] of (collection.pairs ?? []).entries()) {
		const key = typeof pair.name === 'string' ? pair.name.trim() : String(pair.name ?? '').trim();
		if (key === '') {
			throw invalidInput(context, itemIndex, field, `has an entry without a name (entry ${position + 1})`);
		}
		if (hasOwn(result, key)) {
			throw invalidInput(context, itemIndex, field, `gives the name "${key}" twice`);
		}
		setOwn(result, key, pair.value);
	}
	return result;
}

export interface IdOptions {
	/** Whether 0 counts as not set, for number fields whose default is 0. */
	zeroMeansUnset?: boolean;
	/** What to give, said after "is required:" when the ID is missing. */
	hint?: string;
	/** Where such IDs come from, for the error's description. */
	description?: string;
	/**
	 * Whether the field is a resource locator (From List / By ID): its ID is read from whatever
	 * mode the user chose, and a value saved before the field was a locator (a plain number or
	 * text) is read as it is.
	 */
	resourceLocator?: boolean;
}

/**
 * An ID: a whole number above 0, from a number field or from an expression that gives a number or
 * its digits. Undefined when empty; anything else that is not an ID is refused.
 */
export function optionalIdParameter(
	context: IExecuteFunctions,
	name: string,
	field: string,
	itemIndex: number,
	{ zeroMeansUnset = false, description, resourceLocator = false }: IdOptions = {},
): number | undefined {
	const raw = context.getNodeParameter(name, itemIndex, '', { extractValue: resourceLocator }) as unknown;
	const refuse = (shown: string) =>
		invalidInput(context, itemIndex, field, `must be a whole number above 0, not ${shown}`, description);
	if (raw !== null && typeof raw === 'object') throw refuse('an object or a list');
	const text = raw === undefined || raw === null ? '' : String(raw).trim();
	if (text === '' || (zeroMeansUnset && text === '0')) return undefined;
	const value = /^[1-9]\d*$/.test(text) ? Number(text) : Number.NaN;
	if (!Number.isSafeInteger(value)) throw refuse(`"${text.slice(0, 40)}"`);
	return value;
}

/** An ID that must be given (see `optionalIdParameter`). */
export function idParameter(
	context: IExecuteFunctions,
	name: string,
	field: string,
	itemIndex: number,
	options: IdOptions = {},
): number {
	const value = optionalIdParameter(context, name, field, itemIndex, options);
	if (value === undefined) {
		throw invalidInput(context, itemIndex, field, options.hint ? `is required: ${options.hint}` : 'is required');
	}
	return value;
}
