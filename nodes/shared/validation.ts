import type {
	IDataObject,
	IExecuteFunctions,
	IGetNodeParameterOptions,
	INode,
	INodeProperties,
	NodeParameterValueType,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * Reading and checking what users give, for actions (per item) and triggers (per node) alike.
 * Every rule has its home here: an ID is a whole number above 0, a boolean is true or false, a
 * Limit is a whole number above 0, and so on. Each failure is a `NodeOperationError` that names
 * the field as the user sees it (and the item, for actions), raised before anything is sent.
 */

/** Every ID these services list or take: a whole number above 0, as digits. */
export const ID_PATTERN = '[1-9][0-9]*';
const ID = new RegExp(`^${ID_PATTERN}$`);

/** Whether a value is an ID (see `ID_PATTERN`), as a number or its digits. */
export function isId(value: unknown): boolean {
	return (typeof value === 'number' || typeof value === 'string') && ID.test(String(value)) && Number.isSafeInteger(Number(value));
}

/** A context whose parameters are read per node, without an item: triggers, hooks, webhooks, pickers. */
interface NodeContext {
	getNode(): INode;
	getTimezone(): string;
	getNodeParameter(name: string, fallback?: unknown, options?: IGetNodeParameterOptions): NodeParameterValueType | object;
}

type Reader = (name: string, fallback: unknown, options?: IGetNodeParameterOptions) => unknown;

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

/** The parameters of one item (actions) or of the node (triggers), each read and checked once. */
export class Parameters {
	private constructor(
		private readonly read: Reader,
		private readonly context: { getNode(): INode; getTimezone(): string },
		/** The item, for actions; undefined for triggers. */
		readonly itemIndex?: number,
	) {}

	static ofItem(context: IExecuteFunctions, itemIndex: number): Parameters {
		return new Parameters(
			(name, fallback, options) => context.getNodeParameter(name, itemIndex, fallback, options),
			context,
			itemIndex,
		);
	}

	static ofNode(context: NodeContext): Parameters {
		return new Parameters((name, fallback, options) => context.getNodeParameter(name, fallback, options), context);
	}

	get node(): INode {
		return this.context.getNode();
	}

	/** The workflow's time zone, in which a date without an offset is meant. */
	get timeZone(): string {
		return this.context.getTimezone();
	}

	/** The value as n8n gives it (expressions resolved), unchecked. */
	value(name: string, fallback: unknown, options?: IGetNodeParameterOptions): unknown {
		return this.read(name, fallback, options);
	}

	/** The error for a field: `"Field" problem (item N)`. */
	fail(field: string, problem: string, description?: string): NodeOperationError {
		const where = this.itemIndex === undefined ? '' : ` (item ${this.itemIndex})`;
		return new NodeOperationError(this.node, `"${field}" ${problem}${where}`, { itemIndex: this.itemIndex, description });
	}

	/** Text, trimmed; empty is refused when `required`. */
	string(name: string, field: string, { required = false } = {}): string {
		const raw = this.read(name, '');
		if (raw !== null && typeof raw === 'object') throw this.fail(field, 'must be text, not an object or a list');
		const value = raw === undefined || raw === null ? '' : String(raw).trim();
		if (required && value === '') throw this.fail(field, 'is required');
		return value;
	}

	/**
	 * A text field, read by its declaration: its name, its label and whether it is required come
	 * from the one `INodeProperties` the form shows, so the form and the check cannot disagree.
	 */
	text(property: INodeProperties): string {
		return this.string(property.name, property.displayName, { required: property.required === true });
	}

	/** true or false, or their text in any case; anything else is refused, not taken as truthy. */
	boolean(name: string, field: string, fallback = false): boolean {
		const raw = this.read(name, fallback);
		const value = booleanValue(raw);
		if (value === undefined) throw this.fail(field, `must be true or false, not ${shown(raw)}`);
		return value;
	}

	/**
	 * One of the option values of an options field, mapped to what it stands for. `names` lists the
	 * choices in the message; by default the option values.
	 */
	choice<T>(name: string, field: string, values: Record<string, T>, fallback: string, names?: string): T {
		const raw = this.read(name, fallback);
		if (typeof raw !== 'string' || !hasOwn(values, raw)) {
			throw this.fail(field, `${shown(raw)} is not one of ${names ?? Object.keys(values).join(', ')}`);
		}
		return values[raw];
	}

	/** A whole number from `min` to `max` (no upper bound when undefined). */
	wholeNumber(name: string, field: string, { min, max, fallback, unit = '' }: { min: number; max?: number; fallback: number; unit?: string }): number {
		const raw = this.read(name, fallback);
		if (typeof raw === 'number' && Number.isInteger(raw) && raw >= min && (max === undefined || raw <= max)) return raw;
		const range = max === undefined ? (min === 1 ? 'above 0' : `of at least ${min}`) : `from ${min} to ${max}`;
		throw this.fail(field, `must be a whole number${unit} ${range}, not ${shown(raw)}`);
	}

	/** How many items a Get Many returns (Return All / Limit): undefined for all. */
	limit(): number | undefined {
		if (this.boolean('returnAll', 'Return All')) return undefined;
		return this.wholeNumber('limit', 'Limit', { min: 1, fallback: 50 });
	}

	/** An ID (see `ID_PATTERN`), or undefined when empty. */
	optionalId(name: string, field: string, { zeroMeansUnset = false, description, resourceLocator = false }: IdOptions = {}): number | undefined {
		const raw = this.read(name, '', { extractValue: resourceLocator });
		const refuse = (what: string) => this.fail(field, `must be a whole number above 0, not ${what}`, description);
		if (raw !== null && typeof raw === 'object') throw refuse('an object or a list');
		const text = raw === undefined || raw === null ? '' : String(raw).trim();
		if (text === '' || (zeroMeansUnset && text === '0')) return undefined;
		if (!isId(text)) throw refuse(`"${text.slice(0, 40)}"`);
		return Number(text);
	}

	/** An ID that must be given (see `optionalId`). */
	id(name: string, field: string, options: IdOptions = {}): number {
		const value = this.optionalId(name, field, options);
		if (value === undefined) throw this.fail(field, options.hint ? `is required: ${options.hint}` : 'is required');
		return value;
	}

	/**
	 * A JSON parameter that must hold an object: the object itself (from an expression) or its
	 * text. Invalid JSON, lists, text and numbers are refused.
	 */
	jsonObject(name: string, field: string): IDataObject {
		const raw = this.read(name, '{}');
		let value = raw;
		if (typeof raw === 'string') {
			if (raw.trim() === '') throw this.fail(field, 'is empty: give a JSON object');
			try {
				value = JSON.parse(raw);
			} catch (error) {
				// The message says what to give: an AI agent that fills the field sees only the message.
				throw this.fail(field, `is not valid JSON (${(error as Error).message}): give a JSON object, e.g. {"key": "value"}`);
			}
		}
		if (!isPlainObject(value)) {
			const kind = Array.isArray(value) ? 'a list' : value === null ? 'null' : `a ${typeof value}`;
			throw this.fail(field, `must be a JSON object, not ${kind}`);
		}
		return value;
	}

	/**
	 * A fixed collection of name/value pairs (`{ pairs: [{ name, value }] }`) as an object. Empty
	 * and repeated names are refused, because either would silently drop data.
	 */
	keyValues(name: string, field: string): IDataObject {
		const collection = this.read(name, {}) as { pairs?: Array<{ name?: unknown; value?: unknown }> };
		const result: IDataObject = {};
		for (const [position, pair] of (collection.pairs ?? []).entries()) {
			const key = String(pair.name ?? '').trim();
			if (key === '') throw this.fail(field, `has an entry without a name (entry ${position + 1})`);
			if (hasOwn(result, key)) throw this.fail(field, `gives the name "${key}" twice`);
			setOwn(result, key, pair.value);
		}
		return result;
	}

	/**
	 * The values of a multi-options field, each checked by `known`, which gives the value to keep,
	 * or undefined for one it does not know (`what`: "a call status"). An expression may give a
	 * list, or comma-separated text.
	 */
	list<T>(name: string, field: string, known: (value: unknown) => T | undefined, what: { one: string; many: string; description?: string }): T[] {
		const raw = this.read(name, []);
		if (!Array.isArray(raw) && typeof raw !== 'string') throw this.fail(field, `must be a list of ${what.many}, not ${shown(raw)}`);
		const entries: unknown[] = Array.isArray(raw) ? raw : raw.trim() === '' ? [] : raw.split(',');
		return entries.map((entry) => {
			const value = known(entry);
			if (value === undefined) throw this.fail(field, `has ${shown(typeof entry === 'string' ? entry.trim() : entry)}, which is not ${what.one}`, what.description);
			return value;
		});
	}
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

export function isPlainObject(value: unknown): value is IDataObject {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/*
 * Objects built from what users give. Assigning `object[key] = value` drops a key named
 * `__proto__` (it sets the prototype instead), so a payload key, custom variable or answer field
 * of that name would vanish silently. These helpers keep every key as data.
 */

/** Sets `key` on `target` as an own, enumerable data property, whatever the key. */
export function setOwn<T extends object>(target: T, key: string, value: unknown): T {
	Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
	return target;
}

/** The fields `fields` of `entry`, in that order, each null when absent (what a Simplify returns). */
export function pick(entry: IDataObject, fields: string[]): IDataObject {
	return Object.fromEntries(fields.map((field) => [field, entry[field] ?? null]));
}

/** Whether `target` itself has `key` (not its prototype: `constructor`, `toString`, ...). */
export function hasOwn(target: object, key: string): boolean {
	return Object.prototype.hasOwnProperty.call(target, key);
}
