/**
 * CCAI Platform, Customer Flag → Update: partial updates that send only what the user set (as
 * `repeat_customer`, and `repeat_customers` too), and what follows an update CCAI Platform did not
 * answer (issue 16, finding 8): it may still be applied late, after later updates of the same call,
 * so the final state is either confirmed (read back) to be the last item's, or the item says that
 * it could not be confirmed.
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
import { eventually, useSandbox } from '../../helpers/sandbox';

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

	test('setting flags is safe to repeat: a reset after the service acted is sent again, and the result read back', async () => {
		ccai().addFault({ method: 'PATCH', path: '/apps/api/v1/calls/397/customer_flag', reset: true, process: true });
		const result = await updateFlags([{ callId: 397 }], { flags: { badActor: true } });
		expect(ccai().requests.map((request) => `${request.method} ${request.fault ?? request.status}`)).toEqual([
			'PATCH reset after processing',
			'PATCH 200',
			'GET 200',
		]);
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
	test('sends only the flags that were set, Repeat Customer under both spellings, in input order per call, once (an unanswered attempt comes back to be confirmed)', async () => {
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
					idempotent: false,
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

describe('after an update CCAI Platform did not answer', () => {
	const FLAGS_PATH = '/apps/api/v1/calls/397/customer_flag';
	const TIMEOUT_MS = 600;

	async function setBadActor(values: boolean[], settings: IDataObject = {}) {
		const workflow = withParameters(workflowFile('ccai-update-flags.json'), 'Update Flags', {
			callId: 397,
			flags: { badActor: '={{ $json.badActor }}' },
			requestOptions: { timeout: TIMEOUT_MS },
		});
		Object.assign(workflow.nodes[1], settings);
		return await runWorkflow(workflow, {
			credentials: ccaiCredentials(sandbox.current),
			input: values.map((badActor) => ({ badActor })),
		});
	}
	const badActor = () => flagsOf(397)?.bad_actor;
	const flagRequests = () => ccai().requests.filter((request) => request.path === FLAGS_PATH);

	/** Notes how many requests had arrived when CCAI Platform applied the late update. */
	function watchLateUpdate() {
		const handle = ccai().handle.bind(ccai());
		const at: { arrived?: number } = {};
		ccai().handle = (request) => {
			if (request.fault === 'reset after processing') at.arrived = ccai().seq;
			return handle(request);
		};
		return at;
	}

	test('the first of (true, false, true) times out and CCAI Platform applies it late: the final state is the last item\'s, and says so', async () => {
		// The first PATCH is applied one and a half Timeouts after it arrived, long after n8n stopped waiting.
		ccai().addFault({ method: 'PATCH', path: FLAGS_PATH, delayMs: TIMEOUT_MS * 1.5, reset: true, process: true });
		const late = watchLateUpdate();
		const result = await setBadActor([true, false, true]);
		expect(result.output('Update Flags').map((item) => item.json.bad_actor)).toEqual([true, false, true]);
		expect(badActor()).toBe(true);
		// The timed-out item was sent again, and read back once the late update had landed; only then
		// did the next item go.
		const sequence = flagRequests().map((request) => `${request.method} ${request.fault ?? request.status}`);
		expect(sequence).toEqual(['PATCH reset after processing', 'PATCH 200', 'GET 200', 'PATCH 200', 'PATCH 200']);
		expect(late.arrived).toBeLessThan(flagRequests()[2].seq);
	});

	test('(true, false): the late update of the first would leave true; the last item\'s false is what stays', async () => {
		ccai().addFault({ method: 'PATCH', path: FLAGS_PATH, delayMs: TIMEOUT_MS * 1.5, reset: true, process: true });
		const late = watchLateUpdate();
		const result = await setBadActor([true, false]);
		await eventually(() => late.arrived !== undefined, 'the late update was applied');
		expect(result.output('Update Flags').map((item) => item.json.bad_actor)).toEqual([true, false]);
		expect(badActor()).toBe(false);
	});

	test('when the flags read back are not the ones set, the item says the update could not be confirmed', async () => {
		ccai().addFault({ method: 'PATCH', path: FLAGS_PATH, delayMs: TIMEOUT_MS * 1.5, reset: true, process: true });
		// Someone else sets the flag back while the node waits for the late update.
		const handle = ccai().handle.bind(ccai());
		ccai().handle = (request) => {
			const answer = handle(request);
			if (request.method === 'PATCH' && answer.status === 200) {
				const stored = ccai().calls.find((call) => call.id === 397);
				if (stored) stored.flags.bad_actor = false;
			}
			return answer;
		};
		const result = await setBadActor([true], { continueOnFail: true });
		expect(result.output('Update Flags')[0].json).toMatchObject({
			error: expect.stringMatching(/^CCAI Platform shows bad_actor false after the update set true: the update could not be confirmed/),
		});
	});
});
