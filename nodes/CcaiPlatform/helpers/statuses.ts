import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { simplifyParameter, simplifyProperty } from '../../shared/descriptions';
import { isPlainObject, pick, type Parameters } from '../../shared/validation';

/**
 * What became of a call, in one value a Switch node can route on, from its `status`:
 * - inProgress: not connected yet (selecting a menu, queued, assigned, connecting, switching)
 * - connected: the agent and the customer are talking
 * - finished: it ended after it was connected
 * - failed: it ended before it was connected (`fail_reason` says why)
 * - voicemail: the customer left, or is leaving, a voicemail
 * - scheduled: a call back is scheduled for later
 * - deflected: sent elsewhere (over capacity, after hours) before it reached an agent
 * - unknown: a status CCAI Platform did not document; `status` keeps it as it came
 * The mapping is this package's reading of the status table of CCAI Platform's call API page;
 * the README lists it.
 */
export type CallStatusOutcome =
	| 'inProgress'
	| 'connected'
	| 'finished'
	| 'failed'
	| 'voicemail'
	| 'scheduled'
	| 'deflected'
	| 'unknown';

export interface CallStatus {
	/** As the API spells it. */
	value: string;
	/** The option value saved in workflows (camelCase, never changes). */
	option: string;
	/** As the API page's status table names it. */
	name: string;
	outcome: CallStatusOutcome;
	description: string;
	/** The call's field that holds when it reached this status, where there is one. */
	reachedAt?: string;
}

/** The status table of CCAI Platform's call API page, in its order. */
export const CALL_STATUSES: readonly CallStatus[] = [
	{ value: 'selecting', option: 'selecting', name: 'Selecting', outcome: 'inProgress', description: 'The caller is still choosing in the menu' },
	{ value: 'queued', option: 'queued', name: 'Queued', outcome: 'inProgress', description: 'Waiting in a queue for an agent', reachedAt: 'queued_at' },
	{ value: 'assigned', option: 'assigned', name: 'Assigned', outcome: 'inProgress', description: 'An agent was picked to take the call', reachedAt: 'assigned_at' },
	{ value: 'connecting', option: 'connecting', name: 'Connecting', outcome: 'inProgress', description: 'The agent and the customer are being connected' },
	{ value: 'connected', option: 'connected', name: 'Connected', outcome: 'connected', description: 'The agent and the customer are in the call', reachedAt: 'connected_at' },
	{ value: 'finished', option: 'finished', name: 'Finished', outcome: 'finished', description: 'The call ended after it was connected', reachedAt: 'ends_at' },
	{ value: 'failed', option: 'failed', name: 'Failed', outcome: 'failed', description: 'The call ended before it was connected; fail_reason says why', reachedAt: 'ends_at' },
	{ value: 'switching', option: 'switching', name: 'Switching', outcome: 'inProgress', description: 'Connecting failed; CCAI Platform is trying another voice provider' },
	{ value: 'recovered', option: 'recovered', name: 'Recovered', outcome: 'finished', description: 'A failed call was called back, and the call back finished without error', reachedAt: 'ends_at' },
	{ value: 'scheduled', option: 'scheduled', name: 'Scheduled', outcome: 'scheduled', description: 'The customer scheduled a call for later' },
	{ value: 'action_only', option: 'actionOnly', name: 'Action Only', outcome: 'connected', description: "Handled by the company's own telephony, connected to the mobile SDK" },
	{ value: 'action_only_finished', option: 'actionOnlyFinished', name: 'Action Only Finished', outcome: 'finished', description: "Handled by the company's own telephony, and finished", reachedAt: 'ends_at' },
	{ value: 'deflected', option: 'deflected', name: 'Deflected', outcome: 'deflected', description: 'Sent to voicemail, a scheduled call or another option (over capacity, after hours)' },
	{ value: 'voicemail', option: 'voicemail', name: 'Voicemail', outcome: 'voicemail', description: 'The customer is leaving a voicemail' },
	{ value: 'voicemail_received', option: 'voicemailReceived', name: 'Voicemail Received', outcome: 'voicemail', description: 'A voicemail was left and no agent has listened to it yet' },
	{ value: 'voicemail_read', option: 'voicemailRead', name: 'Voicemail Read', outcome: 'voicemail', description: 'An agent opened the voicemail' },
];

