/**
 * CCAI Platform, Call → Get Many, on the Manager API: what reached the wire (paging and filter
 * parameters) and what the user got (the calls with `outcome`). On a live contact center (issue 16,
 * findings 4 and 5): calls created or changed while the pages are read neither repeat nor hide
 * others; a listing that repeats a page stops with a clear error (the ceiling on endless listings:
 * test/CcaiPlatform/transport.test.ts).
 *
 * `prepare (no server)`: the operation on its own, its prepare() and send() called directly with
 * a plain object of parameters and a recording Api (test/helpers/prepare.ts); no sandbox needed.
 */
import type { IDataObject } from 'n8n-workflow';

import { FIRST_CALL_ID } from '../../../sandbox/ccai';
import { touch } from '../../../sandbox/ccai-manager';
import { prepare } from '../../../nodes/CcaiPlatform/actions/call/getAll.operation';
import { ccaiService } from '../../../nodes/CcaiPlatform/transport';
import { ccaiCredentials } from '../../helpers/ccai';
import { runWorkflow, withParameters, workflowFile } from '../../helpers/n8n';
import { answer, itemParameters, RecordingApi, refusal, sendPrepared } from '../../helpers/prepare';
import { useSandbox } from '../../helpers/sandbox';

const sandbox = useSandbox();
const ccai = () => sandbox.current.services.ccai;
const managerRequests = () => ccai().requests.filter((request) => request.path.startsWith('/manager/api/v1/calls'));

async function getCalls(parameters: IDataObject = {}, settings: IDataObject = {}) {
	const workflow = withParameters(workflowFile('ccai-get-many-calls.json'), 'Get Calls', parameters);
	workflow.settings = { ...workflow.settings, ...settings };
	return await runWorkflow(workflow, { credentials: ccaiCredentials(sandbox.current) });
}

const listRequests = () => ccai().requests.filter((request) => request.path === '/manager/api/v1/calls');
const idsOf = (result: Awaited<ReturnType<typeof getCalls>>) => result.output('Get Calls').map((item) => item.json.id as number);
const duplicates = (ids: number[]) => ids.filter((id, index) => ids.indexOf(id) !== index);

const T0 = Date.parse('2030-01-01T00:00:00.000Z');
/** `count` calls created a minute apart from T0 (+ `offsetMinutes`), in `status`. */
const addCalls = (count: number, status = 'finished', offsetMinutes = 0) =>
	ccai().addCalls({ count, from: T0 + offsetMinutes * 60_000, spacingMs: 60_000, status }).map((call) => call.id);

