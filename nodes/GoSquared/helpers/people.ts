import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { DateTime } from 'luxon';

import { idLocatorProperty } from '../../shared/descriptions';
import type { Batching } from '../../shared/itemLoop';
import { shown, type Parameters } from '../../shared/validation';
import { smartGroupIdOf } from './events';

/**
 * Fields and readers of the GoSquared operations that name a site, a person, a Smart Group or a
 * chat (tracking, People, Live Chat). Every problem is the named-field error of `Parameters`,
 * raised while the item is prepared, before anything is sent.
 */

/**
 * The Tracking API's operations (Track Event, Identify Person, Track Transaction): GoSquared does
 * not rate-limit that API, so nothing holds them to the node's ceiling of 50; 50 in flight by
 * default, like the other service without a limit (Callgoose).
 */
export const TRACKING_BATCHING: Batching = { defaultConcurrency: 50 };

/** A site token as GoSquared prints them (`GSN-123456-A`): letters, digits and dashes. */
const SITE_TOKEN_PATTERN = '[A-Za-z0-9-]{1,64}';
const SITE_TOKEN = new RegExp(`^${SITE_TOKEN_PATTERN}$`);

/** The operation's project: empty for the credential's Site Token. */
export const siteProperty: INodeProperties = idLocatorProperty({
	displayName: 'Site',
	name: 'site',
	description: "The GoSquared project, by its site token, e.g. GSN-123456-A. Leave it empty to use the credential's Site Token.",
	searchListMethod: 'searchSites',
	what: 'site',
	example: 'GSN-123456-A',
	byId: { pattern: SITE_TOKEN_PATTERN, problem: 'must be a site token such as GSN-123456-A' },
	required: false,
});

/** The Site field: a site token, or undefined for the credential's. */
export function siteParameter(item: Parameters): string | undefined {
	const raw = item.value('site', '', { extractValue: true });
	if (raw !== null && typeof raw === 'object') throw item.fail('Site', 'must be a site token such as GSN-123456-A, not an object or a list');
	const token = raw === undefined || raw === null ? '' : String(raw).trim();
	if (token === '') return undefined;
	if (!SITE_TOKEN.test(token)) {
		throw item.fail('Site', `must be a site token such as GSN-123456-A, not ${shown(token)}`, 'Pick the project From List, or leave the field empty to use the credential\'s Site Token.');
	}
	return token;
}

const PERSON_ID_DESCRIPTION = 'Give your user ID of the person, or their email address, e.g. jon@example.com';

/** A person's ID as a text field (for tracking, where the ID comes from your data). */
export function personIdTextProperty({ required, description }: { required: boolean; description: string }): INodeProperties {
	return {
		displayName: 'Person ID',
		name: 'personId',
		type: 'string',
		default: '',
		required,
		placeholder: 'e.g. jon@example.com',
		description: `${description}. ${PERSON_ID_DESCRIPTION}.`,
	};
}

/** A person, picked from a search of the site's people, or given by ID. */
export function personIdLocatorProperty(description: string): INodeProperties {
	return idLocatorProperty({
		displayName: 'Person ID',
		name: 'personId',
		description: `${description}. ${PERSON_ID_DESCRIPTION}.`,
		searchListMethod: 'searchPeople',
		what: 'person',
		example: 'email:jon@example.com',
		dependsOn: 'site.value',
		byId: null,
	});
}

/** A chat: GoSquared's chat ID is the ID of the person chatting. */
export function chatIdProperty(description: string): INodeProperties {
	return idLocatorProperty({
		displayName: 'Chat ID',
		name: 'chatId',
		description: `${description}: the ID of the person chatting, or their email address, e.g. jon@example.com`,
		searchListMethod: 'searchChats',
		what: 'chat',
		example: 'email:jon@example.com',
		dependsOn: 'site.value',
		byId: null,
	});
}

export const smartGroupIdProperty: INodeProperties = idLocatorProperty({
	displayName: 'Smart Group ID',
	name: 'smartGroupId',
	description: 'The Smart Group to get: its ID, the last part of its URL in GoSquared People, e.g. my-awesome-group (a pasted URL works too)',
	searchListMethod: 'searchSmartGroups',
	what: 'Smart Group',
	example: 'my-awesome-group',
	dependsOn: 'site.value',
	byId: null,
});

/**
 * A person's ID as GoSquared takes it: an email address becomes `email:<address>`, as GoSquared
 * writes one; anything else is sent as it is. Undefined for an empty one.
 */
export function personIdOf(text: string): string | undefined {
	const id = text.trim();
	if (id === '' || /^email:\s*$/i.test(id)) return undefined;
	return /^[^\s@:]+@[^\s@]+$/.test(id) ? `email:${id}` : id;
}

/**
 * A person or chat ID field (text or picker): the ID to send, or undefined when empty and not
 * required.
 */
