/**
 * Issue 16's cases for the CCAI Platform node and trigger, measured as the campaign measured them
 * (the trigger through n8n-core's PollContext, the node through WorkflowExecute, against the
 * sandbox; the trigger's memory through its rules alone), and printed as figures. It asserts only
 * that each case ran, so that it runs against any version of the node: the figures before and after
 * a change come from the same code.
 */
import type { IDataObject } from 'n8n-workflow';

import { touch } from '../sandbox/ccai-manager';
import { FIRST_CALL_ID } from '../sandbox/ccai';
import { PollTracker, readState, startState, storedState, type PollState } from '../nodes/CcaiPlatform/triggerNode/state';
import { ccaiCredentials } from '../test/helpers/ccai';
import { simulateCallCenter } from '../test/helpers/ccaiCallCenter';
import { ids, triggerKit } from '../test/helpers/ccaiTrigger';
import { runWorkflow, withParameters, workflowFile } from '../test/helpers/n8n';
import { searchList } from '../test/helpers/listSearch';
import type { PollHarness } from '../test/helpers/poll';
import { useSandbox } from '../test/helpers/sandbox';

const sandbox = useSandbox();
const { ccai, place, trigger } = triggerKit(sandbox);
const rows: Array<[string, string]> = [];
const row = (name: string, figure: string) => {
	rows.push([name, figure]);
	process.stdout.write(`${name}: ${figure}\n`);
};
afterAll(() => {
	const width = Math.max(...rows.map(([name]) => name.length));
	process.stdout.write(`\nCCAI Platform, issue 16 cases\n${rows.map(([name, figure]) => `${name.padEnd(width)}  ${figure}`).join('\n')}\n`);
});

