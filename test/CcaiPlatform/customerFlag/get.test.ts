/**
 * CCAI Platform, Customer Flag → Get: booleans out whatever form the service answers in, and the
 * retries that are safe for a read.
 *
 * `prepare (no server)`: the operation on its own, its prepare() and send() called directly with
 * a plain object of parameters and a recording Api (test/helpers/prepare.ts); no sandbox needed.
 */
import type { IDataObject } from 'n8n-workflow';

import { prepare } from '../../../nodes/CcaiPlatform/actions/customerFlag/get.operation';
import { ccaiService } from '../../../nodes/CcaiPlatform/transport';
import { basicValue, CCAI, ccaiCredentials } from '../../helpers/ccai';
import { runWorkflow, withParameters, workflowFile } from '../../helpers/n8n';
import { answer, itemParameters, RecordingApi, refusal, sendPrepared } from '../../helpers/prepare';
import { useSandbox } from '../../helpers/sandbox';

const sandbox = useSandbox();
const ccai = () => sandbox.current.services.ccai;

async function getFlags(input: IDataObject[], parameters: IDataObject = {}) {
	const workflow = withParameters(workflowFile('ccai-get-flags.json'), 'Get Flags', parameters);
	return await runWorkflow(workflow, { credentials: ccaiCredentials(sandbox.current), input });
}

describe('Get', () => {
	test('reads the three flags of a call as booleans, with the call ID', async () => {
		const result = await getFlags([{ callId: 398 }]);
		expect(result.output('Get Flags')).toEqual([
			{
				json: { call_id: 398, verified_customer: true, bad_actor: false, repeat_customer: true },
				pairedItem: { item: 0 },
			},
		]);
		const [request] = ccai().requests;
		expect([request.method, request.path]).toEqual(['GET', '/apps/api/v1/calls/398/customer_flag']);
		expect(request.headers.authorization).toBe(`Basic ${basicValue(CCAI.subdomain, CCAI.apiToken)}`);
	});

	test('flags answered as "true"/"false" text come out as booleans', async () => {
		ccai().flagFormat = 'string';
		const result = await getFlags([{ callId: 398 }, { callId: '397' }]);
		expect(ccai().requests[0].response).toEqual({ verified_customer: 'true', bad_actor: 'false', repeat_customer: 'true' });
		expect(result.output('Get Flags').map((item) => item.json)).toEqual([
			{ call_id: 398, verified_customer: true, bad_actor: false, repeat_customer: true },
			{ call_id: 397, verified_customer: false, bad_actor: false, repeat_customer: false },
		]);
	});

	test('the documented alternative spelling repeat_customers, and flags never set (null), are read too', async () => {
		ccai().addFault({
			method: 'GET',
			path: '/apps/api/v1/calls/398/customer_flag',
			status: 200,
			body: { verified_customer: 1, bad_actor: null, repeat_customers: 'TRUE' },
		});
		const result = await getFlags([{ callId: 398 }]);
		expect(result.output('Get Flags')[0].json).toEqual({
			call_id: 398,
			verified_customer: true,
			bad_actor: false,
			repeat_customer: true,
		});
	});

	test('a value that is not true or false fails the item rather than being guessed', async () => {
		ccai().addFault({
			method: 'GET',
			path: '/apps/api/v1/calls/398/customer_flag',
			status: 200,
			body: { verified_customer: 'maybe', bad_actor: false, repeat_customer: false },
		});
		const result = await getFlags([{ callId: 398 }]);
		expect(result.error('Get Flags')?.message).toBe(
			'CCAI Platform answered "maybe" for verified_customer, which is not true or false',
		);
	});

	test('an answer without any flag fails the item', async () => {
		ccai().addFault({ method: 'GET', path: '/apps/api/v1/calls/398/customer_flag', status: 200, body: { ok: true } });
		const result = await getFlags([{ callId: 398 }]);
		expect(result.error('Get Flags')?.message).toBe('CCAI Platform answered without customer flags for call 398 (HTTP 200)');
	});

	test('an unknown call: 404 that names both possible causes', async () => {
		const result = await getFlags([{ callId: 424242 }]);
		const error = result.error('Get Flags');
		expect(error?.httpCode).toBe('404');
		expect(error?.message).toBe('Resource not found (HTTP 404): no call with this ID, or the subdomain or domain is wrong');
	});

	test.each([
		['abc', '"Call ID" must be a whole number above 0, not "abc" (item 0)'],
		[12.5, '"Call ID" must be a whole number above 0, not "12.5" (item 0)'],
		['../../calls', '"Call ID" must be a whole number above 0, not "../../calls" (item 0)'],
		[0, '"Call ID" is required: pick a call, or give the ID of one (item 0)'],
		[undefined, '"Call ID" is required: pick a call, or give the ID of one (item 0)'],
	])('a Call ID of %p is refused before anything is sent', async (callId, message) => {
		const result = await getFlags([{ callId }]);
		expect(result.error('Get Flags')?.message).toBe(message);
		expect(ccai().requests).toEqual([]);
	});

	test('a read is retried after a 500 and after a dropped connection', async () => {
		ccai().addFault({ method: 'GET', path: '/apps/api/v1/calls/398/customer_flag', status: 500 });
		ccai().addFault({ method: 'GET', path: '/apps/api/v1/calls/398/customer_flag', reset: true });
		const result = await getFlags([{ callId: 398 }]);
		expect(ccai().requests.map((request) => request.status ?? request.fault)).toEqual([500, 'reset', 200]);
		expect(result.output('Get Flags')[0].json).toMatchObject({ call_id: 398, verified_customer: true });
	});
});

describe('prepare (no server)', () => {
	test('reads the flags of the call, in input order with the other items of that call, as a read that may be retried', async () => {
		const prepared = prepare(itemParameters({ callId: ' 398 ' }));
		expect(prepared.key).toBe('398');
		expect(await sendPrepared(prepared, ccaiService, answer({ verified_customer: 'TRUE', bad_actor: null, repeat_customers: 1 }))).toEqual({
			output: { call_id: 398, verified_customer: true, bad_actor: false, repeat_customer: true },
			requests: [{ method: 'GET', path: '/apps/api/v1/calls/398/customer_flag', idempotent: true }],
		});
	});

	test('a flag missing from the answer is false', async () => {
		const { output } = await sendPrepared(prepare(itemParameters({ callId: 398 })), ccaiService, answer({ bad_actor: true }));
		expect(output).toEqual({ call_id: 398, verified_customer: false, bad_actor: true, repeat_customer: false });
	});

	test.each([
		['without any flag', { ok: true }, 'CCAI Platform answered without customer flags for call 398 (HTTP 200)'],
		['with a flag that is not true or false', { verified_customer: 'maybe' }, 'CCAI Platform answered "maybe" for verified_customer, which is not true or false'],
	])('an answer %s fails the item', async (_case, body, message) => {
		const sending = prepare(itemParameters({ callId: 398 }, 3)).send(new RecordingApi(ccaiService, answer(body), 3));
		await expect(sending).rejects.toMatchObject({ message, context: { itemIndex: 3 } });
	});

	test.each([
		['a Call ID that is a path', { callId: '../../calls' }, '"Call ID" must be a whole number above 0, not "../../calls" (item 1)'],
		['a Call ID of 0', { callId: 0 }, '"Call ID" is required: pick a call, or give the ID of one (item 1)'],
	])('%s is the named-field error of its item', (_case, values, message) => {
		expect(refusal(() => prepare(itemParameters(values, 1)))).toEqual({ message, itemIndex: 1 });
	});
});
