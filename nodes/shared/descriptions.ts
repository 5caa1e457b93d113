import type { INodeProperties } from 'n8n-workflow';

import type { Batching } from './itemLoop';
import { ID_PATTERN, type Parameters } from './validation';

/**
 * Field declarations every node shares: Request Options, Options, Return All / Limit, and the ID
 * fields with a picker. What they declare is read by `Parameters` (validation.ts) and the session
 * (request.ts).
 */

export const DEFAULT_TIMEOUT_MS = 30_000;
/**
 * The longest Timeout a user may set: 10 minutes. Far above any answer these services take, and
 * far below 2^31 - 1 ms, past which Node's timers silently fire after 1 ms: the service would
 * act, and the item would fail as a timeout (for CCAI Platform: "the call may have been created").
 */
export const MAX_TIMEOUT_MS = 600_000;

/**
 * The node-wide "Request Options" every action node shows last. The item loop reads
 * `requestOptions.concurrency` (with the node's `batching`, which its router passes to the loop
 * too), the request layer `requestOptions.timeout`. `concurrencyNote` says what is kept in order
 * and what limits the service sets.
 */
export function requestOptionsProperty({
	service,
	batching,
	concurrencyNote,
}: {
	service: string;
	batching: Batching;
	concurrencyNote: string;
}): INodeProperties {
	const { defaultConcurrency, maxConcurrency } = batching;
	return {
		displayName: 'Request Options',
		name: 'requestOptions',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		description: `How many items are sent at once, and how long to wait for ${service}`,
		options: [
			{
				displayName: 'Batching: Concurrency',
				name: 'concurrency',
				type: 'number',
				typeOptions:
					maxConcurrency === undefined
						? { minValue: 1, numberPrecision: 0 }
						: { minValue: 1, maxValue: maxConcurrency, numberPrecision: 0 },
				default: defaultConcurrency,
				description: `How many input items are sent to ${service} at the same time${maxConcurrency === undefined ? '' : ` (at most ${maxConcurrency})`}. ${concurrencyNote} 1 sends every item one after another, in input order. Output order always follows input order.`,
			},
			{
				displayName: 'Timeout',
				name: 'timeout',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: MAX_TIMEOUT_MS, numberPrecision: 0 },
				default: DEFAULT_TIMEOUT_MS,
				description: `Milliseconds to wait for ${service} to answer a request before the item fails, at most ${MAX_TIMEOUT_MS} (10 minutes)`,
			},
		],
	};
}

/**
 * Shown above Request Options in every action node: n8n's own Retry On Fail re-sends whole items.
 * The node says so again in its error when the setting is on (router.ts).
 */
export const retryOnFailNotice: INodeProperties = {
	displayName:
		"The node retries each request itself, where that is safe. Leave n8n's Retry On Fail (Settings) off: it runs every item again when the node fails, creates included.",
	name: 'retryOnFailNotice',
	type: 'notice',
	default: '',
};

/** A Get Many's "Filters" collection: each filter added narrows the list. */
export function filtersProperty(description: string, options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		description,
		options,
	};
}

/** An operation's "Options" collection: settings most people leave alone. */
export function optionsProperty(description: string, options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		description,
		options,
	};
}

/**
 * The Simplify toggle n8n's guidelines ask for where an answer has more than about 10 fields: on
 * unless `extra` says otherwise (a default that depends on the node's version), `description`
 * saying what it keeps.
 */
export function simplifyProperty(description: string, extra: Partial<INodeProperties> = {}): INodeProperties {
	return { displayName: 'Simplify', name: 'simplify', type: 'boolean', default: true, description, ...extra };
}

/** Whether an item asks for the simplified answer; `fallback` is the toggle's default. */
export function simplifyParameter(item: Parameters, fallback = true): boolean {
	return item.boolean('simplify', 'Simplify', fallback);
}

/** Return All / Limit, as every n8n "Get Many" has them. */
export const returnAllProperties: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		displayOptions: { show: { returnAll: [false] } },
		description: 'Max number of results to return',
	},
];

/**
 * A field for the ID of something the service can list, as n8n's best nodes ask for one: picked
 * From List (a search served by the node's `listSearch` method `searchListMethod`) or typed By ID.
 * There is no By URL mode: none of these services shows its webhooks, triggers, calls, people or
 * chats at a web address that holds the ID (see the README).
 *
 * The By ID mode has no `extractValue`: an ID given by an expression is often a number, and n8n
 * applies an `extractValue` pattern to text only. The node reads the ID with `Parameters.id(…,
 * { resourceLocator: true })`, which also reads the plain number or text that workflows saved
 * before these fields were locators.
 */
export function idLocatorProperty({
	displayName,
	name,
	description,
	searchListMethod,
	what,
	example,
	dependsOn,
	byId = { pattern: ID_PATTERN, problem: 'must be a whole number above 0' },
	required = true,
}: {
	displayName: string;
	name: string;
	description: string;
	searchListMethod: string;
	/** What is picked, for the list's placeholder, e.g. "webhook". */
	what: string;
	/** An example ID, e.g. "1234", shown as the By ID mode's placeholder ("e.g. 1234"). */
	example: string;
	/** Parameters whose values the list depends on, e.g. "webhookId.value". */
	dependsOn?: string | string[];
	/** What an ID typed By ID must look like (a regular expression) and what to say otherwise; none for free text. */
	byId?: { pattern: string; problem: string } | null;
	/** Whether the field must be given; an optional one is empty (`''`) when not. */
	required?: boolean;
}): INodeProperties {
	const dependencies = dependsOn === undefined ? [] : Array.isArray(dependsOn) ? dependsOn : [dependsOn];
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required,
		description,
		...(dependencies.length ? { typeOptions: { loadOptionsDependsOn: dependencies } } : {}),
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: `Select a ${what}...`,
				typeOptions: { searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: `e.g. ${example}`,
				...(byId
					? {
							validation: [
								{
									type: 'regex' as const,
									properties: { regex: `\\s*${byId.pattern}\\s*`, errorMessage: `"${displayName}" ${byId.problem}` },
								},
							],
						}
					: {}),
			},
		],
	};
}
