/**
 * CCAI Platform, Call → Get, on the Manager API: what reached the wire (path, Basic auth) and what
 * the user got (the call with `outcome`, for every documented status).
 *
 * `prepare (no server)`: the operation on its own, its prepare() and send() called directly with
 * a plain object of parameters and a recording Api (test/helpers/prepare.ts); no sandbox needed.
 */
import type { IDataObject } from 'n8n-workflow';

import { prepare } from '../../../nodes/CcaiPlatform/actions/call/get.operation';
import { ccaiService } from '../../../nodes/CcaiPlatform/transport';
import { forceStatus } from '../../../sandbox/ccai-manager';
import { basicValue, CCAI, ccaiCredentials } from '../../helpers/ccai';
import { runWorkflow, withParameters, workflowFile } from '../../helpers/n8n';
import { answer, itemParameters, RecordingApi, refusal, sendPrepared } from '../../helpers/prepare';
import { useSandbox } from '../../helpers/sandbox';

const sandbox = useSandbox();
const ccai = () => sandbox.current.services.ccai;
const managerRequests = () => ccai().requests.filter((request) => request.path.startsWith('/manager/api/v1/calls'));

async function getCall(input: IDataObject[], parameters: IDataObject = {}) {
	const workflow = withParameters(workflowFile('ccai-get-call.json'), 'Get Call', parameters);
	return await runWorkflow(workflow, { credentials: ccaiCredentials(sandbox.current), input });
}

const T0 = Date.parse('2030-01-01T00:00:00.000Z');
/** `count` calls created a minute apart from T0 (+ `offsetMinutes`), in `status`. */
const addCalls = (count: number, status = 'finished', offsetMinutes = 0) =>
	ccai().addCalls({ count, from: T0 + offsetMinutes * 60_000, spacingMs: 60_000, status }).map((call) => call.id);

describe('Get', () => {
	test('reads the call from the Manager API, with outcome in front', async () => {
		const result = await getCall([{ callId: 398 }]);
		const [request] = managerRequests();
		expect([request.method, request.path]).toEqual(['GET', '/manager/api/v1/calls/398']);
		expect(request.headers.authorization).toBe(`Basic ${basicValue(CCAI.subdomain, CCAI.apiToken)}`);
		const [item] = result.output('Get Call');
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(Object.keys(item.json)[0]).toBe('outcome');
		expect(item.json).toEqual({ outcome: 'finished', ...(request.response as IDataObject) });
		expect(item.json).toMatchObject({ id: 398, status: 'finished', out_ticket_id: '71450' });
	});

	// The README's mapping, written out here independently of the node's table.
	test.each([
		['selecting', 'inProgress'],
		['queued', 'inProgress'],
		['assigned', 'inProgress'],
		['connecting', 'inProgress'],
		['switching', 'inProgress'],
		['connected', 'connected'],
		['action_only', 'connected'],
		['finished', 'finished'],
		['action_only_finished', 'finished'],
		['recovered', 'finished'],
		['failed', 'failed'],
		['voicemail', 'voicemail'],
		['voicemail_received', 'voicemail'],
		['voicemail_read', 'voicemail'],
		['scheduled', 'scheduled'],
		['deflected', 'deflected'],
	])('a call in status %s has outcome %s', async (status, outcome) => {
		const [id] = addCalls(1, 'assigned');
		forceStatus(ccai().findCall(String(id))!, status, Date.now());
		const result = await getCall([{ callId: id }]);
		expect(result.output('Get Call')[0].json).toMatchObject({ outcome, status });
	});

	test('a status CCAI Platform does not document comes out as unknown, the status as it came', async () => {
		const [id] = addCalls(1);
		ccai().findCall(String(id))!.call.status = 'machine_detected';
		const result = await getCall([{ callId: id }]);
		expect(result.output('Get Call')[0].json).toMatchObject({ outcome: 'unknown', status: 'machine_detected' });
	});

	test('an unknown call fails the item with the Manager API\'s message and the HTTP status', async () => {
		const result = await getCall([{ callId: 424242 }]);
		expect(result.error('Get Call')?.message).toBe(
			'Call 424242 not found (HTTP 404): no call with this ID, or the subdomain or domain is wrong',
		);
	});

	test('a 403 from the Manager API says the credentials may not read calls', async () => {
		ccai().addFault({ method: 'GET', path: '/manager/api/v1/calls/398', status: 403, body: { message: 'Forbidden' } });
		const result = await getCall([{ callId: 398 }]);
		const error = result.error('Get Call');
		expect(error?.message).toBe('Forbidden (HTTP 403): the credentials may not read calls');
		expect(error?.description).toMatch(/^CCAI Platform accepted the credentials but refused to let them read calls from its Manager API\./);
	});

	test.each([
		['abc', '"Call ID" must be a whole number above 0, not "abc" (item 0)'],
		[0, '"Call ID" is required: pick a call, or give the ID of one (item 0)'],
		[-3, '"Call ID" must be a whole number above 0, not "-3" (item 0)'],
	])('a Call ID of %p is refused before anything is sent', async (callId, message) => {
		const result = await getCall([{ callId }]);
		expect(result.error('Get Call')?.message).toBe(message);
		expect(ccai().requests).toEqual([]);
	});
});

