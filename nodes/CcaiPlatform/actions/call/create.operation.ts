import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { Prepared } from '../../../shared/itemLoop';
import type { ApiResponse } from '../../../shared/request';
import { isPlainObject, type Parameters } from '../../../shared/validation';
import { futureDateTimeParameter } from '../../helpers/dateTime';
import { emailParameter, languageParameter, NUMBER_FIELD, phoneParameter } from '../../helpers/parameters';
import { createCall } from '../../transport';

/** The Call Type option → the `call_type` CCAI Platform expects. */
export const CALL_TYPES = {
	outbound: 'Voice Outbound (API)',
	inbound: 'Voice Inbound (API)',
	scheduled: 'Voice Scheduled (API)',
} as const;

export type CallType = keyof typeof CALL_TYPES;

const CALL_TYPE_VALUES: Record<string, CallType> = { outbound: 'outbound', inbound: 'inbound', scheduled: 'scheduled' };

const RECORDING_PERMISSIONS: Record<string, string> = {
	notAsked: 'recording_permission_not_asked',
	denied: 'recording_permission_denied',
	granted: 'recording_permission_granted',
};

const outbound = { show: { callType: ['outbound'] } };
const inbound = { show: { callType: ['inbound'] } };
const scheduled = { show: { callType: ['scheduled'] } };

const properties: INodeProperties[] = [
	{
		displayName: 'Call Type',
		name: 'callType',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Inbound',
				value: 'inbound',
				description:
					'Voice Inbound (API): CCAI Platform calls the customer and puts the call into the queue of an IVR or mobile menu, as if they had called in',
			},
			{
				name: 'Outbound',
				value: 'outbound',
				description: 'Voice Outbound (API): a given agent calls the customer now',
			},
			{
				name: 'Scheduled',
				value: 'scheduled',
				description:
					'Voice Scheduled (API): CCAI Platform calls the customer back at a future time, in the queue of a mobile or web menu',
			},
		],
		default: 'outbound',
		description: 'Which kind of call to create. It decides which fields below are needed.',
	},
	{
		displayName: 'Agent Email',
		name: 'agentEmail',
		type: 'string',
		placeholder: 'e.g. name@email.com',
		default: '',
		required: true,
		displayOptions: outbound,
		description:
			'The email the agent signs in to CCAI Platform with, e.g. alex@example.com. The agent must be Available in the adapter (Agent → Get Many shows who is) and allowed to make outbound calls.',
	},
	{
		displayName: 'Menu ID',
		name: 'menuId',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 0 },
		default: 0,
		required: true,
		displayOptions: inbound,
		description:
			'The numeric ID of the IVR or mobile menu (queue) the call goes to, e.g. 12: Queue → Get Many lists them, as does CCAI Platform → Settings → Queue',
	},
	{
		displayName: 'Previous Call ID',
		name: 'previousCallId',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 0 },
		default: 0,
		displayOptions: scheduled,
		description:
			'Optional: the ID of an earlier call this one follows up. It becomes the parent of the scheduled call, and Menu ID may then be left at 0. 0 means none.',
	},
	{
		displayName: 'Menu ID',
		name: 'menuId',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 0 },
		default: 0,
		displayOptions: scheduled,
		description:
			'The numeric ID of the mobile or web menu (queue) the call goes to, e.g. 12 (Queue → Get Many lists them). Required unless Previous Call ID is set; 0 means none.',
	},
	{
		displayName:
			'Give an End-User Number, a Ticket ID, or both. When both are given, CCAI Platform dials the customer of the ticket: the ticket ID wins.',
		name: 'targetNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'End-User Number',
		name: 'endUserNumber',
		type: 'string',
		default: '',
		placeholder: 'e.g. +1 859-657-9625',
		description:
			"The customer's number with its country code, e.g. +1 859-657-9625 (sent as +18596579625). A number without a country code is refused, not guessed. If Ticket ID is also set, the ticket wins.",
	},
	{
		displayName: 'Ticket ID',
		name: 'ticketId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 71450',
		description:
			'A CRM ticket ID: CCAI Platform dials the customer tied to the ticket. It wins over End-User Number when both are set (both are sent; CCAI Platform applies the precedence).',
	},
	{
		displayName: 'Outbound Number',
		name: 'outboundNumber',
		type: 'string',
		default: '',
		placeholder: 'e.g. +1 339-219-5276',
		displayOptions: { show: { callType: ['outbound', 'inbound'] } },
		description:
			'The number the customer sees, one of the numbers under Settings → Phone Numbers (outbound) or the queue’s Outbound Phone Numbers (inbound). Empty uses the default. International format, sent as E.164.',
	},
	{
		displayName: 'Scheduled Time',
		name: 'scheduledAt',
		type: 'dateTime',
		default: '',
		required: true,
		displayOptions: scheduled,
		description:
			"When CCAI Platform should call, in the future, e.g. 2026-12-24T09:30:00+01:00. A time without an offset is in the workflow's time zone.",
	},
	{
		displayName: 'Language',
		name: 'language',
		type: 'string',
		default: 'en',
		placeholder: 'e.g. en',
		description:
			'The language of the call: a two-letter ISO 639-1 code (en, es), optionally with a region (fr-CA). It must be enabled in CCAI Platform. Empty leaves the choice to CCAI Platform (English).',
	},
	{
		displayName: 'Recording Permission',
		name: 'recordingPermission',
		type: 'options',
		options: [
			{
				name: 'Denied',
				value: 'denied',
				description: 'The customer refused: the call is not recorded',
			},
			{
				name: 'Granted',
				value: 'granted',
				description: 'The customer agreed: the call is recorded',
			},
			{
				name: 'Not Asked',
				value: 'notAsked',
				description: 'The customer was not asked: the call is not recorded',
			},
		],
		default: 'notAsked',
		displayOptions: { show: { callType: ['inbound', 'scheduled'] } },
		description:
			'Only used when the queue\'s Call Recording Options are set to "Ask User for Permission to Record" (Settings → Queue)',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['call'], operation: ['create'] } },
	properties,
);