describe('Get Many', () => {
	test('by default: the 50 newest calls, newest first, in one request of 50', async () => {
		const placed = addCalls(120);
		const result = await getCalls();
		expect(managerRequests().map((request) => request.query)).toEqual([
			{ sort_column: 'created_at', sort_direction: 'DESC', page: '1', per: '50' },
		]);
		const items = result.output('Get Calls').map((item) => item.json);
		expect(items.map((item) => item.id)).toEqual(placed.slice(-50).reverse());
		expect(items[0]).toMatchObject({ outcome: 'finished', status: 'finished' });
		expect(new Set(result.output('Get Calls').map((item) => JSON.stringify(item.pairedItem)))).toEqual(new Set(['{"item":0}']));
	});

	test('Return All follows the pages while the Link header has rel="next", 100 per page', async () => {
		const placed = addCalls(230);
		const result = await getCalls({ returnAll: true });
		expect(managerRequests().map((request) => [request.query.page, request.query.per])).toEqual([
			['1', '100'],
			['2', '100'],
			['3', '100'],
		]);
		// 230 created here, and the three calls of the API page's examples.
		expect(result.output('Get Calls')).toHaveLength(233);
		expect(result.output('Get Calls').slice(0, 230).map((item) => item.json.id)).toEqual([...placed].reverse());
	});

	test('without a Link header, a full page means there may be more, and a short one ends the list', async () => {
		addCalls(150);
		const handle = ccai().handle.bind(ccai());
		ccai().handle = (request) => {
			const answer = handle(request);
			if (answer.headers) delete answer.headers.Link;
			return answer;
		};
		const result = await getCalls({ returnAll: true });
		expect(managerRequests().map((request) => request.query.page)).toEqual(['1', '2']);
		expect(result.output('Get Calls')).toHaveLength(153);
	});

	test('the time filters are sent as the Manager API takes them, to the second in UTC', async () => {
		const placed = addCalls(10);
		const result = await getCalls({
			filters: {
				createdAfter: '2030-01-01T00:02:00.400Z',
				createdBefore: '2030-01-01T02:05:00+02:00',
				statusUpdatedAfter: '2030-01-01T00:03:00Z',
			},
			options: { sortBy: 'createdAt', sortOrder: 'oldestFirst' },
		});
		expect(managerRequests()[0].query).toEqual({
			'created_at[from]': '2030-01-01T00:02:00Z',
			'created_at[to]': '2030-01-01T00:05:00Z',
			'updated_at[from]': '2030-01-01T00:03:00Z',
			sort_column: 'created_at',
			sort_direction: 'ASC',
			page: '1',
			per: '50',
		});
		// Created at minutes 0..9; finished when created: minutes 3, 4 and 5 pass all three filters.
		expect(result.output('Get Calls').map((item) => item.json.id)).toEqual(placed.slice(3, 6));
	});

	test('a date without an offset is read in the workflow\'s time zone', async () => {
		addCalls(3);
		await getCalls({ filters: { createdAfter: '2029-12-31T19:01:00' } }, { timezone: 'America/New_York' });
		expect(managerRequests()[0].query['created_at[from]']).toBe('2030-01-01T00:01:00Z');
	});

	test('a filter the service does not apply still holds: each call is checked again', async () => {
		const placed = addCalls(10);
		const handle = ccai().handle.bind(ccai());
		ccai().handle = (request) => {
			delete request.query['created_at[to]'];
			return handle(request);
		};
		const result = await getCalls({ returnAll: true, filters: { createdBefore: '2030-01-01T00:04:30Z' } });
		expect(result.output('Get Calls').map((item) => item.json.id)).toEqual(
			[...placed.slice(0, 5)].reverse().concat([515, 398, 397]),
		);
	});

	test('Statuses keeps the calls in those statuses, reading pages until Limit is reached', async () => {
		const finished = addCalls(150, 'finished');
		const failed = addCalls(5, 'failed', -10);
		const result = await getCalls({ limit: 3, filters: { statuses: ['failed', 'voicemailRead'] } });
		// The failed calls are older than the 150 finished ones: the second page holds them.
		expect(managerRequests().map((request) => [request.query.page, request.query.per])).toEqual([
			['1', '100'],
			['2', '100'],
		]);
		expect(result.output('Get Calls').map((item) => item.json)).toEqual(
			[...failed].reverse().slice(0, 3).map((id) => expect.objectContaining({ id, status: 'failed', outcome: 'failed' })),
		);
		expect(finished).toHaveLength(150);
	});

	test('sorting by Updated At, oldest first', async () => {
		addCalls(2);
		await getCalls({ options: { sortBy: 'updatedAt', sortOrder: 'oldestFirst' } });
		expect(managerRequests()[0].query).toMatchObject({ sort_column: 'updated_at', sort_direction: 'ASC' });
	});

	test.each([
		[{ filters: { createdAfter: 'next tuesday' } }, '"Created After" "next tuesday" is not an ISO 8601 date-time such as 2030-01-31T14:30:00Z (item 0)'],
		[
			{ filters: { createdAfter: '2030-01-02T00:00:00Z', createdBefore: '2030-01-01T00:00:00Z' } },
			'"Created Before" (2030-01-01T00:00:00.000Z) is earlier than "Created After" (2030-01-02T00:00:00.000Z) (item 0)',
		],
		[{ filters: { statuses: '={{ ["finished", "hung_up"] }}' } }, '"Statuses" has "hung_up", which is not a CCAI Platform call status (item 0)'],
		[{ limit: 0 }, '"Limit" must be a whole number above 0, not 0 (item 0)'],
	])('bad input %j is refused before anything is sent', async (parameters, message) => {
		const result = await getCalls(parameters);
		expect(result.error('Get Calls')?.message).toBe(message);
		expect(ccai().requests).toEqual([]);
	});

	test('a 429 between pages is waited out (Retry-After) and the listing goes on', async () => {
		addCalls(150);
		ccai().addFault({ method: 'GET', path: '/manager/api/v1/calls', status: 429, retryAfter: 1, times: 1 });
		const result = await getCalls({ returnAll: true });
		expect(managerRequests().map((request) => [request.query.page, request.status])).toEqual([
			['1', 429],
			['1', 200],
			['2', 200],
		]);
		expect(result.output('Get Calls')).toHaveLength(153);
	});
});

