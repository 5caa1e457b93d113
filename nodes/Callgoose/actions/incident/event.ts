import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { hasOwn, setOwn } from '../../../shared/objects';
import {
	invalidInput,
	jsonObjectParameter,
	keyValueParameter,
	shown,
	stringParameter,
	textField,
} from '../../../shared/validation';
import { incidentOutcome, outcomeItem, outcomeOptionsProperty } from '../../helpers/outcome';
import { PROCESS_PATH, callgoosePost } from '../../transport';

/**
 * Create and Resolve both post an event to /v1/process; the user's API filters in Callgoose decide
 * what it does. They differ in intent, so in which fields are required and in their defaults:
 * each operation file declares those fields, and this file the ones they share. Each operation
 * hands its own declarations to `sendEvent`, which reads them by declaration (`textField`), so
 * that "required" is decided once, in the form.
 */
export interface EventFields {
	title: INodeProperties;
	correlationValue: INodeProperties;
	status: INodeProperties;
}

const DEFAULT_KEYS = {
	title: 'title',
	description: 'content',
	correlation: 'alert_id',
	status: 'status',
};

export const fieldsMode = { show: { payloadMode: ['fields'] } };

export const payloadModeProperty: INodeProperties = {
	displayName: 'Specify Payload',
	name: 'payloadMode',
	type: 'options',
	options: [
		{
			name: 'Using Fields Below',
			value: 'fields',
			description: 'Title, description, correlation value, status and any other keys',
		},
		{
			name: 'Using JSON',
			value: 'json',
			description: 'The whole event as a JSON object, sent as it is',
		},
	],
	default: 'fields',
	description:
		'How to build the JSON event sent to Callgoose. Its keys must be the ones your API filters look at.',
};

export const descriptionProperty: INodeProperties = {
	displayName: 'Description',
	name: 'incidentDescription',
	type: 'string',
	typeOptions: { rows: 4 },
	default: '',
	displayOptions: fieldsMode,
	description:
		'Sent under the Description Key (default "content"). When your filter\'s description key is missing from the event, Callgoose uses the whole payload as the description.',
};

export const additionalFieldsProperty: INodeProperties = {
	displayName: 'Additional Payload Fields',
	name: 'additionalFields',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add field',
	default: {},
	displayOptions: fieldsMode,
	description: 'More keys for the event, e.g. "service" or "severity", for filters that match on them',
	options: [
		{
			displayName: 'Field',
			name: 'pairs',
			values: [
				{
					displayName: 'Key',
					name: 'name',
					type: 'string',
					default: '',
					description: 'Payload key',
				},
				{
					displayName: 'Value',
					name: 'value',
					type: 'string',
					default: '',
					description: 'Its value. API filters match values with "contains".',
				},
			],
		},
	],
};

/** The fields after the operation's own ones: the source, the key names and the options. */
export const trailingProperties: INodeProperties[] = [
	{
		displayName: 'Source',
		name: 'source',
		type: 'string',
		default: '',
		placeholder: 'n8n',
		description:
			'Optional. Sent as the "from" query parameter: Callgoose then titles the incident "Source - title", or "Incident from Source" when the event has no title.',
	},
	{
		displayName: 'Payload Keys',
		name: 'payloadKeys',
		type: 'collection',
		placeholder: 'Add key name',
		default: {},
		displayOptions: fieldsMode,
		description: 'The key names the fields above are sent under, when your API filters use others',
		options: [
			{
				displayName: 'Correlation Key',
				name: 'correlationKey',
				type: 'string',
				default: 'alert_id',
				description: 'The "Map Incident With" key of your API filter',
			},
			{
				displayName: 'Description Key',
				name: 'descriptionKey',
				type: 'string',
				default: 'content',
				description: 'The description key of your API filter',
			},
			{
				displayName: 'Status Key',
				name: 'statusKey',
				type: 'string',
				default: 'status',
				description: 'The key your API filter matches the status on',
			},
			{
				displayName: 'Title Key',
				name: 'titleKey',
				type: 'string',
				default: 'title',
				description: 'The title key of your API filter',
			},
		],
	},
	{
		// The same parameter as the Fields mode's Payload Keys, with only the key JSON mode needs:
		// `payloadKeys.correlationKey` names the correlation key in both modes.
		displayName: 'Payload Keys',
		name: 'payloadKeys',
		type: 'collection',
		placeholder: 'Add key name',
		default: {},
		displayOptions: { show: { payloadMode: ['json'] } },
		description: 'Which key of the JSON payload holds the incident\'s correlation value, when it is not "alert_id"',
		options: [
			{
				displayName: 'Correlation Key',
				name: 'correlationKey',
				type: 'string',
				default: 'alert_id',
				description:
					'The "Map Incident With" key of your API filter. Events with the same value under this key are sent one after another, in input order.',
			},
		],
	},
	outcomeOptionsProperty('event'),
];

/** An event for one item, validated before anything is sent, and the key its correlation value is under. */
interface BuiltEvent {
	payload: IDataObject;
	correlationKey: string;
}