/** The call's body, every field checked first; then one POST /calls. */
export function prepare(item: Parameters): Prepared {
	const body = callBody(item);
	return {
		async send(api) {
			return callOutcome(await createCall(api, body), body);
		},
	};
}

function callBody(item: Parameters): IDataObject {
	const callType = item.choice('callType', 'Call Type', CALL_TYPE_VALUES, 'outbound', 'Outbound, Inbound, Scheduled');
	const body: IDataObject = { call_type: CALL_TYPES[callType] };

	if (callType === 'outbound') {
		body.agent_email = emailParameter(item, 'agentEmail', 'Agent Email');
	}
	if (callType === 'inbound') {
		body.menu_id = item.id('menuId', 'Menu ID', { ...NUMBER_FIELD, hint: 'give the ID of an IVR or mobile menu' });
	}
	if (callType === 'scheduled') {
		const previousCallId = item.optionalId('previousCallId', 'Previous Call ID', NUMBER_FIELD);
		const menuId = item.optionalId('menuId', 'Menu ID', NUMBER_FIELD);
		if (menuId === undefined && previousCallId === undefined) {
			throw item.fail('Menu ID', 'is required unless "Previous Call ID" is set: give the ID of a mobile or web menu');
		}
		if (menuId !== undefined) body.menu_id = menuId;
		if (previousCallId !== undefined) body.call_id = previousCallId;
	}

	const endUserNumber = phoneParameter(item, 'endUserNumber', 'End-User Number');
	const ticketId = item.string('ticketId', 'Ticket ID');
	if (endUserNumber === undefined && ticketId === '') {
		throw item.fail('End-User Number', 'or "Ticket ID" is required: give at least one');
	}
	// Both are sent when both are given: CCAI Platform documents that the ticket wins.
	if (ticketId !== '') body.ticket_id = ticketId;
	if (endUserNumber !== undefined) body.end_user_number = endUserNumber;

	if (callType !== 'scheduled') {
		const outboundNumber = phoneParameter(item, 'outboundNumber', 'Outbound Number');
		if (outboundNumber !== undefined) body.outbound_number = outboundNumber;
	}
	if (callType === 'scheduled') {
		body.scheduled_at = futureDateTimeParameter(item, 'scheduledAt', 'Scheduled Time');
	}

	const language = languageParameter(item, 'language', 'Language');
	if (language !== undefined) body.lang = language;

	if (callType !== 'outbound') {
		body.recording_permission = item.choice('recordingPermission', 'Recording Permission', RECORDING_PERMISSIONS, 'notAsked');
	}
	return body;
}

/**
 * What became of a call request, in one value an IF or Switch node can branch on:
 * - created: CCAI Platform created the call (201); the item is the call object
 * - pendingAgentAction: CCAI Platform accepted the request (202, or 200 without a call), but the
 *   agent must act in the adapter (choose an outbound number, dial the ticket) before anything
 *   is placed; there is no call yet
 */
export type CallOutcome = 'created' | 'pendingAgentAction';

export const PENDING_MESSAGE =
	'CCAI Platform accepted the call request, but the call is waiting for the agent to act in the CCAI Platform adapter (for example to choose the outbound number, or to dial the customer of the ticket). No call has been placed yet, so there is no call ID.';

/**
 * 201 → the call object, with `outcome` and `statusCode` in front. 202 and 200 are not failures:
 * the item says the call waits for the agent, with the request as CCAI Platform echoed it (or, when
 * it answered without a body, as it was sent).
 */
export function callOutcome(response: ApiResponse<unknown>, sent: IDataObject): IDataObject {
	const { statusCode } = response;
	let body = response.body;
	// The API reference shows the call object inside a list; the examples show it bare.
	if (Array.isArray(body) && body.length === 1) body = body[0];
	const isCall = isPlainObject(body) && body.id !== undefined && body.id !== null;
	if (statusCode === 201 || (statusCode !== 202 && isCall)) {
		const created: CallOutcome = 'created';
		return isPlainObject(body)
			? { outcome: created, statusCode, ...body }
			: { outcome: created, statusCode, response: (body ?? null) as IDataObject };
	}
	const echoed = isPlainObject(body) && Object.keys(body).length > 0;
	return {
		outcome: 'pendingAgentAction' as CallOutcome,
		statusCode,
		message: PENDING_MESSAGE,
		request: echoed ? (body as IDataObject) : sent,
	};
}
