import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

/** GoSquared's own names of the five webhook triggers, as the API and the deliveries use them. */
export type GoSquaredTriggerName =
	| 'chat_message'
	| 'entered_smart_group'
	| 'exited_smart_group'
	| 'traffic_dip'
	| 'traffic_spike';

/** What a trigger's `value` is: nothing, a visitor threshold, or a Smart Group id. */
export type ValueKind = 'none' | 'threshold' | 'smartGroup';

export interface TriggerInfo {
	/** The option value saved in workflows (camelCase, never changes). */
	option: string;
	/** GoSquared's name. */
	api: GoSquaredTriggerName;
	/** Shown in the editor. */
	name: string;
	valueKind: ValueKind;
	description: string;
}

export const TRIGGERS: readonly TriggerInfo[] = [
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

export const triggerOptions: INodePropertyOptions[] = TRIGGERS.map(({ name, option, description }) => ({
	name,
	value: option,
	description,
}));

export const THRESHOLD_OPTIONS = TRIGGERS.filter((t) => t.valueKind === 'threshold').map((t) => t.option);
export const SMART_GROUP_OPTIONS = TRIGGERS.filter((t) => t.valueKind === 'smartGroup').map((t) => t.option);

export function triggerByOption(option: unknown): TriggerInfo | undefined {
	return TRIGGERS.find((trigger) => trigger.option === option);
}

/** The value to send for a trigger, or what is wrong with the one given. */
export type CheckedValue = { value: number | string | undefined } | { problem: string };

/**
 * Checks the value a trigger needs. A threshold must be a whole number above 0. A Smart Group is
 * its ID; since GoSquared's help says the ID is the last part of the group's URL, a pasted URL is
 * reduced to that part.
 */
export function checkTriggerValue(trigger: TriggerInfo, raw: unknown): CheckedValue {
	if (trigger.valueKind === 'none') return { value: undefined };
	if (trigger.valueKind === 'threshold') {
		const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
		if (text === '') return { problem: 'is required: give the number of concurrent visitors' };
		const value = Number(text);
		if (!Number.isInteger(value) || value < 1) {
			return { problem: `must be a whole number above 0, not "${text}"` };
		}
		return { value };
	}
	if (raw !== null && typeof raw === 'object') return { problem: 'must be text, not an object or a list' };
	let id = raw === undefined || raw === null ? '' : String(raw).trim();
	if (/^https?:\/\//i.test(id)) {
		id = id.replace(/[?#].*$/, '').replace(/\/+$/, '').split('/').pop() ?? '';
	}
	if (id === '') return { problem: 'is required: give the Smart Group ID (the last part of its URL)' };
	return { value: id };
}

/** `{ trigger, value }` as the API takes it; `value` left out when the trigger has none. */
export function triggerBody(trigger: TriggerInfo, value: number | string | undefined): IDataObject {
	return value === undefined ? { trigger: trigger.api } : { trigger: trigger.api, value };
}
