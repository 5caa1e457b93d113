import type { IDataObject } from 'n8n-workflow';

import { timeOf } from '../helpers/dateTime';
import { callStatus, statusValue } from '../helpers/statuses';

/**
 * What the CCAI Platform Trigger remembers between polls (in the workflow's static data), and the
 * rules that decide which calls a poll emits. Pure: no requests, no clock.
 *
 * A poll reads the calls changed (or created) since its cursor, oldest first. Each call is
 * emitted at most once per event:
 * - Call Created: once per call ID. The cursor follows `created_at`, which never changes.
 * - Call Reached a Status: once per call and status reached. The cursor follows `updated_at`,
 *   which CCAI Platform moves on every change of a call, also after it reached its status (a
 *   recording, a rating), so the same finished call comes back; it is recognised by the status it
 *   was emitted for, and not emitted again. A call that leaves that status is forgotten, so that
 *   reaching it again counts again.
 * Every read goes back OVERLAP_MS before the cursor, so that a change that becomes visible late,
 * or several calls changed within the same second, are not missed; what was already emitted in
 * that window is remembered.
 */

export type TriggerEvent = 'callCreated' | 'statusReached';

/** How far before its cursor each poll reads again. */
export const OVERLAP_MS = 60_000;
/** How long a call emitted for a status is remembered after it was last seen (Call Reached a Status). */
export const MEMORY_MS = 24 * 60 * 60_000;
/** The most calls remembered; beyond it, the longest unseen are forgotten first. */
export const MAX_REMEMBERED = 10_000;

export interface PollState {
	version: 1;
	event: TriggerEvent;
	/** When watching began (the service's clock): nothing that happened before is emitted. */
	since: number;
	/** The newest `created_at` (Call Created) or `updated_at` processed. */
	cursor: number;
	/**
	 * Calls forgotten (after MEMORY_MS, or beyond MAX_REMEMBERED) had reached their status at or
	 * before this time: a call that comes back having reached its status by then is not emitted.
	 */
	forgottenBefore: number;
	/** A second whose calls had to be paged by number, read once more already (see `finish`). */
	recheck?: number;
	/** Call ID → [the status it was emitted for, or "created"; its last `updated_at` or `created_at` seen]. */
	emitted: Record<string, [string, number]>;
}

export interface WatchSettings {
	event: TriggerEvent;
	/** The statuses watched by Call Reached a Status, as the API spells them. */
	statuses: string[];
}

/** The field the cursor follows, and the list is read and sorted by. */
export function cursorColumn(event: TriggerEvent): 'created_at' | 'updated_at' {
	return event === 'callCreated' ? 'created_at' : 'updated_at';
}

export function startState(event: TriggerEvent, since: number): PollState {
	return { version: 1, event, since, cursor: since, forgottenBefore: 0, emitted: {} };
}

/**
 * The stored state, when it is one for `event`; undefined otherwise (never stored, another event,
 * or unreadable), and the trigger then starts watching afresh.
 */
export function readState(raw: unknown, event: TriggerEvent): PollState | undefined {
	if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
	const state = raw as Partial<PollState>;
	const numbers = [state.since, state.cursor, state.forgottenBefore].every((value) => typeof value === 'number' && Number.isFinite(value));
	if (state.version !== 1 || state.event !== event || !numbers) return undefined;
	const emitted: Record<string, [string, number]> = {};
	if (state.emitted && typeof state.emitted === 'object') {
		for (const [id, entry] of Object.entries(state.emitted)) {
			if (Array.isArray(entry) && typeof entry[0] === 'string' && typeof entry[1] === 'number') emitted[id] = [entry[0], entry[1]];
		}
	}
	return {
		version: 1,
		event,
		since: state.since as number,
		cursor: state.cursor as number,
		forgottenBefore: state.forgottenBefore as number,
		...(typeof state.recheck === 'number' ? { recheck: state.recheck } : {}),
		emitted,
	};
}

/** The state as the workflow's static data holds it (plain JSON). */
export function storedState(state: PollState): IDataObject {
	const stored: IDataObject = {
		version: state.version,
		event: state.event,
		since: state.since,
		cursor: state.cursor,
		forgottenBefore: state.forgottenBefore,
		emitted: state.emitted,
	};
	if (state.recheck !== undefined) stored.recheck = state.recheck;
	return stored;
}