describe('prepare (no server)', () => {
	test('reads the call by the ID picked from the list, unordered, as a read that may be retried; the item has outcome first', async () => {
		const prepared = prepare(itemParameters({ callId: { __rl: true, mode: 'list', value: '398' } }));
		expect(prepared.key).toBeUndefined();
		// The service's own field named outcome does not hide the node's.
		const { output, requests } = await sendPrepared(prepared, ccaiService, answer({ id: 398, status: 'voicemail_read', outcome: 'x' }));
		expect(requests).toEqual([{ method: 'GET', path: '/manager/api/v1/calls/398', idempotent: true, notFoundIsAnswer: false }]);
		expect(output).toEqual({ outcome: 'voicemail', id: 398, status: 'voicemail_read' });
		expect(Object.keys(output)[0]).toBe('outcome');
	});

	test('a call inside a list is unwrapped; an answer without a call fails the item as an unexpected answer', async () => {
		const { output } = await sendPrepared(prepare(itemParameters({ callId: 398 })), ccaiService, answer([{ id: 398, status: 'finished' }]));
		expect(output).toEqual({ outcome: 'finished', id: 398, status: 'finished' });

		const sending = prepare(itemParameters({ callId: 398 }, 2)).send(new RecordingApi(ccaiService, answer({ message: 'ok' }), 2));
		await expect(sending).rejects.toMatchObject({
			message: 'CCAI Platform answered with something other than call 398 (HTTP 200)',
			context: { itemIndex: 2 },
		});
	});

	test.each([
		['a Call ID that is not a number', { callId: 'abc' }, '"Call ID" must be a whole number above 0, not "abc" (item 5)'],
		['a Call ID typed By ID as a path', { callId: { __rl: true, mode: 'id', value: '1/../2' } }, '"Call ID" must be a whole number above 0, not "1/../2" (item 5)'],
		['no Call ID', { callId: { __rl: true, mode: 'id', value: '' } }, '"Call ID" is required: pick a call, or give the ID of one (item 5)'],
	])('%s is the named-field error of its item', (_case, values, message) => {
		expect(refusal(() => prepare(itemParameters(values, 5)))).toEqual({ message, itemIndex: 5 });
	});
});

describe('Simplify, and the node versions', () => {
	const atVersion = (typeVersion: number, parameters: IDataObject = {}) => {
		const workflow = withParameters(workflowFile('ccai-get-call.json'), 'Get Call', parameters);
		workflow.nodes.find((node) => node.name === 'Get Call')!.typeVersion = typeVersion;
		return workflow;
	};
	const run = async (typeVersion: number, parameters: IDataObject = {}) =>
		await runWorkflow(atVersion(typeVersion, parameters), { credentials: ccaiCredentials(sandbox.current), input: [{ callId: 398 }] });

	test('a node saved at version 1, before Simplify existed, keeps its whole output', async () => {
		const result = await run(1);
		const [request] = managerRequests();
		expect(result.output('Get Call')[0].json).toEqual({ outcome: 'finished', ...(request.response as IDataObject) });
	});

	test('a new node (version 1.1) is simplified: the fields a workflow routes on, outcome first, recording_url included', async () => {
		const result = await run(1.1);
		expect(result.output('Get Call')[0].json).toEqual({
			outcome: 'finished',
			id: 398,
			status: 'finished',
			fail_reason: 'nothing',
			call_type: 'Voice Outbound (API)',
			created_at: '2019-06-07T01:28:47.955Z',
			ends_at: '2019-06-07T01:32:07.955Z',
			call_duration: 180,
			wait_duration: 20,
			agent_name: 'Admin UJET',
			queue_name: null,
			recording_url: null,
		});
	});

	test('either version follows the Simplify field when it is set', async () => {
		const [simplified, whole] = [await run(1, { simplify: true }), await run(1.1, { simplify: false })];
		expect(Object.keys(simplified.output('Get Call')[0].json)).toHaveLength(12);
		expect(whole.output('Get Call')[0].json).toHaveProperty('participants');
	});

	test('a recorded call carries the address of its recording', async () => {
		const recording = 'https://storage.example.com/acme-ccai-recordings/calls/398.mp3';
		ccai().findCall('398')!.call.recording_url = recording;
		const result = await run(1.1);
		expect(result.output('Get Call')[0].json).toMatchObject({ id: 398, recording_url: recording });
	});
});
