/**
 * CCAI Platform, Call → Create: each call type against the sandbox, what reached the wire (body,
 * Basic auth, E.164 numbers, ISO 8601 UTC times) and what the user gets (the call object, or a
 * "waiting for the agent" item for 200 and 202).
 *
 * `prepare (no server)`: the operation on its own, its prepare() and send() called directly with
 * a plain object of parameters and a recording Api (test/helpers/prepare.ts); no sandbox needed.
 */
import type { IDataObject } from 'n8n-workflow';

import { prepare } from '../../../nodes/CcaiPlatform/actions/call/create.operation';
import { ccaiService } from '../../../nodes/CcaiPlatform/transport';
import { basicValue, CCAI, ccaiCredentials, createRequests, FIRST_CALL_ID } from '../../helpers/ccai';
import { runWorkflow, withParameters, workflowFile } from '../../helpers/n8n';
import { answer, itemParameters, refusal, sendPrepared } from '../../helpers/prepare';
import { useSandbox } from '../../helpers/sandbox';

const sandbox = useSandbox();
const ccai = () => sandbox.current.services.ccai;
const NODE = 'Create Call';

async function createCall(input: IDataObject[], parameters: IDataObject = {}, settings: IDataObject = {}) {
	const workflow = withParameters(workflowFile('ccai-create-call.json'), NODE, parameters);
	workflow.settings = { ...workflow.settings, ...settings };
	return await runWorkflow(workflow, { credentials: ccaiCredentials(sandbox.current), input });
}

const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();

describe('outbound', () => {
	test('an end-user number: the call object comes back, numbers went out as E.164, Basic auth as the subdomain', async () => {
		const result = await createCall([
			{ agentEmail: 'admin@acme.example', endUserNumber: '+1 859-657-9625', outboundNumber: '+1 (339) 219.5276' },
		]);

		const [request] = createRequests(sandbox.current);
		expect(request.json).toEqual({
			call_type: 'Voice Outbound (API)',
			agent_email: 'admin@acme.example',
			end_user_number: '+18596579625',
			outbound_number: '+13392195276',
			lang: 'en',
		});
		expect(request.headers['content-type']).toMatch(/^application\/json/);
		expect(request.headers.authorization).toBe(`Basic ${basicValue(CCAI.subdomain, CCAI.apiToken)}`);

		const [item] = result.output(NODE);
		expect(item.json).toMatchObject({
			outcome: 'created',
			statusCode: 201,
			id: FIRST_CALL_ID,
			call_type: 'Voice Outbound (API)',
			status: 'assigned',
			lang: 'en',
			outbound_number: '+13392195276',
			agent_info: expect.objectContaining({ name: 'Admin UJET' }),
		});
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(ccai().createdCalls).toHaveLength(1);
		expect(ccai().createdCalls[0].dialedNumber).toBe('+18596579625');
	});

	test('a ticket ID and a number: both are sent, the ticket wins, its contact is dialled', async () => {
		const result = await createCall([
			{ agentEmail: 'admin@acme.example', ticketId: '71450', endUserNumber: '+1 205-555-0142' },
		]);
		expect(createRequests(sandbox.current)[0].json).toMatchObject({
			ticket_id: '71450',
			end_user_number: '+12055550142',
		});
		expect(result.output(NODE)[0].json).toMatchObject({
			outcome: 'created',
			out_ticket_id: '71450',
			end_user: { id: 67, out_contact_id: '381630957514' },
		});
		// The ticket's contact, not the number that was also given.
		expect(ccai().createdCalls[0].dialedNumber).toBe('+18596579625');
	});

	test('a ticket ID alone, a language in capitals, and an empty outbound number', async () => {
		await createCall([{ agentEmail: 'alex.agent@acme.example', ticketId: ' 76517 ', language: 'ES', outboundNumber: '' }]);
		expect(createRequests(sandbox.current)[0].json).toEqual({
			call_type: 'Voice Outbound (API)',
			agent_email: 'alex.agent@acme.example',
			ticket_id: '76517',
			lang: 'es',
		});
	});

	test('a language with a region is sent in the case CCAI Platform expects', async () => {
		const result = await createCall([{ agentEmail: 'admin@acme.example', endUserNumber: '+1 859-657-9625', language: 'FR_ca' }]);
		expect(createRequests(sandbox.current)[0].json).toMatchObject({ lang: 'fr-CA' });
		expect(result.output(NODE)[0].json).toMatchObject({ outcome: 'created', lang: 'fr-CA' });
	});

	test('an empty language is left to CCAI Platform (it uses English)', async () => {
		const result = await createCall([{ agentEmail: 'admin@acme.example', endUserNumber: '0044 20 7946 0958', language: '' }]);
		const sent = createRequests(sandbox.current)[0].json as IDataObject;
		expect(sent).not.toHaveProperty('lang');
		expect(sent.end_user_number).toBe('+442079460958');
		expect(result.output(NODE)[0].json).toMatchObject({ outcome: 'created', lang: 'en' });
	});

	test('several items: one call each, unique IDs, in input order, each linked to its item', async () => {
		const numbers = ['+1 859-657-9625', '+1 859-657-9626', '+1 859-657-9627'];
		const result = await createCall(
			numbers.map((endUserNumber) => ({ agentEmail: 'admin@acme.example', endUserNumber })),
			{ requestOptions: { concurrency: 3 } },
		);
		const output = result.output(NODE);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		const ids = output.map((item) => item.json.id);
		expect(new Set(ids).size).toBe(3);
		expect(ccai().createdCalls.map((call) => call.id).sort()).toEqual([...ids].sort());
		const dialled = Object.fromEntries(ccai().createdCalls.map((call) => [call.id, call.dialedNumber]));
		expect(ids.map((id) => dialled[id as number])).toEqual(['+18596579625', '+18596579626', '+18596579627']);
	});
});

