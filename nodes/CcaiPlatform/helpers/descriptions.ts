import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { idLocatorProperty, simplifyProperty } from '../../shared/descriptions';
import { isId, isPlainObject, type Parameters } from '../../shared/validation';

/**
 * The Call ID field of Call → Get and the Customer Flag operations, declared and read here: picked
 * from the account's calls (newest first, searchable), or by ID.
 */
export function callIdProperty(description: string): INodeProperties {
	return idLocatorProperty({
		displayName: 'Call ID',
		name: 'callId',
		description,
		searchListMethod: 'searchCalls',
		what: 'call',
		example: '1001',
	});
}

/** The Call ID of one item: from the locator (From List, By ID), or the plain number that workflows saved before it was one (0 meant "not set"). */
export function callIdParameter(item: Parameters): number {
	return item.id('callId', 'Call ID', { zeroMeansUnset: true, resourceLocator: true, hint: 'pick a call, or give the ID of one' });
}

/**
 * Simplify on the read operations added with version 1.1 (agents, queues), whose answers are large:
 * no workflow saved before used them, so it is on by default whatever the node's version.
 */
export function simplifyKeepingProperty(what: string, fields: string[]): INodeProperties {
	return simplifyProperty(`Whether to return only the fields a workflow usually routes on (${fields.join(', ')}) instead of the whole ${what}`);
}

/**
 * A field for several IDs picked from a list (agents, teams, agent statuses): a multi-select whose
 * options the node's `loadOptionsMethod` reads from CCAI Platform (searchable as you type). An
 * expression may give a list of IDs, or IDs separated by commas.
 */
export function idListProperty({
	displayName,
	name,
	loadOptionsMethod,
	description,
}: {
	displayName: string;
	name: string;
	loadOptionsMethod: string;
	description: string;
}): INodeProperties {
	return { displayName, name, type: 'multiOptions', typeOptions: { loadOptionsMethod }, default: [], description };
}

/** The name of an agent, team or agent status: `name`, or else its first and last names; empty when it has none. */
export function nameOf(entry: IDataObject): string {
	if (typeof entry.name === 'string' && entry.name.trim() !== '') return entry.name.trim();
	return [entry.first_name, entry.last_name].filter((part) => typeof part === 'string' && part.trim() !== '').join(' ');
}

/** An agent's status as the Manager API nests it (`id`, `name`, …), if the agent has one. */
export function agentStatusOf(agent: IDataObject): IDataObject | undefined {
	return isPlainObject(agent.status) ? agent.status : undefined;
}

/** The IDs of an `idListProperty` (`what`: "agent"), each a whole number above 0, without repeats. */
export function idListParameter(item: Parameters, name: string, field: string, what: string): number[] {
	const ids = item.list(name, field, (entry) => (isId(typeof entry === 'string' ? entry.trim() : entry) ? Number(String(entry).trim()) : undefined), {
		one: `${/^[aeiou]/i.test(what) ? 'an' : 'a'} ${what} ID (a whole number above 0)`,
		many: `${what} IDs`,
		description: `Pick ${what}s from the list, or give their numeric IDs, e.g. [11, 12] or "11,12".`,
	});
	return [...new Set(ids)];
}

/*
 * Queues: what CCAI Platform calls menus, the options a caller picks and the queues agents are
 * assigned to.
 */

/** The fields of a simplified queue: the menu without its agent and team assignments. */
export const SIMPLE_QUEUE_FIELDS = ['id', 'name', 'menu_type', 'parent_id', 'position', 'hidden', 'deleted'];

export const queueIdProperty: INodeProperties = idLocatorProperty({
	displayName: 'Queue ID',
	name: 'queueId',
	description:
		'The queue (a menu in CCAI Platform) to read: pick it from the list, or give its numeric ID, e.g. the menu_id of a call',
	searchListMethod: 'searchQueues',
	what: 'queue',
	example: '12',
});

export function queueIdParameter(item: Parameters): number {
	return item.id('queueId', 'Queue ID', { resourceLocator: true, hint: 'pick a queue, or give the numeric ID of one (a menu ID), e.g. 12' });
}
