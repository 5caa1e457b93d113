/**
 * The CCAI Platform Trigger (polling), run as n8n runs it (test/helpers/poll.ts) against the
 * sandbox's Manager API: what each poll emits, and what it reads, across pages, polls, 429s and
 * restarts. Every call is emitted exactly once per event; nothing before the first activation is.
 */
import type { IDataObject } from 'n8n-workflow';

import { touch } from '../../../sandbox/ccai-manager';
import { MAX_RATE_LIMIT_RETRIES } from '../../../nodes/shared/request';
import { ccaiCredentials } from '../../helpers/ccai';
import { ids, triggerKit } from '../../helpers/ccaiTrigger';
import { runWorkflow, withParameters, workflowFile } from '../../helpers/n8n';
import { useSandbox } from '../../helpers/sandbox';

const sandbox = useSandbox();
// The sandbox's clock (which stamps the calls and answers Date) runs with n8n's; `later` moves it on.
const { ccai, later, listRequests, place, reach, record, stored, trigger } = triggerKit(sandbox);

describe('the first activation', () => {
	test('starts from now: calls from before are never emitted, calls after are, once each', async () => {
		const before = ccai().addCalls({ count: 3, from: Date.now() - 10 * 60_000, status: 'finished' });
		const harness = trigger({ event: 'callCreated' });

		expect(await harness.activate()).toBeNull();
		// One read at activation: it checks the credential, and the trigger starts after the newest call.
		expect(listRequests().map((request) => request.query)).toEqual([{ sort_column: 'created_at', sort_direction: 'DESC', per: '100', page: '1' }]);
		expect(harness.staticData.calls).toMatchObject({ event: 'callCreated', since: Date.parse(before[2].call.created_at) });
		expect((await harness.poll()).items).toBeNull();

		const placed = place(2);
		const { items } = await harness.poll();
		expect(ids(items)).toEqual(placed);
		expect(items?.[0]).toMatchObject({ outcome: 'inProgress', status: 'assigned', call_type: 'Voice Outbound (API)' });
		expect((await harness.poll()).items).toBeNull();
		expect(harness.emitted).toHaveLength(2);
	});

	test('with Hours Back, also emits the calls of those hours, oldest first, and none older', async () => {
		const now = Date.now();
		const [tooOld] = ccai().addCalls({ count: 1, from: now - 3 * 3_600_000, status: 'finished' });
		const recent = ccai().addCalls({ count: 2, from: now - 30 * 60_000, spacingMs: 60_000, status: 'finished' });
		const harness = trigger({ statuses: ['finished'], startFrom: 'lookBack', lookBackHours: 2 });

		const items = await harness.activate();
		expect(ids(items)).toEqual(recent.map((call) => call.id));
		expect(ids(items)).not.toContain(tooOld.id);
		expect((await harness.poll()).items).toBeNull();
	});

	test('a refused credential fails the activation with CCAI Platform\'s answer', async () => {
		const harness = trigger({}, { password: 'not-the-api-token-0123456789' });
		await expect(harness.activate()).rejects.toThrow(/Invalid credentials \(HTTP 401\): CCAI Platform refused the credentials/);
		expect(harness.saves).toBe(0);
	});
});

describe('Call Reached a Status', () => {
	test('emits a call when it reaches a watched status, once; a recording or rating added later repeats nothing', async () => {
		const harness = trigger({ statuses: ['finished', 'failed'] });
		await harness.activate();
		const [answered, missed] = place(2);
		expect((await harness.poll()).items).toBeNull();

		reach(answered, 'connected');
		expect((await harness.poll()).items).toBeNull();
		reach(answered, 'finished');
		const finished = (await harness.poll()).items;
		expect(finished).toEqual([expect.objectContaining({ id: answered, status: 'finished', outcome: 'finished' })]);

		record(answered);
		touch(stored(answered), { rating: 5, has_feedback: true }, later());
		reach(missed, 'failed', 'eu_abandoned');
		const failed = (await harness.poll()).items;
		expect(failed).toEqual([expect.objectContaining({ id: missed, status: 'failed', outcome: 'failed', fail_reason: 'eu_abandoned' })]);
		expect((await harness.poll()).items).toBeNull();
		expect(ids(harness.emitted)).toEqual([answered, missed]);
	});

	test('a call that leaves a watched status and reaches it again is emitted again', async () => {
		const harness = trigger({ statuses: ['queued'] });
		await harness.activate();
		const [id] = place(1);
		reach(id, 'queued');
		expect(ids((await harness.poll()).items)).toEqual([id]);
		reach(id, 'assigned');
		expect((await harness.poll()).items).toBeNull();
		reach(id, 'queued');
		expect(ids((await harness.poll()).items)).toEqual([id]);
	});

	test('a call that had reached the status before the activation is not emitted when it changes after it', async () => {
		const [old] = ccai().addCalls({ count: 1, from: Date.now() - 5 * 60_000, status: 'finished' });
		const harness = trigger({ statuses: ['finished'] });
		await harness.activate();
		record(old.id);
		expect((await harness.poll()).items).toBeNull();
	});
});

