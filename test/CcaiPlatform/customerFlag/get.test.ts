/**
 * CCAI Platform, Customer Flag → Get / Update: booleans out whatever form the service answers in,
 * partial updates that send only what the user set (as `repeat_customer`), and the retries that
 * are safe for a read and for setting flags to given values.
 */
import type { IDataObject } from 'n8n-workflow';

import { basicValue, CCAI, ccaiCredentials } from '../../helpers/ccai';
import { runWorkflow, withParameters, workflowFile } from '../../helpers/n8n';
import { useSandbox } from '../../helpers/sandbox';

const sandbox = useSandbox();
const ccai = () => sandbox.current.services.ccai;
const flagsOf = (id: number) => ccai().calls.find((call) => call.id === id)?.flags;

async function getFlags(input: IDataObject[], parameters: IDataObject = {}) {
	const workflow = withParameters(workflowFile('ccai-get-flags.json'), 'Get Flags', parameters);
	return await runWorkflow(workflow, { credentials: ccaiCredentials(sandbox.current), input });
}

async function updateFlags(input: IDataObject[], parameters: IDataObject = {}) {
	const workflow = withParameters(workflowFile('ccai-update-flags.json'), 'Update Flags', parameters);
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

describe('Update', () => {
	test('sends only the flag that was set; the others keep their values', async () => {
		const result = await updateFlags([{ callId: 398 }], { flags: { badActor: true } });
		const [request] = ccai().requests;
		expect([request.method, request.path]).toEqual(['PATCH', '/apps/api/v1/calls/398/customer_flag']);
		expect(request.json).toEqual({ bad_actor: true });
		expect(flagsOf(398)).toEqual({ verified_customer: true, bad_actor: true, repeat_customer: true });
		expect(result.output('Update Flags')[0]).toEqual({
			json: { call_id: 398, verified_customer: true, bad_actor: true, repeat_customer: true },
			pairedItem: { item: 0 },
		});
	});

	test('Repeat Customer is sent under both spellings of the API page, with the same value; false is sent as false', async () => {
		await updateFlags([{ callId: 398 }], { flags: { repeatCustomer: false } });
		expect(ccai().requests[0].json).toEqual({ repeat_customer: false, repeat_customers: false });
		expect(flagsOf(398)).toEqual({ verified_customer: true, bad_actor: false, repeat_customer: false });
	});

	test.each(['singular', 'plural', 'either'] as const)(
		'Repeat Customer is set whichever spelling the service reads (%s), the other key being ignored',
		async (spelling) => {
			ccai().flagSpelling = spelling;
			const result = await updateFlags([{ callId: 397 }, { callId: 398 }], {
				flags: { repeatCustomer: '={{ $json.callId === 397 }}' },
			});
			expect(result.error('Update Flags')).toBeUndefined();
			expect(flagsOf(397)?.repeat_customer).toBe(true);
			expect(flagsOf(398)?.repeat_customer).toBe(false);
			expect(result.output('Update Flags').map((item) => item.json.repeat_customer)).toEqual([true, false]);
		},
	);

	test('all three, with values from expressions (text "true" counts)', async () => {
		const result = await updateFlags([{ callId: 397, verified: 'true', bad: false, repeat: true }], {
			flags: {
				verifiedCustomer: '={{ $json.verified }}',
				badActor: '={{ $json.bad }}',
				repeatCustomer: '={{ $json.repeat }}',
			},
		});
		expect(ccai().requests[0].json).toEqual({ verified_customer: true, bad_actor: false, repeat_customer: true, repeat_customers: true });
		expect(result.output('Update Flags')[0].json).toEqual({
			call_id: 397,
			verified_customer: true,
			bad_actor: false,
			repeat_customer: true,
		});
	});

	test('no flag set: refused, nothing sent', async () => {
		const result = await updateFlags([{ callId: 398 }], { flags: {} });
		expect(result.error('Update Flags')?.message).toBe(
			'"Flags to Set" is empty: add at least one of Verified Customer, Bad Actor, Repeat Customer (item 0)',
		);
		expect(ccai().requests).toEqual([]);
	});

	test('a flag that is not true or false: refused, nothing sent', async () => {
		const result = await updateFlags([{ callId: 398, value: 'maybe' }], { flags: { badActor: '={{ $json.value }}' } });
		expect(result.error('Update Flags')?.message).toBe('"Bad Actor" must be true or false, not "maybe" (item 0)');
		expect(ccai().requests).toEqual([]);
	});

	test('an answer without a body: the item shows the flags that were set', async () => {
		ccai().addFault({ method: 'PATCH', path: '/apps/api/v1/calls/398/customer_flag', status: 204, body: '' });
		const result = await updateFlags([{ callId: 398 }], { flags: { verifiedCustomer: false } });
		expect(result.output('Update Flags')[0].json).toEqual({ call_id: 398, verified_customer: false });
	});

	test('setting flags is safe to repeat: a reset after the service acted is retried, with the same result', async () => {
		ccai().addFault({ method: 'PATCH', path: '/apps/api/v1/calls/397/customer_flag', reset: true, process: true });
		const result = await updateFlags([{ callId: 397 }], { flags: { badActor: true } });
		expect(ccai().requests.map((request) => request.fault ?? request.status)).toEqual(['reset after processing', 200]);
		expect(flagsOf(397)).toEqual({ verified_customer: false, bad_actor: true, repeat_customer: false });
		expect(result.output('Update Flags')[0].json).toMatchObject({ call_id: 397, bad_actor: true });
	});

	test('an unknown call: 404', async () => {
		const result = await updateFlags([{ callId: 5 }]);
		expect(result.error('Update Flags')?.message).toBe(
			'Resource not found (HTTP 404): no call with this ID, or the subdomain or domain is wrong',
		);
	});
});
