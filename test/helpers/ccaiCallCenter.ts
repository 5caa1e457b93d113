/**
 * A simulated CCAI Platform call center for the trigger's rules (triggerNode/state.ts), without a
 * server: calls are created, move through their statuses and change later, each change moving
 * `updated_at`; a poll every minute reads what the Manager API would list (`updated_at[from]` the
 * trigger's read start, oldest first) and hands it to the rules; the state goes through JSON between
 * polls, as n8n stores it. Counts what was emitted against what happened. Deterministic (seeded).
 */
import type { IDataObject } from 'n8n-workflow';

import { PollTracker, readFrom, readState, startState, storedState, type PollState } from '../../nodes/CcaiPlatform/triggerNode/state';

export interface CallCenterOptions {
	days: number;
	callsPerMinute: number;
	/** The statuses the trigger watches, as the API spells them. */
	statuses: string[];
	seed?: number;
}

export interface CallCenterResult {
	polls: number;
	/** Status events (a call reached a watched status) that happened and were visible before the last poll. */
	events: number;
	/** `id:status` emitted more than once. */
	repeated: string[];
	/** `id:status` that happened (and could be read) but were never emitted. */
	missed: string[];
	/** The largest static data, as JSON, over the run. */
	maxStoredBytes: number;
}

interface Change {
	/** When it happened: its time in the call (`updated_at`, and the status's own time). */
	at: number;
	/** When the Manager API's list shows it (replication lag). */
	visibleAt: number;
	id: number;
	fields: IDataObject;
}

const START = Date.parse('2030-01-01T00:00:00Z');
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const iso = (ms: number) => new Date(ms).toISOString();