describe('pages', () => {
	test('250 calls created since the last poll come out once each, in order, read by their creation time', async () => {
		const harness = trigger({ event: 'callCreated' });
		await harness.activate();
		const placed = place(250);
		const { items } = await harness.poll();
		expect(ids(items)).toEqual(placed);

		const reads = listRequests().slice(1);
		expect(reads.length).toBeGreaterThanOrEqual(3);
		for (const read of reads) {
			expect(read.query).toMatchObject({ sort_column: 'created_at', sort_direction: 'ASC', per: '100', page: '1' });
		}
		// Each read starts where the previous page ended (tailing), not at a page number.
		const froms = reads.map((read) => Date.parse(read.query['created_at[from]']));
		expect([...froms].sort((a, b) => a - b)).toEqual(froms);
		expect(new Set(froms).size).toBe(froms.length);
		expect((await harness.poll()).items).toBeNull();
	});

	test('calls that change while a poll reads its pages are neither missed nor repeated', async () => {
		const harness = trigger({ statuses: ['finished'] });
		await harness.activate();
		const first = place(150, 'finished');
		const more = place(20);
		// After the first page was answered, some calls read already get recordings (and move to
		// the end of the list), and new ones finish.
		const handle = ccai().handle.bind(ccai());
		let reads = 0;
		ccai().handle = (request) => {
			const answer = handle(request);
			if (request.path === '/manager/api/v1/calls' && ++reads === 1) {
				for (const id of first.slice(0, 30)) record(id);
				for (const id of more.slice(0, 10)) reach(id, 'finished');
			}
			return answer;
		};
		const polled = [...ids((await harness.poll()).items), ...ids((await harness.poll()).items)];
		expect(polled.sort()).toEqual([...first, ...more.slice(0, 10)].sort());
		expect(ids(harness.emitted)).toEqual(polled);
		expect((await harness.poll()).items).toBeNull();
	});

	test('more than a page of calls changed in the same second: a shifted one is caught by reading that second again', async () => {
		const harness = trigger({ statuses: ['finished'] });
		await harness.activate();
		const at = later(1);
		const same = ccai().addCalls({ count: 150, from: at, spacingMs: 0, status: 'finished' }).map((call) => call.id);
		// Between page 1 and page 2 of that second (read by page number: all its calls share it), a
		// call of page 1 changes: it moves to the end, and the first call of page 2 slides onto page 1.
		const handle = ccai().handle.bind(ccai());
		const thatSecond = new Date(Math.floor(at / 1000) * 1000).toISOString().replace('.000Z', 'Z');
		let changed = false;
		ccai().handle = (request) => {
			// The page as it was when answered: the change comes after it.
			const answer = structuredClone(handle(request));
			if (!changed && request.query['updated_at[from]'] === thatSecond && request.query.page === '1') {
				changed = true;
				// Two minutes later: far past the minute every read goes back, so only reading that
				// second again finds the call that slid onto page 1.
				later(120);
				record(same[0]);
			}
			return answer;
		};
		const firstPoll = ids((await harness.poll()).items);
		const secondPoll = ids((await harness.poll()).items);
		expect(firstPoll).toHaveLength(149);
		expect(secondPoll).toHaveLength(1);
		expect([...firstPoll, ...secondPoll].sort()).toEqual([...same].sort());
		expect(listRequests().some((request) => request.query.page === '2')).toBe(true);
		expect((await harness.poll()).items).toBeNull();
	});
});