/** Where the next read starts: OVERLAP_MS before the cursor, never before `since`. */
export function readFrom(state: PollState): number {
	return Math.max(state.since, state.cursor - OVERLAP_MS);
}

const second = (ms: number) => Math.floor(ms / 1000) * 1000;

/**
 * One poll's decisions: `consider` each call read, in order; `finish` gives the calls to emit and
 * the state to store.
 */
export class PollTracker {
	private readonly emitted: Record<string, [string, number]>;

	private readonly watched: Set<string>;

	private readonly column: 'created_at' | 'updated_at';

	private newest: number;

	readonly found: IDataObject[] = [];

	constructor(
		private readonly state: PollState,
		settings: WatchSettings,
	) {
		this.emitted = Object.fromEntries(
			Object.entries(state.emitted).map(([key, [status, time]]): [string, [string, number]] => [key, [status, time]]),
		);
		this.watched = new Set(settings.statuses);
		this.column = cursorColumn(state.event);
		this.newest = state.cursor;
	}

	/** Whether `call` is emitted by this poll (it is then in `found`). */
	consider(call: IDataObject): boolean {
		const time = timeOf(call[this.column]);
		const id = call.id;
		// A call that cannot be placed in time, or told apart, cannot be emitted exactly once.
		if (time === undefined || (typeof id !== 'number' && typeof id !== 'string') || String(id) === '') return false;
		this.newest = Math.max(this.newest, time);
		const key = String(id);
		const known = this.emitted[key];
		if (this.state.event === 'callCreated') {
			if (known || time < this.state.since) return false;
			this.emitted[key] = ['created', time];
			this.found.push(call);
			return true;
		}
		const status = statusValue(call.status);
		if (!this.watched.has(status)) {
			// Left the status it was emitted for: reaching it again counts again.
			if (known && known[0] !== status) delete this.emitted[key];
			return false;
		}
		if (known && known[0] === status) {
			known[1] = Math.max(known[1], time);
			return false;
		}
		if (time < this.state.since) return false;
		const field = callStatus(status)?.reachedAt;
		const reached = field ? timeOf(call[field]) : undefined;
		if (reached !== undefined && (reached < this.state.since || reached <= this.state.forgottenBefore)) return false;
		this.emitted[key] = [status, time];
		this.found.push(call);
		return true;
	}

	/**
	 * The state after this poll. `pagedWithin`: a second whose calls did not fit on one page, so
	 * that they were read by page number, where a call that changes meanwhile shifts the others and
	 * one can be skipped. The first time that happens for a second, the cursor stays so that the
	 * next poll reads that second again.
	 */
	finish(pagedWithin?: number): PollState {
		let cursor = this.newest;
		let recheck = this.state.recheck;
		if (pagedWithin !== undefined && recheck !== second(pagedWithin)) {
			recheck = second(pagedWithin);
			cursor = Math.min(cursor, recheck + OVERLAP_MS);
		}
		let forgottenBefore = this.state.forgottenBefore;
		const emitted = this.emitted;
		const forget = (key: string) => {
			if (this.state.event === 'statusReached') forgottenBefore = Math.max(forgottenBefore, emitted[key][1]);
			delete emitted[key];
		};
		// Call Created: nothing older than the next read can come back. Call Reached a Status:
		// a call can come back whenever it changes, so it is kept for MEMORY_MS after it was last seen.
		const keepFrom =
			this.state.event === 'callCreated'
				? second(Math.max(this.state.since, cursor - OVERLAP_MS))
				: cursor - MEMORY_MS;
		for (const key of Object.keys(emitted)) if (emitted[key][1] < keepFrom) forget(key);
		const keys = Object.keys(emitted);
		if (keys.length > MAX_REMEMBERED) {
			keys.sort((a, b) => emitted[a][1] - emitted[b][1]);
			for (const key of keys.slice(0, keys.length - MAX_REMEMBERED)) forget(key);
		}
		return {
			version: 1,
			event: this.state.event,
			since: this.state.since,
			cursor,
			forgottenBefore,
			...(recheck !== undefined ? { recheck } : {}),
			emitted,
		};
	}
}