/**
 * A status as the API spells it, from that spelling, the option value (`actionOnlyFinished`) or the
 * table's name (`Action Only Finished`).
 */
export function statusValue(status: unknown): string {
	if (typeof status !== 'string') return '';
	return status
		.trim()
		.replace(/([a-z0-9])([A-Z])/g, '$1_$2')
		.toLowerCase()
		.replace(/[\s-]+/g, '_');
}

/**
 * The statuses a call carries no time of reaching: the trigger cannot place these events in time,
 * so it remembers them by call ID instead (triggerNode/state.ts), with the limits its Statuses field
 * and the README state.
 */
export const untimedStatusNames = CALL_STATUSES.filter((status) => status.reachedAt === undefined).map((status) => status.name);

/** The statuses as options of a field: camelCase values, the table's names and meanings. */
export const statusOptions = CALL_STATUSES.map(({ name, option, description }) => ({ name, value: option, description }));

export function callStatus(status: unknown): CallStatus | undefined {
	const value = statusValue(status);
	return CALL_STATUSES.find((candidate) => candidate.value === value);
}

export function outcomeOfStatus(status: unknown): CallStatusOutcome {
	return callStatus(status)?.outcome ?? 'unknown';
}

/** The call as CCAI Platform sent it, with `outcome` first. */
export function withOutcome(call: IDataObject): IDataObject {
	const outcome = outcomeOfStatus(call.status);
	const result: IDataObject = { outcome, ...call };
	// The service's own field of that name, if it ever sends one, must not hide ours.
	result.outcome = outcome;
	return result;
}

/** A Statuses field (Get Many's filter, the trigger's statuses): the statuses as the API spells them. */
export function statusesParameter(item: Parameters, name: string): string[] {
	return item.list(name, 'Statuses', (entry) => callStatus(entry)?.value, {
		one: 'a CCAI Platform call status',
		many: 'statuses',
		description: `The statuses are ${CALL_STATUSES.map((status) => status.option).join(', ')}.`,
	});
}

/**
 * Call → Get and Get Many's Simplify: the fields a workflow usually routes on, `outcome` first, for
 * the call as CCAI Platform sent it. Nodes saved before the field existed (typeVersion 1) keep the
 * whole call (Simplify off); new nodes (1.1) start with it on.
 */
export function simplifyCallProperties(operation: string): INodeProperties[] {
	const description = 'Whether to return only the fields a workflow routes on (outcome, id, status, fail_reason, times, agent, queue and recording_url) instead of the whole call';
	const show = (version: number) => ({ show: { resource: ['call'], operation: [operation], '@version': [version] } });
	return [simplifyProperty(description, { default: false, displayOptions: show(1) }), simplifyProperty(description, { displayOptions: show(1.1) })];
}

/** The fields of a simplified call, in order. */
const SIMPLE_CALL_FIELDS = [
	'outcome',
	'id',
	'status',
	'fail_reason',
	'call_type',
	'created_at',
	'ends_at',
	'call_duration',
	'wait_duration',
	'agent_name',
	'queue_name',
	'recording_url',
];

/** Whether an item asks for the simplified call: Simplify, whose default depends on the node's version. */
export function simplifyCallParameter(item: Parameters): boolean {
	return simplifyParameter(item, item.node.typeVersion >= 1.1);
}

/** The call as the item returns it: whole, with `outcome` first, or simplified. */
export function callOutput(call: IDataObject, simplify: boolean): IDataObject {
	const whole = withOutcome(call);
	if (!simplify) return whole;
	const named = (value: unknown) => (isPlainObject(value) ? (value.name ?? null) : null);
	return pick({ ...whole, agent_name: named(call.agent_info), queue_name: named(call.selected_menu) }, SIMPLE_CALL_FIELDS);
}