export function simulateCallCenter({ days, callsPerMinute, statuses, seed = 16 }: CallCenterOptions): CallCenterResult {
	let randomState = seed;
	/** mulberry32 */
	const random = () => {
		randomState = (randomState + 0x6d2b79f5) | 0;
		let t = Math.imul(randomState ^ (randomState >>> 15), 1 | randomState);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const between = (low: number, high: number) => low + Math.floor(random() * (high - low));

	const queue = new ChangeQueue();
	/** What happened: `id:status` → when it became visible. */
	const happened = new Map<string, number>();
	const watched = new Set(statuses);
	let nextId = 1;

	/** The life of one call created at `at`, as a list of changes, each visible no earlier than the one before. */
	const createCall = (at: number) => {
		const id = nextId++;
		const steps: Array<[number, IDataObject]> = [[at, { status: 'queued', created_at: iso(at), queued_at: iso(at) }]];
		const roll = random();
		if (roll < 0.9) {
			const connected = at + between(5, 60) * SECOND;
			const ended = connected + between(60, 480) * SECOND;
			steps.push([connected, { status: 'connected', connected_at: iso(connected) }]);
			steps.push([ended, { status: 'finished', ends_at: iso(ended) }]);
			steps.push([ended + between(30, 180) * SECOND, { recording_url: `https://recordings.example/${id}.mp3` }]);
			if (random() < 0.2) steps.push([ended + between(1, 24) * HOUR, { rating: 5 }]);
		} else if (roll < 0.97) {
			const ended = at + between(10, 60) * SECOND;
			steps.push([ended, { status: 'failed', ends_at: iso(ended), fail_reason: 'eu_abandoned' }]);
		} else {
			const left = at + between(30, 90) * SECOND;
			steps.push([left, { status: 'voicemail_received' }]);
			steps.push([left + between(10, 60) * SECOND, { recording_url: `https://recordings.example/${id}.mp3` }]);
			steps.push([left + between(1, 48) * HOUR, { status: 'voicemail_read' }]);
		}
		let visible = 0;
		for (const [stepAt, fields] of steps) {
			// Most changes show at once; some up to 20 s later, never before the call's previous one.
			visible = Math.max(visible, stepAt + (random() < 0.8 ? 0 : between(1, 20) * SECOND));
			queue.push({ at: stepAt, visibleAt: visible, id, fields });
		}
	};

	const calls = new Map<number, IDataObject>();
	/** Each call's `updated_at`, in milliseconds. */
	const updated = new Map<number, number>();
	/** Calls changed since they were last below every read start. */
	let recent = new Set<number>();
	const apply = (change: Change) => {
		const call = calls.get(change.id) ?? { id: change.id };
		Object.assign(call, change.fields, { updated_at: iso(change.at) });
		calls.set(change.id, call);
		updated.set(change.id, change.at);
		recent.add(change.id);
		const status = change.fields.status;
		if (typeof status === 'string' && watched.has(status)) happened.set(`${change.id}:${status}`, change.visibleAt);
	};

	const emittedCount = new Map<string, number>();
	let stored: IDataObject = storedState(startState('statusReached', START));
	let maxStoredBytes = 0;
	const minutes = days * 24 * 60;
	let created = 0;
	let lastPoll = START;
	for (let minute = 0; minute < minutes; minute++) {
		const minuteStart = START + minute * MINUTE;
		for (let index = 0; index < callsPerMinute; index++) createCall(minuteStart + SECOND + Math.floor((index * (MINUTE - SECOND)) / callsPerMinute));
		created += callsPerMinute;
		// The poll, half-way through the minute.
		const pollAt = minuteStart + 30 * SECOND;
		lastPoll = pollAt;
		for (let change = queue.peek(); change && change.visibleAt <= pollAt; change = queue.peek()) apply(queue.pop());

		const state = readState(stored, 'statusReached') as PollState;
		const from = Math.floor(readFrom(state) / SECOND) * SECOND;
		const listed = [...recent].filter((id) => (updated.get(id) as number) >= from);
		recent = new Set(listed);
		listed.sort((a, b) => (updated.get(a) as number) - (updated.get(b) as number) || a - b);

		const tracker = new PollTracker(state, { event: 'statusReached', statuses });
		for (const id of listed) tracker.consider(calls.get(id) as IDataObject, pollAt);
		for (const call of tracker.found) {
			const key = `${String(call.id)}:${String(call.status)}`;
			emittedCount.set(key, (emittedCount.get(key) ?? 0) + 1);
		}
		const text = JSON.stringify(storedState(tracker.finish()));
		maxStoredBytes = Math.max(maxStoredBytes, text.length);
		stored = JSON.parse(text) as IDataObject;
	}
	expectCreated(created, nextId - 1);

	const repeated = [...emittedCount].filter(([, count]) => count > 1).map(([key]) => key);
	// An event visible only in the last two minutes may not have been read yet.
	const missed = [...happened].filter(([key, visibleAt]) => visibleAt < lastPoll - 2 * MINUTE && !emittedCount.has(key)).map(([key]) => key);
	const events = [...happened.values()].filter((visibleAt) => visibleAt < lastPoll - 2 * MINUTE).length;
	return { polls: minutes, events, repeated, missed, maxStoredBytes };
}

function expectCreated(created: number, ids: number): void {
	if (created !== ids) throw new Error(`the simulation created ${ids} calls, not ${created}`);
}

/** A binary heap of changes by the time they become visible (then by their own time, then by call). */
class ChangeQueue {
	private readonly heap: Change[] = [];

	private static before(a: Change, b: Change): boolean {
		return a.visibleAt < b.visibleAt || (a.visibleAt === b.visibleAt && (a.at < b.at || (a.at === b.at && a.id < b.id)));
	}

	push(change: Change): void {
		const { heap } = this;
		heap.push(change);
		for (let index = heap.length - 1; index > 0; ) {
			const parent = (index - 1) >> 1;
			if (!ChangeQueue.before(heap[index], heap[parent])) break;
			[heap[index], heap[parent]] = [heap[parent], heap[index]];
			index = parent;
		}
	}

	peek(): Change | undefined {
		return this.heap[0];
	}

	pop(): Change {
		const { heap } = this;
		const top = heap[0];
		const last = heap.pop() as Change;
		if (heap.length > 0) {
			heap[0] = last;
			for (let index = 0; ; ) {
				const left = index * 2 + 1;
				const right = left + 1;
				let smallest = index;
				if (left < heap.length && ChangeQueue.before(heap[left], heap[smallest])) smallest = left;
				if (right < heap.length && ChangeQueue.before(heap[right], heap[smallest])) smallest = right;
				if (smallest === index) break;
				[heap[index], heap[smallest]] = [heap[smallest], heap[index]];
				index = smallest;
			}
		}
		return top;
	}
}
