/**
 * The CCAI Platform Trigger's memory (issue 16, finding 3): a call is emitted at most once per event
 * (created, or reached a status) for as long as the workflow stays active, with the static data
 * kept small. The rules alone (triggerNode/state.ts, no server, no n8n), fed what polls read, the
 * state stored as JSON between polls as n8n stores it; and one run as n8n runs the trigger.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	PollTracker,
	readFrom,
	readState,
	startState,
	storedState,
	type PollState,
	type TriggerEvent,
} from '../../../nodes/CcaiPlatform/triggerNode/state';
import { ids, triggerKit } from '../../helpers/ccaiTrigger';
import { useSandbox } from '../../helpers/sandbox';
import { simulateCallCenter } from '../../helpers/ccaiCallCenter';

const T = Date.parse('2030-01-01T00:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();
const MINUTE = 60_000;

/** One poll: the calls read, in order; what it emitted, and the state as n8n stores it (JSON). */
function poll(raw: unknown, event: TriggerEvent, statuses: string[], calls: IDataObject[]) {
	const state = readState(raw, event) as PollState;
	const tracker = new PollTracker(state, { event, statuses });
	for (const call of calls) tracker.consider(call);
	return { emitted: tracker.found.length, stored: JSON.parse(JSON.stringify(storedState(tracker.finish()))) as IDataObject };
}

const created = (id: number, at: number): IDataObject => ({ id, status: 'queued', created_at: iso(at), updated_at: iso(at), queued_at: iso(at) });
const finished = (id: number, at: number): IDataObject => ({ ...created(id, at - MINUTE), status: 'finished', updated_at: iso(at), ends_at: iso(at) });
const voicemail = (id: number, at: number): IDataObject => ({ ...created(id, at - MINUTE), status: 'voicemail_received', updated_at: iso(at) });

test('Call Created: more than 10 000 calls inside the minute every poll reads again are not emitted again', () => {
	const burst = Array.from({ length: 10_050 }, (_, index) => created(index + 1, T + 1000 + index * 2));
	let stored = storedState(startState('callCreated', T));
	const first = poll(stored, 'callCreated', [], burst);
	expect(first.emitted).toBe(10_050);
	stored = first.stored;
	// The next poll reads the same minute again (the overlap), and 10 calls created since.
	const next = burst.concat(Array.from({ length: 10 }, (_, index) => created(20_000 + index, T + 40_000 + index)));
	expect(readFrom(readState(stored, 'callCreated') as PollState)).toBeLessThanOrEqual(T + 1000);
	expect(poll(stored, 'callCreated', [], next).emitted).toBe(10);
});

test('Call Reached a Status: 500 Voicemail Received calls are not emitted again when they change after 10 000 others finished', () => {
	const watched = ['finished', 'voicemail_received'];
	let stored = storedState(startState('statusReached', T));
	let at = T + 1000;
	const voicemails = Array.from({ length: 500 }, (_, index) => voicemail(index + 1, at + index));
	let result = poll(stored, 'statusReached', watched, voicemails);
	expect(result.emitted).toBe(500);
	stored = result.stored;
	// 10 000 calls finish over the next 100 minutes, 100 a minute.
	let id = 1000;
	for (let minute = 1; minute <= 100; minute++) {
		at = T + minute * MINUTE;
		const calls = Array.from({ length: 100 }, (_, index) => finished(id++, at + index * 100));
		result = poll(stored, 'statusReached', watched, calls);
		expect(result.emitted).toBe(100);
		stored = result.stored;
	}
	// Then each voicemail gets its recording: a change, not a new status.
	const recorded = voicemails.map((call, index) => ({ ...call, recording_url: 'https://recordings.example/x.mp3', updated_at: iso(at + MINUTE + index) }));
	expect(poll(stored, 'statusReached', watched, recorded).emitted).toBe(0);
});

test('a simulated call center, 100 calls a minute, a poll every minute for 3 hours: every status reached is emitted exactly once; the static data stays small', () => {
	// Each call is created, connected, and finished (or failed, or leaves a voicemail); a recording
	// is added minutes later, a rating hours later, a voicemail is read hours later; changes become
	// visible in the list up to 20 s after their time. The 7 days of the issue: npm run bench.
	const result = simulateCallCenter({ days: 1 / 8, callsPerMinute: 100, statuses: ['finished', 'failed', 'voicemail_received'] });
	expect(result.polls).toBe(180);
	expect(result.events).toBeGreaterThan(170 * 95);
	expect(result.repeated).toEqual([]);
	expect(result.missed).toEqual([]);
	expect(result.maxStoredBytes).toBeLessThan(64 * 1024);
});

describe('as n8n runs the trigger', () => {
	const sandbox = useSandbox();
	const { ccai, record, trigger } = triggerKit(sandbox);

	test('Hours Back: a Voicemail Received call emitted at activation is not emitted again when only its recording_url is added', async () => {
		const now = ccai().now();
		const [left] = ccai().addCalls({ count: 1, from: now - 30 * 3_600_000, status: 'voicemail_received' });
		const [done] = ccai().addCalls({ count: 1, from: now - 60_000, status: 'finished' });
		const harness = trigger({ statuses: ['finished', 'voicemailReceived'], startFrom: 'lookBack', lookBackHours: 48 });
		expect(ids(await harness.activate())).toEqual([left.id, done.id]);
		record(left.id);
		expect((await harness.poll()).items).toBeNull();
		record(done.id);
		expect((await harness.poll()).items).toBeNull();
	});
});