describe('the agent must act in the adapter first: not a failure', () => {
	test('202: the agent has several outbound numbers and none was given', async () => {
		const result = await createCall([{ agentEmail: 'multi.line@acme.example', endUserNumber: '+1 859-657-9625' }]);
		const sent = createRequests(sandbox.current)[0].json;
		expect(result.error(NODE)).toBeUndefined();
		expect(result.output(NODE)[0].json).toEqual({
			outcome: 'pendingAgentAction',
			statusCode: 202,
			message: expect.stringContaining('waiting for the agent to act in the CCAI Platform adapter'),
			request: sent,
		});
		expect(ccai().createdCalls).toEqual([]);
	});

	test('202: the ticket must be dialled by the agent', async () => {
		const result = await createCall([{ agentEmail: 'admin@acme.example', ticketId: '80001' }]);
		expect(result.output(NODE)[0].json).toMatchObject({
			outcome: 'pendingAgentAction',
			statusCode: 202,
			request: { call_type: 'Voice Outbound (API)', ticket_id: '80001' },
		});
	});

	test('200: an outbound number shared by several lines must be chosen', async () => {
		const result = await createCall([
			{ agentEmail: 'admin@acme.example', endUserNumber: '+1 859-657-9625', outboundNumber: '+1 760-867-5309' },
		]);
		expect(result.output(NODE)[0].json).toMatchObject({
			outcome: 'pendingAgentAction',
			statusCode: 200,
			message: expect.stringContaining('No call has been placed yet'),
			request: { outbound_number: '+17608675309', end_user_number: '+18596579625' },
		});
		expect(ccai().createdCalls).toEqual([]);
	});

	test('an accepted answer without a body carries the request that was sent', async () => {
		ccai().addFault({ method: 'POST', path: '/apps/api/v1/calls', status: 202, body: '' });
		const result = await createCall([{ agentEmail: 'admin@acme.example', endUserNumber: '+1 859-657-9625' }]);
		expect(result.output(NODE)[0].json).toMatchObject({
			outcome: 'pendingAgentAction',
			statusCode: 202,
			request: { call_type: 'Voice Outbound (API)', agent_email: 'admin@acme.example', end_user_number: '+18596579625', lang: 'en' },
		});
	});
});

