/**
 * The CCAI Platform Trigger's memory (triggerNode/state.ts), without n8n or a network: what it
 * keeps between polls, what it forgets, and that a forgotten call is still not emitted twice.
 */
import {
	GRACE_MS,
	MAX_HELD,
	MAX_RECENT,
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
const voicemailCall = (id: number, at: number) => ({ id, status: 'voicemail_received', created_at: iso(at - 60_000), updated_at: iso(at) });
const watchFinished = { event: 'statusReached' as const, statuses: ['finished', 'voicemail_received'] };

test('a stored state reads back as it was; anything else, or a state of another event, starts afresh', () => {
	const tracker = new PollTracker(startState('statusReached', T), watchFinished);
	tracker.consider(finishedCall(1, T + 1000));
	tracker.consider(voicemailCall(2, T + 2000));
	const state = tracker.finish();
	const stored = JSON.parse(JSON.stringify(storedState(state)));
	expect(stored.held).toEqual({ voicemail_received: [2] });
	expect(readState(stored, 'statusReached')).toEqual(state);
	expect(readState(stored, 'callCreated')).toBeUndefined();
	for (const garbage of [undefined, null, 'x', [], { version: 3 }, { ...stored, cursor: 'soon' }, { ...stored, handledBefore: null }]) {
		expect(readState(garbage, 'statusReached')).toBeUndefined();
	}
	// Unreadable entries are dropped, the rest kept.
	expect(stored.recent).toEqual({ finished: { 1: T + 1000 } });
	expect(readState({ ...stored, recent: { finished: { 1: T, 2: 'bad' }, failed: 'bad' } }, 'statusReached')?.recent).toEqual({ 1: ['finished', T] });
});

test('a state stored by the first version is read: its calls are held by ID, and not emitted again', () => {
	const first = { version: 1, event: 'statusReached', since: T, cursor: T + 3_600_000, forgottenBefore: 0, emitted: { 7: ['voicemail_received', T + 1000], 8: ['finished', T + 2000] } };
	const state = readState(first, 'statusReached');
	expect(state?.held).toEqual(new Map([['7', 'voicemail_received'], ['8', 'finished']]));
	expect(state?.handledBefore).toBe(T + 3_600_000 - OVERLAP_MS - GRACE_MS);
	const tracker = new PollTracker(state ?? startState('statusReached', T), watchFinished);
	expect(tracker.consider({ ...voicemailCall(7, T + 1000), updated_at: iso(T + 3_600_000) })).toBe(false);
	expect(tracker.consider({ ...finishedCall(8, T + 2000), updated_at: iso(T + 3_600_000) })).toBe(false);
});

test('each read starts a minute before the cursor, never before watching began', () => {
	expect(readFrom({ ...startState('callCreated', T), cursor: T + 10 * 60_000 })).toBe(T + 10 * 60_000 - OVERLAP_MS);
	expect(readFrom({ ...startState('callCreated', T), cursor: T + 1000 })).toBe(T);
});

test('Call Created forgets a call once it can no longer be read again', () => {
	const tracker = new PollTracker(startState('callCreated', T), { event: 'callCreated', statuses: [] });
	tracker.consider({ id: 1, created_at: iso(T + 1000) });
	tracker.consider({ id: 2, created_at: iso(T + 5 * 60_000) });
	const state = tracker.finish();
	expect(Object.keys(state.recent)).toEqual(['2']);
	expect(state.handledBefore).toBe(T + 4 * 60_000);
});

test('Call Reached a Status remembers an event until the line passes its own time, and then recognises it by that time', () => {
	const tracker = new PollTracker(startState('statusReached', T), watchFinished);
	tracker.consider(finishedCall(1, T + 1000));
	tracker.consider(finishedCall(2, T + 10 * 60_000));
	const state = tracker.finish();
	expect(state.handledBefore).toBe(T + 10 * 60_000 - OVERLAP_MS - GRACE_MS);
	expect(Object.keys(state.recent)).toEqual(['2']);

	// Call 1 changes again a day later (a late rating): it finished before the line, so it is not
	// emitted again. A call that finished after the line is.
	const next = new PollTracker(state, watchFinished);
	expect(next.consider({ ...finishedCall(1, T + 1000), updated_at: iso(T + 86_400_000) })).toBe(false);
	expect(next.consider({ ...finishedCall(2, T + 10 * 60_000), updated_at: iso(T + 86_400_000) })).toBe(false);
	expect(next.consider(finishedCall(3, T + 10 * 60_000 + 5000))).toBe(true);
});

test(`more than ${MAX_RECENT} events after the line: the line moves up past the oldest, none of them is emitted again`, () => {
	const tracker = new PollTracker(startState('statusReached', T), watchFinished);
	for (let id = 1; id <= MAX_RECENT + 5; id++) tracker.consider(finishedCall(id, T + id * 10));
	const state = tracker.finish();
	expect(Object.keys(state.recent)).toHaveLength(MAX_RECENT);
	expect(state.handledBefore).toBe(T + 60);
	const again = new PollTracker(state, watchFinished);
	for (let id = 1; id <= MAX_RECENT + 5; id++) expect(again.consider({ ...finishedCall(id, T + id * 10), rating: 5 })).toBe(false);
});

test(`a status without a time of its own: the call is held by ID while it stays in it, at most ${MAX_HELD} calls`, () => {
	let state = startState('statusReached', T);
	let tracker = new PollTracker(state, watchFinished);
	for (let id = 1; id <= MAX_HELD + 3; id++) tracker.consider(voicemailCall(id, T + id));
	state = tracker.finish();
	expect(state.held.size).toBe(MAX_HELD);
	expect(state.held.has('3')).toBe(false);
	expect(state.held.has('4')).toBe(true);
	tracker = new PollTracker(state, watchFinished);
	expect(tracker.consider({ ...voicemailCall(4, T + 4), recording_url: 'x', updated_at: iso(T + 3_600_000) })).toBe(false);
	// Read: it left the status, and is forgotten; a call forgotten by count starts the workflow again.
	expect(tracker.consider({ ...voicemailCall(5, T + 5), status: 'voicemail_read', updated_at: iso(T + 3_600_000) })).toBe(false);
	expect(tracker.finish().held.has('5')).toBe(false);
	expect(new PollTracker(state, watchFinished).consider({ ...voicemailCall(1, T + 1), updated_at: iso(T + 3_600_000) })).toBe(true);
});

test(`the static data stays under 250 KiB, however many calls: ${MAX_RECENT} events by time and ${MAX_HELD} calls by ID, with 10-digit IDs`, () => {
	const tracker = new PollTracker(startState('statusReached', T), watchFinished);
	const id = (index: number) => 9_000_000_000 + index;
	for (let index = 0; index < MAX_HELD; index++) tracker.consider(voicemailCall(id(index), T + 1000));
	for (let index = 0; index < MAX_RECENT * 2; index++) tracker.consider(finishedCall(id(MAX_HELD + index), T + 2000 + index));
	const state = tracker.finish();
	expect(Object.keys(state.recent)).toHaveLength(MAX_RECENT);
	expect(state.held.size).toBe(MAX_HELD);
	expect(JSON.stringify(storedState(state)).length).toBeLessThan(250 * 1024);
});

test('a call without an ID or a readable time is never emitted: it could not be emitted exactly once', () => {
	const tracker = new PollTracker(startState('statusReached', T), watchFinished);
	expect(tracker.consider({ status: 'finished', updated_at: iso(T + 1000) })).toBe(false);
	expect(tracker.consider({ id: 7, status: 'finished', updated_at: 'yesterday' })).toBe(false);
	expect(tracker.consider({ id: 7, status: 'Finished', updated_at: iso(T + 1000) })).toBe(true);
});

test('a timestamp ahead of both clocks: emitted once with a warning; the cursor stays on trusted times', () => {
	const tracker = new PollTracker(startState('statusReached', T), watchFinished);
	const clocks = T + 60_000;
	expect(tracker.consider(finishedCall(1, T + 30_000), clocks)).toBe(true);
	expect(tracker.consider(finishedCall(2, Date.parse('2099-01-01T00:00:00Z')), clocks)).toBe(true);
	expect(tracker.found[0].timestampWarning).toBeUndefined();
	expect(tracker.found[1].timestampWarning).toMatch(/^updated_at 2099-01-01T00:00:00.000Z is ahead of CCAI Platform's clock/);
	const state = tracker.finish();
	expect(state.cursor).toBe(T + 30_000);
	expect(new PollTracker(state, watchFinished).consider(finishedCall(2, Date.parse('2099-01-01T00:00:00Z')), clocks + 60_000)).toBe(false);
});

test('a status time that cannot be right (after updated_at) is not relied on: the call is held by ID, with a warning', () => {
	const tracker = new PollTracker(startState('statusReached', T), watchFinished);
	expect(tracker.consider({ ...finishedCall(1, T + 1000), ends_at: iso(T + 86_400_000) }, T + 60_000)).toBe(true);
	expect(tracker.found[0].timestampWarning).toMatch(/^ends_at .* is not between the call's created_at and updated_at/);
	expect(tracker.finish().held.get('1')).toBe('finished');
});
