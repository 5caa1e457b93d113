import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { Prepared } from '../../../shared/itemLoop';
import type { Operation } from '../../../shared/router';
import { hasOwn, setOwn, shown, type Parameters } from '../../../shared/validation';
import { failIfNothingMatchedParameter, incidentOutcome, outcomeItem, outcomeOptionsProperty } from '../../helpers/outcome';
import { PROCESS_PATH, callgoosePost } from '../../transport';

/**
 * Create and Resolve both post an event to /v1/process; the user's API filters in Callgoose decide
 * what it does. They differ in intent, so in which fields are required and in their defaults:
 * each operation file declares those fields (and their order in the form), and this file the
 * ones they share and the one way an event is prepared and sent (`eventOperation`). The fields
 * are read by their declarations (`Parameters.text`), so that "required" is decided once, in the
 * form.
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

const payloadModeProperty: INodeProperties = {
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

const descriptionProperty: INodeProperties = {
	displayName: 'Description',
	name: 'incidentDescription',
	type: 'string',
	typeOptions: { rows: 4 },
	default: '',
	displayOptions: fieldsMode,
	description:
		'Details of the incident, e.g. what was measured, where and since when. Sent under the Description Key (default "content").',
};

const additionalFieldsProperty: INodeProperties = {
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
					placeholder: 'e.g. severity',
					description: 'The key, as your API filter names it',
				},
				{
					displayName: 'Value',
					name: 'value',
					type: 'string',
					default: '',
					placeholder: 'e.g. high',
					description: 'Its value, as text. API filters match values with "contains".',
				},
			],
		},
	],
};

/** The fields after the operation's own ones: the source, the key names and the options. */
const trailingProperties: INodeProperties[] = [
	{
		displayName: 'Source',
		name: 'source',
		type: 'string',
		default: '',
		placeholder: 'e.g. n8n',
		description:
			'Who sends the event, e.g. n8n. Callgoose then titles the incident "Source - title". Sent as the "from" query parameter; optional.',
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

/** The field order of an operation's form, by the names of `EventFields` and the shared Description. */
export type EventFieldOrder = Array<keyof EventFields | 'description'>;

/**
 * An event operation (Create or Resolve): its form, from its own fields in their order and the
 * shared ones, and its `prepare`.
 */
export function eventOperation(
	operation: 'create' | 'resolve',
	fields: EventFields,
	order: EventFieldOrder,
	jsonExample: string,
): Operation {
	const own = order.map((name) => (name === 'description' ? descriptionProperty : fields[name]));
	const properties: INodeProperties[] = [
		payloadModeProperty,
		...own,
		additionalFieldsProperty,
		{
			displayName: 'Payload (JSON)',
			name: 'payloadJson',
			type: 'json',
			default: jsonExample,
			required: true,
			displayOptions: { show: { payloadMode: ['json'] } },
			description: 'The event as a JSON object, sent as it is. Arrays and plain values are refused.',
		},
		...trailingProperties,
	];
	return {
		description: updateDisplayOptions({ show: { resource: ['incident'], operation: [operation] } }, properties),
		prepare: (item) => prepareEvent(item, fields),
	};
}

/**
 * One event, built and checked before anything is sent, and how it is sent. Its ordering key is
 * its correlation value ("Map Incident With"), under the correlation key of the payload in either
 * mode: events with the same value are sent one after another, in input order, so a resolve never
 * overtakes the create it answers; an event without one needs no order. The key is the value on
 * the wire.
 */
function prepareEvent(item: Parameters, fields: EventFields): Prepared {
	const { payload, correlationKey } = buildEvent(item, fields);
	const source = item.string('source', 'Source');
	const failIfNothingMatched = failIfNothingMatchedParameter(item);
	// Own keys only: a key named like an inherited property (`constructor`) is one the event lacks.
	const value = hasOwn(payload, correlationKey) ? payload[correlationKey] : undefined;
	const key = value === undefined || value === null || value === '' ? undefined : typeof value === 'object' ? JSON.stringify(value) : String(value);
	return {
		key,
		async send(api) {
			const response = await callgoosePost(api, PROCESS_PATH, payload, source ? { from: source } : undefined);
			return outcomeItem(api, response, incidentOutcome(response.statusCode, response.body), { sent: 'event', failIfNothingMatched });
		},
	};
}

/** The JSON event for one item, and the key its correlation value is under. */
function buildEvent(item: Parameters, fields: EventFields): { payload: IDataObject; correlationKey: string } {
	const mode = item.value('payloadMode', 'fields');
	const built =
		mode === 'json'
			? { payload: item.jsonObject('payloadJson', 'Payload (JSON)'), correlationKey: '' }
			: fieldsEvent(item, fields);
	if (Object.keys(built.payload).length === 0) {
		throw item.fail(
			mode === 'json' ? 'Payload (JSON)' : 'Payload',
			'is empty: give it the keys your API filters match',
			'Callgoose matches API filters on the keys of the event, so an empty event can neither create nor resolve an incident.',
		);
	}
	if (mode === 'json') {
		built.correlationKey = keyName(item, item.value('payloadKeys.correlationKey', DEFAULT_KEYS.correlation), 'Payload Keys: Correlation Key');
	}
	return built;
}

function fieldsEvent(item: Parameters, fields: EventFields): { payload: IDataObject; correlationKey: string } {
	const keys = payloadKeys(item);
	const named: Array<[field: string, key: string, value: string]> = [
		[fields.title.displayName, keys.title, item.text(fields.title)],
		[descriptionProperty.displayName, keys.description, item.text(descriptionProperty)],
		[fields.correlationValue.displayName, keys.correlation, item.text(fields.correlationValue)],
		[fields.status.displayName, keys.status, item.text(fields.status)],
	];
	const payload = item.keyValues('additionalFields', 'Additional Payload Fields');
	for (const [field, key, value] of named) {
		if (value === '') continue;
		if (hasOwn(payload, key)) throw item.fail('Additional Payload Fields', `sets "${key}", which ${field} already sets: set it in one place only`);
		setOwn(payload, key, value);
	}
	return { payload, correlationKey: keys.correlation };
}

/** A key name from Payload Keys: text, trimmed, not empty. */
function keyName(item: Parameters, raw: unknown, field: string): string {
	if (typeof raw !== 'string') throw item.fail(field, `must be text, not ${shown(raw)}`);
	const key = raw.trim();
	if (key === '') throw item.fail(field, 'is empty');
	return key;
}

function payloadKeys(item: Parameters) {
	const given = item.value('payloadKeys', {}) as Partial<
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
		const key = keyName(item, raw, field);
		if (seen.has(key)) throw item.fail(field, `is "${key}", like the ${seen.get(key)} key: give each key its own name`);
		seen.set(key, name);
		keys[name as keyof typeof keys] = key;
	}
	return keys;
}