describe('inbound', () => {
	test('a menu ID, a number and recording permission', async () => {
		const result = await createCall(
			[{ menuId: 9, endUserNumber: '+82-10-6861-2345', outboundNumber: '+1 760-410-8538', recordingPermission: 'granted' }],
			{ callType: 'inbound' },
		);
		expect(createRequests(sandbox.current)[0].json).toEqual({
			call_type: 'Voice Inbound (API)',
			menu_id: 9,
			end_user_number: '+821068612345',
			outbound_number: '+17604108538',
			lang: 'en',
			recording_permission: 'recording_permission_granted',
		});
		expect(result.output(NODE)[0].json).toMatchObject({
			outcome: 'created',
			statusCode: 201,
			call_type: 'Voice Inbound (API)',
			status: 'queued',
			selected_menu: { id: 9, menu_type: 'ivr_menu' },
			recording_permission: 'granted',
			outbound_number: '+17604108538',
		});
	});

	test.each([
		['notAsked', 'recording_permission_not_asked'],
		['denied', 'recording_permission_denied'],
	])('recording permission %s is sent as %s; a menu ID given as digits is sent as a number', async (option, sent) => {
		await createCall([{ menuId: '12', ticketId: '76517', recordingPermission: option }], { callType: 'inbound' });
		expect(createRequests(sandbox.current)[0].json).toMatchObject({ menu_id: 12, ticket_id: '76517', recording_permission: sent });
	});
});

describe('scheduled', () => {
	test('a menu ID and an ISO 8601 time with an offset, sent in UTC', async () => {
		const result = await createCall(
			[{ menuId: 12, endUserNumber: '+1 859-657-9625', scheduledAt: '2099-09-15T02:19:14.421+02:00' }],
			{ callType: 'scheduled' },
		);
		expect(createRequests(sandbox.current)[0].json).toEqual({
			call_type: 'Voice Scheduled (API)',
			menu_id: 12,
			end_user_number: '+18596579625',
			scheduled_at: '2099-09-15T00:19:14.421Z',
			lang: 'en',
			recording_permission: 'recording_permission_granted',
		});
		expect(result.output(NODE)[0].json).toMatchObject({
			outcome: 'created',
			call_type: 'Voice Scheduled (API)',
			status: 'scheduled',
			scheduled_at: '2099-09-15T00:19:14.421Z',
			selected_menu: { id: 12 },
		});
	});

	test('a previous call ID instead of a menu: the call follows it up, in its menu', async () => {
		const result = await createCall(
			[{ previousCallId: 515, endUserNumber: '+82 10 6861 2345', scheduledAt: inAnHour() }],
			{ callType: 'scheduled' },
		);
		const sent = createRequests(sandbox.current)[0].json as IDataObject;
		expect(sent).toMatchObject({ call_id: 515 });
		expect(sent).not.toHaveProperty('menu_id');
		expect(result.output(NODE)[0].json).toMatchObject({ outcome: 'created', parent_id: 515, selected_menu: { id: 12 } });
	});

	test('a date picked in the Date & Time field is read in the workflow time zone', async () => {
		await createCall(
			[{ menuId: 50, ticketId: '71450' }],
			{ callType: 'scheduled', scheduledAt: '2099-07-01T12:00:00' },
			{ timezone: 'Europe/Berlin' },
		);
		expect(createRequests(sandbox.current)[0].json).toMatchObject({ scheduled_at: '2099-07-01T10:00:00.000Z' });
	});

	test('a Luxon date from an expression', async () => {
		const before = Date.now();
		await createCall([{ menuId: 12, endUserNumber: '+1 859-657-9625' }], {
			callType: 'scheduled',
			scheduledAt: '={{ $now.plus({ hours: 2 }) }}',
		});
		const after = Date.now();
		const sent = (createRequests(sandbox.current)[0].json as IDataObject).scheduled_at as string;
		expect(sent).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
		const offset = Date.parse(sent) - before;
		expect(offset).toBeGreaterThan(2 * 3_600_000 - 5_000);
		// Two hours after $now, which was read during the run: bounded by the run itself, not by how
		// long a run may take. (A fake clock cannot stand still here: the rate limiter and the
		// sandbox need time to pass.)
		expect(Date.parse(sent) - 2 * 3_600_000).toBeGreaterThanOrEqual(before);
		expect(Date.parse(sent) - 2 * 3_600_000).toBeLessThanOrEqual(after);
	});

	test('a JavaScript Date from an expression', async () => {
		await createCall([{ menuId: 12, endUserNumber: '+1 859-657-9625' }], {
			callType: 'scheduled',
			scheduledAt: '={{ new Date(Date.UTC(2099, 0, 31, 14, 30)) }}',
		});
		expect(createRequests(sandbox.current)[0].json).toMatchObject({ scheduled_at: '2099-01-31T14:30:00.000Z' });
	});
});