/** The JSON event for one item, validated before anything is sent. */
function buildEvent(context: IExecuteFunctions, itemIndex: number, fields: EventFields): BuiltEvent {
	const mode = context.getNodeParameter('payloadMode', itemIndex, 'fields') as string;
	const built: BuiltEvent =
		mode === 'json'
			? { payload: jsonObjectParameter(context, 'payloadJson', 'Payload (JSON)', itemIndex), correlationKey: '' }
			: fieldsEvent(context, itemIndex, fields);
	if (Object.keys(built.payload).length === 0) {
		throw invalidInput(
			context,
			itemIndex,
			mode === 'json' ? 'Payload (JSON)' : 'Payload',
			'is empty',
			'Callgoose matches API filters on the keys of the event, so an empty event can neither create nor resolve an incident.',
		);
	}
	if (mode === 'json') {
		const raw = context.getNodeParameter('payloadKeys.correlationKey', itemIndex, DEFAULT_KEYS.correlation) as unknown;
		built.correlationKey = keyName(context, itemIndex, raw, 'Payload Keys: Correlation Key');
	}
	return built;
}

function fieldsEvent(context: IExecuteFunctions, itemIndex: number, fields: EventFields): BuiltEvent {
	const keys = payloadKeys(context, itemIndex);
	const named: Array<[field: string, key: string, value: string]> = [
		[fields.title.displayName, keys.title, textField(context, fields.title, itemIndex)],
		[descriptionProperty.displayName, keys.description, textField(context, descriptionProperty, itemIndex)],
		[fields.correlationValue.displayName, keys.correlation, textField(context, fields.correlationValue, itemIndex)],
		[fields.status.displayName, keys.status, textField(context, fields.status, itemIndex)],
	];
	const payload = keyValueParameter(context, 'additionalFields', 'Additional Payload Fields', itemIndex);
	for (const [field, key, value] of named) {
		if (value === '') continue;
		if (hasOwn(payload, key)) {
			throw invalidInput(
				context,
				itemIndex,
				'Additional Payload Fields',
				`sets "${key}", which ${field} already sets`,
			);
		}
		setOwn(payload, key, value);
	}
	return { payload, correlationKey: keys.correlation };
}

/** A key name from Payload Keys: text, trimmed, not empty. */
function keyName(context: IExecuteFunctions, itemIndex: number, raw: unknown, field: string): string {
	if (typeof raw !== 'string') throw invalidInput(context, itemIndex, field, `must be text, not ${shown(raw)}`);
	const key = raw.trim();
	if (key === '') throw invalidInput(context, itemIndex, field, 'is empty');
	return key;
}

function payloadKeys(context: IExecuteFunctions, itemIndex: number) {
	const given = context.getNodeParameter('payloadKeys', itemIndex, {}) as Partial<
		Record<'titleKey' | 'descriptionKey' | 'correlationKey' | 'statusKey', string>
	>;
	const keys = {
		title: given.titleKey ?? DEFAULT_KEYS.title,
		description: given.descriptionKey ?? DEFAULT_KEYS.description,
		correlation: given.correlationKey ?? DEFAULT_KEYS.correlation,
		status: given.statusKey ?? DEFAULT_KEYS.status,
	};
	const seen = new Map<string, string>();
	for (const [name, raw] of Object.entries(keys)) {
		const field = `Payload Keys: ${name[0].toUpperCase()}${name.slice(1)} Key`;
		const key = keyName(context, itemIndex, raw, field);
		if (seen.has(key)) {
			throw invalidInput(context, itemIndex, field, `is "${key}", like the ${seen.get(key)} key`);
		}
		seen.set(key, name);
		keys[name as keyof typeof keys] = key;
	}
	return keys;
}

/** Payloads built by `eventKey`, until `sendEvent` sends them. */
const builtPayloads = new WeakMap<IExecuteFunctions, Map<number, IDataObject>>();

/**
 * The ordering key of an event: its correlation value ("Map Incident With"), under the
 * correlation key of the payload in either mode. Events with the same value are sent one after
 * another, in input order, so a resolve never overtakes the create it answers; an event without
 * one needs no order. It builds and validates the whole payload (sending nothing), and
 * `sendEvent` then sends that payload: each expression is evaluated once per item, and the key is
 * the value on the wire.
 */
export function eventKey(context: IExecuteFunctions, itemIndex: number, fields: EventFields): string | undefined {
	const { payload, correlationKey } = buildEvent(context, itemIndex, fields);
	let built = builtPayloads.get(context);
	if (!built) {
		built = new Map();
		builtPayloads.set(context, built);
	}
	built.set(itemIndex, payload);
	// Own keys only: a key named like an inherited property (`constructor`) is one the event lacks.
	const value = hasOwn(payload, correlationKey) ? payload[correlationKey] : undefined;
	if (value === undefined || value === null || value === '') return undefined;
	return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/**
 * Builds, validates and posts one event, and returns the item with its outcome. `fields` are the
 * operation's own declarations; `failIfNothingMatched` its option, already read.
 */
export async function sendEvent(
	context: IExecuteFunctions,
	itemIndex: number,
	{ fields, failIfNothingMatched }: { fields: EventFields; failIfNothingMatched: boolean },
): Promise<IDataObject> {
	const built = builtPayloads.get(context);
	const payload = built?.get(itemIndex) ?? buildEvent(context, itemIndex, fields).payload;
	built?.delete(itemIndex);
	const source = stringParameter(context, 'source', 'Source', itemIndex);
	const response = await callgoosePost(
		context,
		itemIndex,
		PROCESS_PATH,
		payload,
		source ? { from: source } : undefined,
	);
	return outcomeItem(context, itemIndex, response, incidentOutcome(response.statusCode, response.body), {
		sent: 'event',
		failIfNothingMatched,
	});
}