describe('429 during a poll', () => {
	test('is waited out (Retry-After), and every call comes out once', async () => {
		const harness = trigger({ event: 'callCreated' });
		await harness.activate();
		const placed = place(150);
		const handle = ccai().handle.bind(ccai());
		let reads = 0;
		ccai().handle = (request) => {
			if (request.path === '/manager/api/v1/calls' && ++reads === 2) {
				return { status: 429, headers: { 'Retry-After': '1' }, body: { message: 'Rate limit exceeded' } };
			}
			return handle(request);
		};
		const { items, error } = await harness.poll();
		expect(error).toBeUndefined();
		expect(ids(items)).toEqual(placed);
		expect(listRequests().map((request) => request.status)).toContain(429);
	});

	test('that does not clear fails the poll without emitting or storing anything; the next poll emits every call once', async () => {
		const harness = trigger({ event: 'callCreated' });
		await harness.activate();
		const placed = place(150);
		const storedBefore = JSON.stringify(harness.stored.staticData);
		const savesBefore = harness.saves;
		// The second page is refused as often as the node asks for it (the first try and the retries
		// a 429 gets, MAX_RATE_LIMIT_RETRIES).
		const handle = ccai().handle.bind(ccai());
		let reads = 0;
		ccai().handle = (request) => {
			if (request.path === '/manager/api/v1/calls' && ++reads >= 2 && reads <= 2 + MAX_RATE_LIMIT_RETRIES) {
				return { status: 429, headers: { 'Retry-After': '0' }, body: { message: 'Rate limit exceeded' } };
			}
			return handle(request);
		};
		const failed = await harness.poll();
		expect(failed.items).toBeNull();
		expect(failed.error?.message).toMatch(/\(HTTP 429\): rate limit$/);
		expect(JSON.stringify(harness.stored.staticData)).toBe(storedBefore);
		expect(harness.saves).toBe(savesBefore);

		const { items } = await harness.poll();
		expect(ids(items)).toEqual(placed);
		expect(ids(harness.emitted)).toEqual(placed);
	});
});

describe('restarts', () => {
	test('repeat nothing and miss nothing: calls placed while n8n was down come out once', async () => {
		const harness = trigger({ statuses: ['finished'] });
		await harness.activate();
		const [a, b] = place(2);
		reach(a, 'finished');
		expect(ids((await harness.poll()).items)).toEqual([a]);
		// Polls that find nothing change the cursor in memory only (n8n saves on an emit).
		expect((await harness.poll()).items).toBeNull();
		record(a);
		expect((await harness.poll()).items).toBeNull();

		harness.deactivate();
		reach(b, 'finished');
		const [c] = place(1, 'finished');
		const afterRestart = await harness.restart();
		expect(ids(afterRestart)).toEqual([b, c]);
		expect((await harness.poll()).items).toBeNull();
		expect(ids(harness.emitted)).toEqual([a, b, c]);
	});

	test('the stored state is what the last emitting poll reached, with the emitted calls in it', async () => {
		const harness = trigger({ event: 'callCreated' });
		await harness.activate();
		const placed = place(3);
		await harness.poll();
		const state = harness.staticData.calls as IDataObject;
		expect(Object.keys((state.recent as IDataObject).created as IDataObject).map(Number).sort()).toEqual(placed);
		expect(state.cursor).toBe(Date.parse(stored(placed[2]).call.created_at));
	});
});

describe('Fetch Test Event', () => {
	test('returns the most recently changed call in a watched status, whatever the cursor, and stores nothing', async () => {
		const harness = trigger({ statuses: ['finished', 'failed'] });
		const [first, second, third] = place(3);
		reach(second, 'failed');
		reach(first, 'finished');
		reach(third, 'connected');
		expect(await harness.fetchTestEvent()).toEqual([expect.objectContaining({ id: first, status: 'finished', outcome: 'finished' })]);
		expect(harness.stored.staticData).toEqual({});
		expect(listRequests()[0].query).toMatchObject({ sort_column: 'updated_at', sort_direction: 'DESC' });
	});

	test('Call Created returns the newest call', async () => {
		const placed = place(2);
		expect(ids(await trigger({ event: 'callCreated' }).fetchTestEvent())).toEqual([placed[1]]);
	});

	test('says so when no recent call is in the statuses', async () => {
		await expect(trigger({ statuses: ['voicemailRead'] }).fetchTestEvent()).rejects.toThrow(
			'No call in status Voicemail Read among the 300 most recently changed calls',
		);
	});
});

test('polls share the credential\'s 10 requests per second with the CCAI Platform node: together, no 429', async () => {
	const harness = trigger({ event: 'callCreated' });
	await harness.activate();
	place(1500);
	// 15 pages for the poll and 15 flag reads at once: 30 requests, 3 seconds' worth.
	const flags = withParameters(workflowFile('ccai-get-flags.json'), 'Get Flags', { requestOptions: { concurrency: 15 } });
	const [polled, read] = await Promise.all([
		harness.poll(),
		runWorkflow(flags, { credentials: ccaiCredentials(sandbox.current), input: Array.from({ length: 15 }, () => ({ callId: 397 })) }),
	]);
	expect(polled.items).toHaveLength(1500);
	expect(read.output('Get Flags')).toHaveLength(15);
	expect(ccai().rateLimited).toBe(0);
});