const HOUR = 3_600_000;
const T = Date.parse('2030-01-01T00:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

async function rounds(harness: PollHarness, count: number, perRound: number, status = 'finished') {
	let placed = 0;
	let emitted = 0;
	for (let round = 0; round < count; round++) {
		placed += place(perRound, status, 0.1).length;
		emitted += ids((await harness.poll()).items).length;
	}
	return { placed, emitted };
}

describe('finding 2: clocks', () => {
	test('one call stamped 2099-01-01', async () => {
		const harness = trigger({ statuses: ['finished'] });
		await harness.activate();
		ccai().addCalls({ count: 1, from: Date.parse('2099-01-01T00:00:00Z'), status: 'finished' });
		await harness.poll();
		const { placed, emitted } = await rounds(harness, 4, 5);
		row('2a: after a call stamped 2099, new calls emitted', `${emitted} of ${placed}`);
		expect(placed).toBe(20);
	});

	test('one call finished 10 minutes ahead', async () => {
		const harness = trigger({ statuses: ['finished'] });
		await harness.activate();
		ccai().addCalls({ count: 1, from: ccai().now() + 10 * 60_000, status: 'finished' });
		await harness.poll();
		const { placed, emitted } = await rounds(harness, 3, 3);
		row('2b: after a call finished 10 min ahead, finished calls emitted', `${emitted} of ${placed}`);
		expect(placed).toBe(9);
	});

	test('Date an hour ahead', async () => {
		ccai().dateSkewMs = HOUR;
		const harness = trigger({ statuses: ['finished'] });
		await harness.activate();
		const ahead = await rounds(harness, 2, 5);
		row('2c: Date 1 h ahead of n8n, new calls emitted', `${ahead.emitted} of ${ahead.placed}`);
		expect(ahead.placed).toBe(10);
	});

	test('Date a day behind', async () => {
		ccai().dateSkewMs = -24 * HOUR;
		ccai().addCalls({ count: 50, from: ccai().now() - HOUR, spacingMs: 60_000, status: 'finished' });
		const harness = trigger({ statuses: ['finished'] });
		await harness.activate();
		const before = ids((await harness.poll()).items).length;
		const behind = await rounds(harness, 2, 5);
		row('2d: Date 1 day behind, calls from before the activation emitted (Start From: Now)', `${before} of 50`);
		row('2d: Date 1 day behind, new calls emitted', `${behind.emitted} of ${behind.placed}`);
		expect(behind.placed).toBe(10);
	});
});

describe('finding 3: memory', () => {
	const poll = (raw: unknown, event: 'callCreated' | 'statusReached', statuses: string[], calls: IDataObject[]) => {
		const tracker = new PollTracker(readState(raw, event) as PollState, { event, statuses });
		for (const call of calls) tracker.consider(call);
		return { emitted: tracker.found.length, stored: JSON.parse(JSON.stringify(storedState(tracker.finish()))) as IDataObject };
	};

	test('500 Voicemail Received calls after 10 000 finished ones', () => {
		const watched = ['finished', 'voicemail_received'];
		const voicemail = (id: number, at: number) => ({ id, status: 'voicemail_received', created_at: iso(at - 60_000), updated_at: iso(at) });
		let result = poll(storedState(startState('statusReached', T)), 'statusReached', watched, Array.from({ length: 500 }, (_, i) => voicemail(i + 1, T + 1000 + i)));
		let id = 1000;
		for (let minute = 1; minute <= 100; minute++) {
			const at = T + minute * 60_000;
			result = poll(result.stored, 'statusReached', watched, Array.from({ length: 100 }, (_, i) => ({ id: id++, status: 'finished', created_at: iso(at - 60_000), updated_at: iso(at + i), ends_at: iso(at + i) })));
		}
		const again = poll(result.stored, 'statusReached', watched, Array.from({ length: 500 }, (_, i) => ({ ...voicemail(i + 1, T + 1000 + i), recording_url: 'x', updated_at: iso(T + 102 * 60_000 + i) })));
		row('3a: forgotten Voicemail Received calls emitted again when they change', `${again.emitted} of 500`);
		expect(id).toBe(11_000);
	});

	test('more than 10 000 calls inside the overlap (Call Created)', () => {
		const created = (id: number, at: number) => ({ id, created_at: iso(at), updated_at: iso(at) });
		const burst = Array.from({ length: 10_050 }, (_, i) => created(i + 1, T + 1000 + i * 2));
		const first = poll(storedState(startState('callCreated', T)), 'callCreated', [], burst);
		const next = poll(first.stored, 'callCreated', [], burst);
		row('3b: 10 050 calls in the overlap, emitted again by the next poll', `${next.emitted} of 10050`);
		expect(first.emitted).toBe(10_050);
	});

	test('Hours Back: a Voicemail Received call emitted at activation, then its recording added', async () => {
		const now = ccai().now();
		const [left] = ccai().addCalls({ count: 1, from: now - 30 * HOUR, status: 'voicemail_received' });
		ccai().addCalls({ count: 1, from: now - 60_000, status: 'finished' });
		const harness = trigger({ statuses: ['finished', 'voicemailReceived'], startFrom: 'lookBack', lookBackHours: 48 });
		await harness.activate();
		touch(ccai().findCall(String(left.id)) as never, { recording_url: 'https://recordings.example/x.mp3' }, ccai().now());
		row('3c: Voicemail Received emitted at activation, emitted again when its recording is added', `${ids((await harness.poll()).items).length} time(s)`);
		expect(left.id).toBeGreaterThan(0);
	});

	test.each([Number(process.env.BENCH_DAYS ?? 7)])('a call center at 100 calls a minute for %i days', (days) => {
		const started = Date.now();
		const result = simulateCallCenter({ days, callsPerMinute: 100, statuses: ['finished', 'failed', 'voicemail_received'] });
		row(
			`3d: ${days} days at 100 calls/min (${result.polls} polls, ${result.events} status events)`,
			`${result.repeated.length} repeated, ${result.missed.length} missed, static data at most ${(result.maxStoredBytes / 1024).toFixed(1)} KiB (${((Date.now() - started) / 1000).toFixed(0)} s)`,
		);
		expect(result.polls).toBe(days * 1440);
	});
});

describe('findings 4 and 5: listings', () => {
	async function getCalls(parameters: IDataObject) {
		const workflow = withParameters(workflowFile('ccai-get-many-calls.json'), 'Get Calls', parameters);
		return await runWorkflow(workflow, { credentials: ccaiCredentials(sandbox.current) });
	}
	const T0 = Date.parse('2030-01-01T00:00:00Z');
	function afterFirstPage(change: () => void) {
		const handle = ccai().handle.bind(ccai());
		let reads = 0;
		ccai().handle = (request) => {
			const answer = structuredClone(handle(request));
			if (request.path === '/manager/api/v1/calls' && ++reads === 1) change();
			return answer;
		};
	}
	const count = (ids: unknown[]) => ({ duplicated: ids.length - new Set(ids).size, distinct: new Set(ids) });

	test('newest first, 3 calls created after page 1', async () => {
		ccai().addCalls({ count: 250, from: T0, spacingMs: 60_000, status: 'finished' });
		afterFirstPage(() => ccai().addCalls({ count: 3, from: T0 + 300 * 60_000, status: 'assigned' }));
		const ids = (await getCalls({ returnAll: true })).output('Get Calls').map((item) => item.json.id);
		row('4a: Return All newest first, 3 calls created after page 1: calls out twice', String(count(ids).duplicated));
		expect(ids.length).toBeGreaterThan(0);
	});

	test('Updated At oldest first, 2 calls changed after page 1', async () => {
		const placed = ccai().addCalls({ count: 250, from: T0, spacingMs: 60_000, status: 'finished' });
		afterFirstPage(() => {
			for (const call of placed.slice(10, 12)) touch(call as never, { rating: 5 }, T0 + 400 * 60_000);
		});
		const ids = (await getCalls({ returnAll: true, options: { sortBy: 'updatedAt', sortOrder: 'oldestFirst' } })).output('Get Calls').map((item) => item.json.id);
		const { duplicated, distinct } = count(ids);
		row('4b: Return All by Updated At oldest first, 2 calls changed: missed / out twice', `${253 - distinct.size} / ${duplicated}`);
		expect(ids.length).toBeGreaterThan(0);
	});

	/** A proxy whose Link always says there is a next page, with new calls on each (stops at `cap` pages). */
	function endless(cap: number, same = false) {
		let reads = 0;
		ccai().handle = () => {
			reads++;
			const page = same ? 1 : reads;
			const at = iso(T0 + page * 1000);
			const body = Array.from({ length: 100 }, (_, i) => ({ id: FIRST_CALL_ID + page * 100 + i, status: 'finished', created_at: at, updated_at: at }));
			return { status: 200, body, headers: { Link: `${reads < cap ? '<http://proxy.example/calls?page=9>; rel="next", ' : ''}<http://proxy.example/calls?page=1>; rel="last"` } };
		};
		return () => reads;
	}

	test.each([
		['Return All', { returnAll: true }],
		['Statuses filter', { limit: 5, filters: { statuses: ['voicemailRead'] } }],
	])('a Link rel="next" that always points on: Get Many, %s', async (name, parameters) => {
		const cap = Number(process.env.BENCH_ENDLESS_PAGES ?? 600);
		const reads = endless(cap);
		const started = Date.now();
		const result = await getCalls(parameters);
		const error = result.error('Get Calls')?.message;
		row(
			`5a: endless list, Get Many ${name}`,
			`${reads()} requests, ${result.output('Get Calls').length} calls out, ${((Date.now() - started) / 1000).toFixed(0)} s, ${error ? `error "${error}"` : `no error (the stand-in stopped at ${cap} pages)`}`,
		);
		expect(reads()).toBeGreaterThan(0);
	});

	test('the same page again and again: a trigger poll', async () => {
		const harness = trigger({ event: 'callCreated' });
		await harness.activate();
		const reads = endless(1000, true);
		const outcome = await harness.poll();
		row('5b: the same page again and again, one trigger poll', `${reads()} requests, ${outcome.error ? `error "${outcome.error.message}"` : 'no error'}`);
		expect(reads()).toBeGreaterThan(0);
	});
});

describe('findings 8 and 11', () => {
	test.each([[[true, false, true]], [[true, false]]])('Customer Flag → Update %j, the first times out and is applied late', async (values) => {
		const path = '/apps/api/v1/calls/397/customer_flag';
		ccai().addFault({ method: 'PATCH', path, delayMs: 900, reset: true, process: true });
		const workflow = withParameters(workflowFile('ccai-update-flags.json'), 'Update Flags', {
			callId: 397,
			flags: { badActor: '={{ $json.badActor }}' },
			requestOptions: { timeout: 600 },
		});
		const result = await runWorkflow(workflow, { credentials: ccaiCredentials(sandbox.current), input: values.map((badActor) => ({ badActor })) });
		await new Promise((resolve) => setTimeout(resolve, 1000));
		const reported = result.output('Update Flags').filter((item) => item.json.error === undefined).length;
		const final = ccai().calls.find((call) => call.id === 397)?.flags.bad_actor;
		row(
			`8: Update ${JSON.stringify(values)}, first timed out and applied late`,
			`${reported} of ${values.length} reported set, final bad_actor ${String(final)} (last item: ${String(values[values.length - 1])})${result.error('Update Flags') ? `, error "${result.error('Update Flags')?.message}"` : ''}`,
		);
		expect(values.length).toBeGreaterThan(1);
	});

	test('the Call ID picker, a 500 on the direct lookup', async () => {
		ccai().addFault({ method: 'GET', path: '/manager/api/v1/calls/397', status: 500, times: 10 });
		const outcome = await searchList({
			node: 'ccaiPlatform',
			method: 'searchCalls',
			parameters: { resource: 'call', operation: 'get', callId: { __rl: true, mode: 'list', value: '' } },
			credentials: ccaiCredentials(sandbox.current),
			filter: '397',
		}).then(
			(found) => `${found.results.length} call(s) listed`,
			(error: Error) => `the list failed: "${error.message}"`,
		);
		row('11: picker search "397", direct lookup answers 500', outcome);
		expect(outcome).toBeTruthy();
	});
});