describe('prepare (no server)', () => {
	const call = (id: number, status: string, minute: number) => ({ id, status, created_at: `2030-01-01T00:0${minute}:00.000Z` });
	const listing = (qs: IDataObject) => ({ method: 'GET', path: '/manager/api/v1/calls', qs, idempotent: true });
	/** A Link header as the Manager API sends it; the node reads only its rel="next", never its URL. */
	const more = { link: '<https://elsewhere.example/manager/api/v1/calls?page=9>; rel="next"' };

	test('reads pages with the filters and the order as the Manager API takes them, and keeps what passes, up to Limit', async () => {
		const prepared = prepare(
			itemParameters({
				returnAll: false,
				limit: 2,
				filters: { createdAfter: '2030-01-01T00:02:00.400Z', statuses: ['failed', 'voicemailRead'] },
				options: { sortBy: 'updatedAt', sortOrder: 'oldestFirst' },
			}),
		);
		expect(prepared.key).toBeUndefined();
		const { output, requests } = await sendPrepared(prepared, ccaiService, [
			answer([call(1, 'failed', 1), call(2, 'finished', 3), call(3, 'failed', 4)], 200, more),
			answer([call(4, 'voicemail_read', 5), call(5, 'failed', 6)], 200, more),
		]);
		// The statuses are filtered here, so the pages are full ones: 100, whatever the Limit.
		const query = { sort_column: 'updated_at', sort_direction: 'ASC', 'created_at[from]': '2030-01-01T00:02:00Z', per: 100 };
		expect(requests).toEqual([listing({ ...query, page: 1 }), listing({ ...query, page: 2 })]);
		expect(output).toEqual([
			{ outcome: 'failed', ...call(3, 'failed', 4) },
			{ outcome: 'voicemail', ...call(4, 'voicemail_read', 5) },
		]);
	});

	test('Return All, newest first: without a Link header a full page means more, and a short one ends the list', async () => {
		const page = Array.from({ length: 100 }, (_, index) => call(200 - index, 'finished', 0));
		const { output, requests } = await sendPrepared(prepare(itemParameters({ returnAll: true })), ccaiService, [
			answer(page),
			answer([call(7, 'queued', 0)]),
		]);
		const query = { sort_column: 'created_at', sort_direction: 'DESC', per: 100 };
		expect(requests).toEqual([listing({ ...query, page: 1 }), listing({ ...query, page: 2 })]);
		expect((output as IDataObject[]).map((item) => [item.id, item.outcome])).toEqual([
			...page.map(({ id }) => [id, 'finished']),
			[7, 'inProgress'],
		]);
	});

	test('a Limit below a page, with nothing to filter here, asks for a page of Limit only', async () => {
		const { output, requests } = await sendPrepared(prepare(itemParameters({ limit: 2 })), ccaiService, [
			answer([call(3, 'finished', 3), call(2, 'finished', 2)], 200, more),
		]);
		expect(requests).toEqual([listing({ sort_column: 'created_at', sort_direction: 'DESC', page: 1, per: 2 })]);
		expect(output).toHaveLength(2);
	});

	test('an answer that is not a list of calls fails the item as an unexpected answer', async () => {
		const sending = prepare(itemParameters({ returnAll: true })).send(new RecordingApi(ccaiService, answer({ calls: [] })));
		await expect(sending).rejects.toThrow('CCAI Platform answered with something other than a list of calls (HTTP 200)');
	});

	test.each([
		['a Limit of 0', { limit: 0 }, '"Limit" must be a whole number above 0, not 0 (item 0)'],
		['Return All that is not true or false', { returnAll: 'all' }, '"Return All" must be true or false, not "all" (item 0)'],
		['a date that is not one', { filters: { createdAfter: 'next tuesday' } }, '"Created After" "next tuesday" is not an ISO 8601 date-time such as 2030-01-31T14:30:00Z (item 0)'],
		[
			'Created Before earlier than Created After',
			{ filters: { createdAfter: '2030-01-02T00:00:00Z', createdBefore: '2030-01-01T00:00:00Z' } },
			'"Created Before" (2030-01-01T00:00:00.000Z) is earlier than "Created After" (2030-01-02T00:00:00.000Z) (item 0)',
		],
		['a status that is not one', { filters: { statuses: ['finished', 'hung_up'] } }, '"Statuses" has "hung_up", which is not a CCAI Platform call status (item 0)'],
		['an unknown sort column', { options: { sortBy: 'duration' } }, '"Sort By" "duration" is not one of createdAt, updatedAt (item 0)'],
	])('%s is the named-field error of its item', (_case, values, message) => {
		expect(refusal(() => prepare(itemParameters(values)))).toEqual({ message, itemIndex: 0 });
	});
});

const SEEDS = [397, 398, 515];

/** Runs `change` once, right after CCAI Platform answered the first page of the list. */
function afterFirstPage(change: () => void) {
	const handle = ccai().handle.bind(ccai());
	let reads = 0;
	ccai().handle = (request) => {
		const answer = handle(request);
		if (request.path === '/manager/api/v1/calls' && ++reads === 1) change();
		return answer;
	};
}

