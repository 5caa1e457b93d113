/**
 * CCAI Platform, Customer Flag → Update: partial updates that send only what the user set (as
 * `repeat_customer`, and `repeat_customers` too), and the retries that are safe for setting flags
 * to given values.
 *
 * `prepare (no server)`: the operation on its own, its prepare() and send() called directly with
 * a plain object of parameters and a recording Api (test/helpers/prepare.ts); no sandbox needed.
 */
import type { IDataObject } from 'n8n-workflow';

import { prepare } from '../../../nodes/CcaiPlatform/actions/customerFlag/update.operation';
import { ccaiService } from '../../../nodes/CcaiPlatform/transport';
import { ccaiCredentials } from '../../helpers/ccai';
import { runWorkflow, withParameters, workflowFile } from '../../helpers/n8n';
import { answer, itemParameters, refusal, sendPrepared } from '../../helpers/prepare';
import { useSandbox } from '../../helpers/sandbox';

const sandbox = useSandbox();
const ccai = () => sandbox.current.services.ccai;
const flagsOf = (id: number) => ccai().calls.find((call) => call.id === id)?.flags;

async function updateFlags(input: IDataObject[], parameters: IDataObject = {}) {
	const workflow = withParameters(workflowFile('ccai-update-flags.json'), 'Update Flags', parameters);
	return await runWorkflow(workflow, { credentials: ccaiCredentials(sandbox.current), input });
}

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

describe('prepare (no server)', () => {
	test('sends only the flags that were set, Repeat Customer under both spellings, in input order per call, as a request that may be repeated', async () => {
		const prepared = prepare(itemParameters({ callId: 397, flags: { repeatCustomer: 'true', badActor: false } }));
		expect(prepared.key).toBe('397');
		// Answered without a body: the item shows the flags that were set.
		expect(await sendPrepared(prepared, ccaiService, answer('', 204))).toEqual({
			output: { call_id: 397, bad_actor: false, repeat_customer: true },
			requests: [
				{
					method: 'PATCH',
					path: '/apps/api/v1/calls/397/customer_flag',
					body: { bad_actor: false, repeat_customer: true, repeat_customers: true },
					idempotent: true,
				},
			],
		});
	});

	test('the flags CCAI Platform answers with are the item', async () => {
		const { output } = await sendPrepared(
			prepare(itemParameters({ callId: 397, flags: { verifiedCustomer: true } })),
			ccaiService,
			answer({ verified_customer: 1, bad_actor: 'false', repeat_customer: null }),
		);
		expect(output).toEqual({ call_id: 397, verified_customer: true, bad_actor: false, repeat_customer: false });
	});

	test.each([
		['no flag', { callId: 397, flags: {} }, '"Flags to Set" is empty: add at least one of Verified Customer, Bad Actor, Repeat Customer (item 3)'],
		['a flag that is not true or false', { callId: 397, flags: { badActor: 'maybe' } }, '"Bad Actor" must be true or false, not "maybe" (item 3)'],
		['an empty flag', { callId: 397, flags: { verifiedCustomer: '' } }, '"Verified Customer" must be true or false, not "" (item 3)'],
		['a Call ID that is not a whole number', { callId: 12.5, flags: { badActor: true } }, '"Call ID" must be a whole number above 0, not "12.5" (item 3)'],
	])('%s is the named-field error of its item', (_case, values, message) => {
		expect(refusal(() => prepare(itemParameters(values, 3)))).toEqual({ message, itemIndex: 3 });
	});
});