export function personIdParameter(item: Parameters, { name = 'personId', field = 'Person ID', required }: { name?: string; field?: string; required: boolean }): string | undefined {
	const id = personIdOf(locatorText(item, name, field));
	if (id === undefined && required) throw item.fail(field, 'is required: give the person\'s ID or email address');
	return id;
}

/** A Smart Group ID field: the ID (a pasted URL reduced to its last part). */
export function smartGroupIdParameter(item: Parameters): string {
	const id = smartGroupIdOf(locatorText(item, 'smartGroupId', 'Smart Group ID'));
	if (id === '') throw item.fail('Smart Group ID', 'is required: pick the Smart Group, or give its ID (the last part of its URL)');
	return id;
}

/** The text of a text field or of a picker (whatever its mode), trimmed. */
function locatorText(item: Parameters, name: string, field: string): string {
	const raw = item.value(name, '', { extractValue: true });
	if (raw !== null && typeof raw === 'object') throw item.fail(field, 'must be text, not an object or a list');
	return raw === undefined || raw === null ? '' : String(raw).trim();
}

/**
 * An optional date-time field as ISO 8601 in UTC: a Date & Time field (meant in the workflow's
 * time zone), ISO 8601 text with or without an offset, or a date from an expression.
 */
export function dateTimeParameter(item: Parameters, name: string, field: string): string | undefined {
	const raw = item.value(name, '');
	if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return undefined;
	let parsed: DateTime | undefined;
	if (raw instanceof Date) parsed = DateTime.fromJSDate(raw);
	else if (typeof raw === 'object' && typeof (raw as { toISO?: unknown }).toISO === 'function') parsed = DateTime.fromISO(String((raw as { toISO(): string }).toISO()));
	else if (typeof raw === 'string') parsed = DateTime.fromISO(raw.trim().replace(' ', 'T'), { zone: item.timeZone });
	if (!parsed?.isValid) throw item.fail(field, `must be a date, or ISO 8601 text such as 2030-01-31T14:30:00Z, not ${shown(raw)}`);
	return parsed.toUTC().toISO() ?? undefined;
}

/** A number field that may be left empty (an expression may give its text): the number, or undefined. */
export function optionalNumber(item: Parameters, name: string, field: string, { wholeAbove0 = false } = {}): number | undefined {
	const raw = item.value(name, '');
	if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return undefined;
	const value = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw.trim()) : NaN;
	if (!Number.isFinite(value) || (wholeAbove0 && (!Number.isInteger(value) || value < 1))) {
		throw item.fail(field, `must be ${wholeAbove0 ? 'a whole number above 0' : 'a number'}, not ${shown(raw)}`);
	}
	return value;
}

/** The entries of `values` that are set (not undefined, not empty text), or undefined when none is. */
export function definedOnly(values: IDataObject): IDataObject | undefined {
	const entries = Object.entries(values).filter(([, value]) => value !== undefined && value !== '');
	return entries.length ? Object.fromEntries(entries) : undefined;
}

/**
 * Name/value pairs (`{ pairs: [{ name, value }] }`, read with `Parameters.keyValues`): an event's
 * data, a person's custom properties.
 */
export function pairsProperty({
	displayName,
	name,
	description,
	entry,
	examples,
}: {
	displayName: string;
	name: string;
	description: string;
	/** What one pair is, e.g. "property". */
	entry: string;
	/** An example name and value. */
	examples: [name: string, value: string];
}): INodeProperties {
	return {
		displayName,
		name,
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: `Add ${entry}`,
		default: {},
		description,
		options: [
			{
				displayName: entry.replace(/^\w/, (letter) => letter.toUpperCase()),
				name: 'pairs',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: `e.g. ${examples[0]}`, description: `The name of the ${entry}` },
					{ displayName: 'Value', name: 'value', type: 'string', default: '', placeholder: `e.g. ${examples[1]}`, description: 'Its value: text, or a number or true/false from an expression' },
				],
			},
		],
	};
}

/** The From / To options of the Live Chat lists. */
export const chatRangeOptions: INodeProperties[] = [
	{
		displayName: 'From',
		name: 'from',
		type: 'dateTime',
		default: '',
		description: 'Only what happened at or after this time, e.g. 2030-01-31T14:30:00Z',
	},
	{
		displayName: 'To',
		name: 'to',
		type: 'dateTime',
		default: '',
		description: 'Only what happened before this time, e.g. 2030-01-31T18:00:00Z',
	},
];

/** The From / To options as GoSquared's query, and checked against each other. */
export function chatRangeParameters(item: Parameters): IDataObject {
	const from = dateTimeParameter(item, 'options.from', 'From');
	const to = dateTimeParameter(item, 'options.to', 'To');
	if (from && to && Date.parse(to) < Date.parse(from)) throw item.fail('To', `must not be earlier than From (${from}), not ${to}`);
	return definedOnly({ from, to }) ?? {};
}