describe('Return All on a list that changes while it is read', () => {
	test('newest first (the default): 3 calls created after page 1 shift the pages; no call comes out twice', async () => {
		const placed = addCalls(250);
		let late: number[] = [];
		afterFirstPage(() => {
			late = ccai().addCalls({ count: 3, from: T0 + 300 * 60_000, status: 'assigned' }).map((call) => call.id);
		});
		const ids = idsOf(await getCalls({ returnAll: true }));
		expect(duplicates(ids)).toEqual([]);
		// Every call that existed for the whole listing, newest first; the new ones may or may not be there.
		expect(ids.filter((id) => !late.includes(id))).toEqual([...placed].reverse().concat([515, 398, 397]));
	});

	test('by Updated At, oldest first: 2 calls of page 1 that change move to the end; none is missed, none comes out twice', async () => {
		const placed = addCalls(250);
		afterFirstPage(() => {
			for (const id of placed.slice(10, 12)) touch(ccai().findCall(String(id)) as never, { rating: 5 }, T0 + 400 * 60_000);
		});
		const ids = idsOf(await getCalls({ returnAll: true, options: { sortBy: 'updatedAt', sortOrder: 'oldestFirst' } }));
		expect(duplicates(ids)).toEqual([]);
		expect([...ids].sort((a, b) => a - b)).toEqual([...SEEDS, ...placed]);
		// Tailing, as Google advises for calls: each read starts at the last call's time.
		expect(listRequests().every((request) => request.query.page === '1')).toBe(true);
	});

	test('by Updated At, newest first: a call not read yet that changes moves to the top, and still comes out, once', async () => {
		const placed = addCalls(250);
		afterFirstPage(() => {
			for (const id of placed.slice(5, 7)) touch(ccai().findCall(String(id)) as never, { rating: 5 }, T0 + 400 * 60_000);
		});
		const ids = idsOf(await getCalls({ returnAll: true, options: { sortBy: 'updatedAt', sortOrder: 'newestFirst' } }));
		expect(duplicates(ids)).toEqual([]);
		expect([...ids].sort((a, b) => a - b)).toEqual([...SEEDS, ...placed]);
	});
});

describe('a listing that never ends', () => {
	/** A proxy that answers every page with `page(n)` and a Link rel="next" (until 400 pages, so that a run without a guard ends too). */
	function endless(page: () => IDataObject[]) {
		let reads = 0;
		ccai().handle = () => {
			reads++;
			const next = reads < 400 ? '<http://elsewhere.example/calls?page=999>; rel="next", ' : '';
			return { status: 200, body: page(), headers: { Link: `${next}<http://elsewhere.example/calls?page=1>; rel="last"` } };
		};
		return () => reads;
	}
	const at = new Date(T0).toISOString();
	const samePage = () => Array.from({ length: 100 }, (_, index) => ({ id: FIRST_CALL_ID + index, status: 'finished', created_at: at, updated_at: at }));

	test('the same page again and again: a clear error after 2 requests', async () => {
		const reads = endless(samePage);
		const result = await getCalls({ returnAll: true });
		expect(result.error('Get Calls')?.message).toMatch(/CCAI Platform answered the same page of calls twice/);
		expect(reads()).toBe(2);
	});
});

describe('Simplify, and the node versions', () => {
	const run = async (typeVersion: number) => {
		const workflow = withParameters(workflowFile('ccai-get-many-calls.json'), 'Get Calls', { returnAll: true });
		workflow.nodes.find((node) => node.name === 'Get Calls')!.typeVersion = typeVersion;
		return await runWorkflow(workflow, { credentials: ccaiCredentials(sandbox.current) });
	};

	test('a node saved at version 1 keeps whole calls; a new one (1.1) lists simplified calls, recording_url included', async () => {
		const [recorded] = addCalls(1);
		ccai().findCall(String(recorded))!.call.recording_url = 'https://storage.example.com/acme-ccai-recordings/calls/x.mp3';
		const whole = await run(1);
		const sent = listRequests()[0].response as IDataObject[];
		expect(whole.output('Get Calls').map((item) => item.json)).toEqual(sent.map((call) => ({ outcome: expect.any(String), ...call })));

		const simplified = (await run(1.1)).output('Get Calls').map((item) => item.json);
		expect(simplified.map((call) => call.id)).toEqual(sent.map((call) => call.id));
		for (const call of simplified) {
			expect(Object.keys(call)).toEqual(['outcome', 'id', 'status', 'fail_reason', 'call_type', 'created_at', 'ends_at', 'call_duration', 'wait_duration', 'agent_name', 'queue_name', 'recording_url']);
		}
		expect(simplified.find((call) => call.id === recorded)).toMatchObject({ outcome: 'finished', recording_url: 'https://storage.example.com/acme-ccai-recordings/calls/x.mp3' });
		expect(simplified.find((call) => call.id === 515)).toMatchObject({ outcome: 'finished', queue_name: 'App support', agent_name: null });
	});
});
