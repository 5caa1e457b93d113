import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

import { shown } from '../../shared/validation';

/**
 * GoSquared's five events: what makes GoSquared call a webhook. GoSquared's API carries an event
 * in a field named `trigger` (of a webhook, or of a webhook trigger); in this package an "event"
 * is always one of these five, a "webhook trigger" the object GoSquared attaches to a webhook.
 */
export type GoSquaredEvent =
	| 'chat_message'
	| 'entered_smart_group'
	| 'exited_smart_group'
	| 'traffic_dip'
	| 'traffic_spike';

/** What an event's `value` is: nothing, a visitor threshold, or a Smart Group id. */
export type ValueKind = 'none' | 'threshold' | 'smartGroup';

export interface EventType {
	/** The option value saved in workflows (camelCase, never changes). */
	option: string;
	/** GoSquared's name. */
	api: GoSquaredEvent;
	/** Shown in the editor. */
	name: string;
	valueKind: ValueKind;
	description: string;
}

export const EVENT_TYPES: readonly EventType[] = [
	{
		option: 'chatMessage',
		api: 'chat_message',
		name: 'Chat Message',
		valueKind: 'none',
		description: 'A visitor sends a message in GoSquared Live Chat',
	},
	{
		option: 'enteredSmartGroup',
		api: 'entered_smart_group',
		name: 'Entered Smart Group',
		valueKind: 'smartGroup',
		description: 'A person enters a Smart Group (give the group ID)',
	},
	{
		option: 'exitedSmartGroup',
		api: 'exited_smart_group',
		name: 'Exited Smart Group',
		valueKind: 'smartGroup',
		description: 'A person leaves a Smart Group (give the group ID)',
	},
	{
		option: 'trafficDip',
		api: 'traffic_dip',
		name: 'Traffic Dip',
		valueKind: 'threshold',
		description: 'Concurrent visitors fall below a threshold (give the number)',
	},
	{
		option: 'trafficSpike',
		api: 'traffic_spike',
		name: 'Traffic Spike',
		valueKind: 'threshold',
		description: 'Concurrent visitors rise above a threshold (give the number)',
	},
];

export const eventOptions: INodePropertyOptions[] = EVENT_TYPES.map(({ name, option, description }) => ({
	name,
	value: option,
	description,
}));

export const THRESHOLD_OPTIONS = EVENT_TYPES.filter((t) => t.valueKind === 'threshold').map((t) => t.option);
export const SMART_GROUP_OPTIONS = EVENT_TYPES.filter((t) => t.valueKind === 'smartGroup').map((t) => t.option);

export function eventTypeByOption(option: unknown): EventType | undefined {
	return EVENT_TYPES.find((eventType) => eventType.option === option);
}

/** The value to send for an event, or what is wrong with the one given. */
export type CheckedValue = { value: number | string | undefined } | { problem: string };

/**
 * Checks the value an event needs. A threshold must be a whole number above 0. A Smart Group is
 * its ID; since GoSquared's help says the ID is the last part of the group's URL, a pasted URL is
 * reduced to that part.
 */
export function checkEventValue(eventType: EventType, raw: unknown): CheckedValue {
	if (eventType.valueKind === 'none') return { value: undefined };
	if (eventType.valueKind === 'threshold') {
		if (raw !== undefined && raw !== null && typeof raw !== 'number' && typeof raw !== 'string') {
			return { problem: `must be a whole number above 0, not ${shown(raw)}` };
		}
		const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
		if (text === '') return { problem: 'is required: give the number of concurrent visitors' };
		const value = Number(text);
		if (!Number.isInteger(value) || value < 1) {
			return { problem: `must be a whole number above 0, not "${text}"` };
		}
		return { value };
	}
	if (raw !== null && typeof raw === 'object') return { problem: 'must be text, not an object or a list' };
	const id = smartGroupIdOf(raw === undefined || raw === null ? '' : String(raw));
	if (id === '') return { problem: 'is required: give the Smart Group ID (the last part of its URL)' };
	return { value: id };
}

/**
 * A Smart Group's ID as GoSquared takes it, from what a user gives: the ID, or the group's URL
 * in GoSquared People (whose last part is the ID, as GoSquared's help says), reduced to that part.
 */
export function smartGroupIdOf(text: string): string {
	const id = text.trim();
	return /^https?:\/\//i.test(id) ? (id.replace(/[?#].*$/, '').replace(/\/+$/, '').split('/').pop() ?? '') : id;
}

/** `{ trigger, value }` as GoSquared's API takes an event; `value` left out when the event has none. */
export function eventBody(eventType: EventType, value: number | string | undefined): IDataObject {
	return value === undefined ? { trigger: eventType.api } : { trigger: eventType.api, value };
}

/** The field an event's value is asked in, by kind: its parameter name and its label. */
const VALUE_FIELDS: Record<Exclude<ValueKind, 'none'>, { name: string; label: string }> = {
	threshold: { name: 'threshold', label: 'Visitor Threshold' },
	smartGroup: { name: 'smartGroupId', label: 'Smart Group ID' },
};

/** An event read from its form: the event and its value, or the field that is wrong and why. */
export type ReadEvent =
	| { eventType: EventType; value: number | string | undefined }
	| { field: string; problem: string; eventType?: EventType };

/**
 * The event an options value names, and its value read from the field it is asked in (`valueOf`
 * reads a field by name). The node's Event field and each of the Trigger's events read this way.
 * An unknown event's problem lists the events, after `alsoAccepted` (e.g. "none").
 */
export function readEvent(option: unknown, valueOf: (name: string) => unknown, alsoAccepted: string[] = []): ReadEvent {
	const eventType = eventTypeByOption(option);
	if (!eventType) return { field: 'Event', problem: `${shown(option)} is not one of ${[...alsoAccepted, ...EVENT_TYPES.map((type) => type.option)].join(', ')}` };
	if (eventType.valueKind === 'none') return { eventType, value: undefined };
	const { name, label } = VALUE_FIELDS[eventType.valueKind];
	const checked = checkEventValue(eventType, valueOf(name));
	return 'problem' in checked ? { field: label, problem: checked.problem, eventType } : { eventType, value: checked.value };
}
