/**
 * The CCAI Platform Trigger's memory (triggerNode/state.ts), without n8n or a network: what it
 * keeps between polls, what it forgets, and that a forgotten call is still not emitted twice.
 */
import {
	MAX_REMEMBERED,
	MEMORY_MS,
	OVERLAP_MS,
	PollTracker,
	readFrom,
	readState,
	startState,
	storedState,
} from '../../../nodes/CcaiPlatform/triggerNode/state';

const T = Date.parse('2030-01-01T00:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();
const finishedCall = (id: number, at: number) => ({ id, status: 'finished', created_at: iso(at - 60_000), updated_at: iso(at), ends_at: iso(at) });
const watchFinished = { event: 'statusReached' as const, statuses: ['finished'] };

test('a stored state reads back as it was; anything else, or a state of another event, starts afresh', () => {
	const tracker = new PollTracker(startState('statusReached', T), watchFinished);
	tracker.consider(finishedCall(1, T + 1000));
	const state = tracker.finish();
	const stored = JSON.parse(JSON.stringify(storedState(state)));
	expect(readState(stored, 'statusReached')).toEqual(state);
	expect(readState(stored, 'callCreated')).toBeUndefined();
	for (const garbage of [undefined, null, 'x', [], { version: 2 }, { ...stored, cursor: 'soon' }]) {
		expect(readState(garbage, 'statusReached')).toBeUndefined();
	}
	// Unreadable entries are dropped, the rest kept.
	expect(readState({ ...stored, emitted: { 1: ['finished', T], 2: 'bad' } }, 'statusReached')?.emitted).toEqual({ 1: ['finished', T] });
});

test('each read starts a minute before the cursor, never before watching began', () => {
	expect(readFrom({ ...startState('callCreated', T), cursor: T + 10 * 60_000 })).toBe(T + 10 * 60_000 - OVERLAP_MS);
	expect(readFrom({ ...startState('callCreated', T), cursor: T + 1000 })).toBe(T);
});

test('Call Created forgets a call once it can no longer be read again', () => {
	const tracker = new PollTracker(startState('callCreated', T), { event: 'callCreated', statuses: [] });
	tracker.consider({ id: 1, created_at: iso(T + 1000) });
	tracker.consider({ id: 2, created_at: iso(T + 5 * 60_000) });
	expect(Object.keys(tracker.finish().emitted)).toEqual(['2']);
});

test('Call Reached a Status forgets calls unseen for a day, and then does not emit them again', () => {
	const tracker = new PollTracker(startState('statusReached', T), watchFinished);
	tracker.consider(finishedCall(1, T + 1000));
	tracker.consider(finishedCall(2, T + MEMORY_MS));
	tracker.consider(finishedCall(3, T + MEMORY_MS + 5000));
	const state = tracker.finish();
	expect(Object.keys(state.emitted)).toEqual(['2', '3']);
	expect(state.forgottenBefore).toBe(T + 1000);

	// Call 1 changes again (a late rating): it finished before the forgotten time, so it is not
	// emitted again. A call that finished later is.
	const next = new PollTracker(state, watchFinished);
	expect(next.consider({ ...finishedCall(1, T + 1000), updated_at: iso(T + MEMORY_MS + 9000) })).toBe(false);
	expect(next.consider(finishedCall(4, T + MEMORY_MS + 9000))).toBe(true);
});

test(`at most ${MAX_REMEMBERED} calls are remembered; the longest unseen go first, and stay recognised by their time`, () => {
	const tracker = new PollTracker(startState('statusReached', T), watchFinished);
	for (let id = 1; id <= MAX_REMEMBERED + 5; id++) tracker.consider(finishedCall(id, T + id * 1000));
	const state = tracker.finish();
	expect(Object.keys(state.emitted)).toHaveLength(MAX_REMEMBERED);
	expect(state.emitted['5']).toBeUndefined();
	expect(state.emitted['6']).toBeDefined();
	expect(state.forgottenBefore).toBe(T + 5000);
	expect(new PollTracker(state, watchFinished).consider({ ...finishedCall(5, T + 5000), updated_at: iso(T + 20_000_000) })).toBe(false);
});

test('a call without an ID or a readable time is never emitted: it could not be emitted exactly once', () => {
	const tracker = new PollTracker(startState('statusReached', T), watchFinished);
	expect(tracker.consider({ status: 'finished', updated_at: iso(T + 1000) })).toBe(false);
	expect(tracker.consider({ id: 7, status: 'finished', updated_at: 'yesterday' })).toBe(false);
	expect(tracker.consider({ id: 7, status: 'Finished', updated_at: iso(T + 1000) })).toBe(true);
});