describe('prepare (no server)', () => {
	const outbound = {
		callType: 'outbound',
		agentEmail: 'admin@acme.example',
		endUserNumber: '+1 859-657-9625',
		outboundNumber: '+1 (339) 219.5276',
		language: 'EN',
	};
	const sent = {
		call_type: 'Voice Outbound (API)',
		agent_email: 'admin@acme.example',
		end_user_number: '+18596579625',
		outbound_number: '+13392195276',
		lang: 'en',
	};

	test('posts the call, unordered, never repeated once it may have reached the service; 201 is the call', async () => {
		const prepared = prepare(itemParameters(outbound));
		expect(prepared.key).toBeUndefined();
		expect(await sendPrepared(prepared, ccaiService, answer({ id: 17, status: 'assigned' }, 201))).toEqual({
			output: { outcome: 'created', statusCode: 201, id: 17, status: 'assigned' },
			requests: [
				{
					method: 'POST',
					path: '/apps/api/v1/calls',
					body: sent,
					idempotent: false,
					uncertainOutcome: 'The call may have been created (a second request could ring the customer twice)',
				},
			],
		});
	});

	test.each<[string, IDataObject, IDataObject]>([
		[
			'an inbound call to a menu, for a ticket',
			{ callType: 'inbound', menuId: 9, ticketId: ' 76517 ', recordingPermission: 'granted' },
			{ call_type: 'Voice Inbound (API)', menu_id: 9, ticket_id: '76517', recording_permission: 'recording_permission_granted' },
		],
		[
			'a scheduled call after a previous one, at a time with an offset',
			{ callType: 'scheduled', previousCallId: 515, menuId: 0, endUserNumber: '0044 20 7946 0958', scheduledAt: '2099-09-15T02:19:14.421+02:00' },
			{
				call_type: 'Voice Scheduled (API)',
				call_id: 515,
				end_user_number: '+442079460958',
				scheduled_at: '2099-09-15T00:19:14.421Z',
				recording_permission: 'recording_permission_not_asked',
			},
		],
	])('%s', async (_case, values, body) => {
		const { requests } = await sendPrepared(prepare(itemParameters(values)), ccaiService, answer({ id: 18 }, 201));
		expect(requests.map((request) => request.body)).toEqual([body]);
	});

	test('an accepted request without a call (the agent must act first) is no failure: the item carries what was sent', async () => {
		const { output } = await sendPrepared(prepare(itemParameters(outbound)), ccaiService, answer('', 202));
		expect(output).toEqual({
			outcome: 'pendingAgentAction',
			statusCode: 202,
			message: expect.stringContaining('No call has been placed yet'),
			request: sent,
		});
	});

	test.each([
		['an unknown call type', { ...outbound, callType: 'video' }, '"Call Type" "video" is not one of Outbound, Inbound, Scheduled (item 1)'],
		['an agent email that is not one', { ...outbound, agentEmail: 'admin' }, '"Agent Email" "admin" is not an email address (item 1)'],
		['neither a number nor a ticket', { ...outbound, endUserNumber: '', ticketId: '' }, '"End-User Number" or "Ticket ID" is required: give at least one (item 1)'],
		[
			'a language that is not a code',
			{ ...outbound, language: 'english' },
			'"Language" "english" is not an ISO 639-1 language code: use two letters (en, es), optionally with a region (fr-CA) (item 1)',
		],
		[
			'a scheduled call without a menu or a previous call',
			{ callType: 'scheduled', menuId: 0, endUserNumber: '+1 859-657-9625', scheduledAt: '2099-01-01T00:00:00Z' },
			'"Menu ID" is required unless "Previous Call ID" is set: give the ID of a mobile or web menu (item 1)',
		],
		[
			'a scheduled time in the past',
			{ callType: 'scheduled', menuId: 12, endUserNumber: '+1 859-657-9625', scheduledAt: '2020-01-01T00:00:00Z' },
			'"Scheduled Time" is in the past (2020-01-01T00:00:00.000Z): give a future time (item 1)',
		],
	])('%s is the named-field error of its item', (_case, values, message) => {
		expect(refusal(() => prepare(itemParameters(values, 1)))).toEqual({ message, itemIndex: 1 });
	});
});
