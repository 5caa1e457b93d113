import type { IDataObject } from 'n8n-workflow';

import { isPlainObject } from '../../shared/validation';
import { timeOf } from '../helpers/dateTime';
import { callStatus, statusValue } from '../helpers/statuses';

/**
 * What the CCAI Platform Trigger remembers between polls (in the workflow's static data), and the
 * rules that decide which calls a poll emits. Pure: no requests; the clocks come in as arguments.
 *
 * A poll reads the calls changed (or created) since its cursor, oldest first, and emits each call
 * at most once per event:
 * - Call Created: once per call ID. The list is read by `created_at`, which never changes.
 * - Call Reached a Status: once per call and status reached. The list is read by `updated_at`,
 *   which CCAI Platform moves on every change of a call, also after it reached its status (a
 *   recording, a rating), so a call comes back whenever it changes.
 *
 * Every read starts OVERLAP_MS before the cursor, so that a change that becomes visible late, or
 * calls changed within the same second, are not missed; what was emitted in that window is
 * remembered.
 *
 * Each event is placed in time by its own timestamp: `created_at`, or the status's own time
 * (`ends_at` for Finished, `connected_at` for Connected, …: `reachedAt` in helpers/statuses.ts).
 * Every event placed before `handledBefore` was handled (emitted, or from before the activation),
 * so it is recognised without being remembered: the memory holds only the events after that line,
 * which follows the cursor (GRACE_MS behind the read start for statuses). A status with no time of
 * its own (Voicemail Received, Deflected, …), or whose time cannot be right (after `updated_at`,
 * before `created_at`), cannot be placed: such calls are remembered by ID (`held`) for as long as
 * they stay in the status, up to MAX_HELD calls. That is the one limit of the guarantee.
 *
 * Clocks: a timestamp later than both CCAI Platform's clock (the `Date` of the answer it came in)
 * and n8n's, plus CLOCK_MARGIN_MS, cannot be true yet. The call is still emitted (once, remembered
 * by ID), with `timestampWarning`, but the cursor never moves to that time: one wrong timestamp
 * would otherwise make the trigger read only after it, and miss every call in between. The cursor
 * and the line only ever follow trusted times, so no clock difference between CCAI Platform and
 * n8n can move them past the calls still to come.
 */

export type TriggerEvent = 'callCreated' | 'statusReached';

/** How far before its cursor each poll reads again. */
export const OVERLAP_MS = 60_000;
/**
 * Call Reached a Status: how much further back than the read start a status event is still
 * remembered, for a status whose time is set a little before the change that shows it.
 */
export const GRACE_MS = 5 * 60_000;
/** How far ahead of both clocks a timestamp may be and still be trusted (less than OVERLAP_MS). */
export const CLOCK_MARGIN_MS = 10_000;
/** The most events remembered by their time; beyond it, the line moves up past the oldest. */
export const MAX_RECENT = 5_000;
/** The most calls remembered by ID alone (statuses without a time of their own); the longest held go first. */
export const MAX_HELD = 10_000;

type Entry = [string, number];

export interface PollState {
	version: 2;
	event: TriggerEvent;
	/** Where watching began, on CCAI Platform's times: nothing before it is emitted. */
	since: number;
	/** The newest trusted `created_at` (Call Created) or `updated_at` processed. */
	cursor: number;
	/** Every event whose own time is before this was handled (emitted, or before the activation). */
	handledBefore: number;
	/** A second whose calls had to be paged by number, read once more already (see `finish`). */
	recheck?: number;
	/** Call ID → [the status emitted, or "created"; the event's own time], for events from `handledBefore` on. */
	recent: Record<string, Entry>;
	/** Calls emitted for a status that cannot be placed in time: call ID → that status, longest held first. */
	held: Map<string, string>;
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
	return { version: 2, event, since, cursor: since, handledBefore: since, recent: {}, held: new Map() };
}

const finite = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

/** The first version's memory: call ID → [status, time]. */
function entries(raw: unknown): Record<string, Entry> {
	const result: Record<string, Entry> = {};
	if (!isPlainObject(raw)) return result;
	for (const [id, entry] of Object.entries(raw)) {
		if (Array.isArray(entry) && typeof entry[0] === 'string' && typeof entry[1] === 'number') result[id] = [entry[0], entry[1]];
	}
	return result;
}

/** `recent` as stored: status (or "created") → call ID → the event's time. */
function recentEvents(raw: unknown): Record<string, Entry> {
	const result: Record<string, Entry> = {};
	if (!isPlainObject(raw)) return result;
	for (const [status, calls] of Object.entries(raw)) {
		if (!isPlainObject(calls)) continue;
		for (const [id, time] of Object.entries(calls)) if (finite(time) !== undefined) result[id] = [status, time as number];
	}
	return result;
}

/** `held` as stored: status → call IDs, longest held first. */
function heldCalls(raw: unknown): Map<string, string> {
	const held = new Map<string, string>();
	if (!isPlainObject(raw)) return held;
	for (const [status, ids] of Object.entries(raw)) {
		if (Array.isArray(ids)) for (const id of ids) if (typeof id === 'number' || typeof id === 'string') held.set(String(id), status);
	}
	return held;
}

/**
 * The stored state, when it is one for `event`; undefined otherwise (never stored, another event,
 * or unreadable), and the trigger then starts watching afresh. A state of the first version (a
 * memory by last change) is read into this one: its calls are held by ID.
 */
export function readState(raw: unknown, event: TriggerEvent): PollState | undefined {
	if (!isPlainObject(raw) || raw.event !== event) return undefined;
	const since = finite(raw.since);
	const cursor = finite(raw.cursor);
	if (since === undefined || cursor === undefined) return undefined;
	const recheck = finite(raw.recheck);
	const base = { version: 2 as const, event, since, cursor, ...(recheck !== undefined ? { recheck } : {}) };
	if (raw.version === 2) {
		const handledBefore = finite(raw.handledBefore);
		if (handledBefore === undefined) return undefined;
		return { ...base, handledBefore, recent: recentEvents(raw.recent), held: heldCalls(raw.held) };
	}
	if (raw.version === 1 && finite(raw.forgottenBefore) !== undefined) {
		// Its calls were remembered by their last change; everything placed before the line the
		// cursor gives was handled, as in this version.
		const emitted = entries(raw.emitted);
		if (event === 'callCreated') return { ...base, handledBefore: Math.max(since, cursor - OVERLAP_MS), recent: emitted, held: new Map() };
		const byLastSeen = Object.entries(emitted).sort(([, a], [, b]) => a[1] - b[1]);
		const handledBefore = Math.max(since, cursor - OVERLAP_MS - GRACE_MS);
		return { ...base, handledBefore, recent: {}, held: new Map(byLastSeen.map(([id, [status]]) => [id, status])) };
	}
	return undefined;
}

/**
 * The state as the workflow's static data holds it: plain JSON, grouped by status so that no status
 * is written once per call (`recent`: status → call ID → time; `held`: status → call IDs, those of
 * digits as numbers).
 */
export function storedState(state: PollState): IDataObject {
	const recent: Record<string, IDataObject> = {};
	for (const [id, [status, time]] of Object.entries(state.recent)) (recent[status] ??= {})[id] = time;
	const held: Record<string, Array<number | string>> = {};
	for (const [id, status] of state.held) (held[status] ??= []).push(/^[1-9]\d{0,14}$/.test(id) ? Number(id) : id);
	const stored: IDataObject = {
		version: state.version,
		event: state.event,
		since: state.since,
		cursor: state.cursor,
		handledBefore: state.handledBefore,
		recent,
		held,
	};
	if (state.recheck !== undefined) stored.recheck = state.recheck;
	return stored;
}

/** Where the next read starts: OVERLAP_MS before the cursor, never before `since`. */
export function readFrom(state: PollState): number {
	return Math.max(state.since, state.cursor - OVERLAP_MS);
}

const second = (ms: number) => Math.floor(ms / 1000) * 1000;
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * One poll's decisions: `consider` each call read, in order, with the latest time the clocks allow
 * for it; `found` holds the calls to emit; `finish` gives the state to store.
 */
export class PollTracker {
	private readonly recent: Record<string, Entry>;

	private readonly held: Map<string, string>;

	private readonly watched: Set<string>;

	private readonly column: 'created_at' | 'updated_at';

	private newest: number;

	/** The calls to emit, in order; one whose timestamp cannot be trusted carries `timestampWarning`. */
	readonly found: IDataObject[] = [];

	constructor(
		private readonly state: PollState,
		settings: WatchSettings,
	) {
		this.recent = { ...state.recent };
		this.held = new Map(state.held);
		this.watched = new Set(settings.statuses);
		this.column = cursorColumn(state.event);
		this.newest = state.cursor;
	}

	/**
	 * Whether `call` is emitted by this poll (it is then in `found`). `trustedUntil`: the latest
	 * time the clocks allow for the page it came in (the later of CCAI Platform's `Date` and n8n's
	 * clock, plus CLOCK_MARGIN_MS).
	 */
	consider(call: IDataObject, trustedUntil = Number.POSITIVE_INFINITY): boolean {
		const time = timeOf(call[this.column]);
		const id = call.id;
		// A call that cannot be placed in time, or told apart, cannot be emitted exactly once.
		if (time === undefined || (typeof id !== 'number' && typeof id !== 'string') || String(id) === '') return false;
		const key = String(id);
		const trusted = time <= trustedUntil;
		if (trusted) this.newest = Math.max(this.newest, time);
		const warning = trusted
			? undefined
			: `${this.column} ${iso(time)} is ahead of CCAI Platform's clock and of n8n's (both before ${iso(trustedUntil)}): the trigger started the workflow for this call once, but does not move its place to that time`;
		const known = this.recent[key]?.[0] ?? this.held.get(key);

		if (this.state.event === 'callCreated') {
			if (known !== undefined || (trusted && time < this.state.handledBefore)) return false;
			if (trusted) this.recent[key] = ['created', time];
			else this.held.set(key, 'created');
			return this.emit(call, warning);
		}

		const status = statusValue(call.status);
		if (!this.watched.has(status)) {
			// Left the status it was emitted for: reaching it again counts again.
			if (known !== undefined) this.forget(key);
			return false;
		}
		if (known === status) return false;
		const reached = this.reachedAt(call, status, time, trustedUntil);
		this.forget(key);
		if (typeof reached !== 'number') {
			this.held.set(key, status);
			// Changed last before watching began (read at the activation): held, as handled, not emitted.
			return trusted && time < this.state.since ? false : this.emit(call, warning ?? reached);
		}
		if (reached < this.state.handledBefore) return false;
		this.recent[key] = [status, reached];
		return this.emit(call, warning);
	}

	/**
	 * When the call reached `status`, by the status's own time; a warning when that time cannot be
	 * right; undefined when the status has no time of its own, or the call does not carry it.
	 */
	private reachedAt(call: IDataObject, status: string, updated: number, trustedUntil: number): number | string | undefined {
		const field = callStatus(status)?.reachedAt;
		const reached = field ? timeOf(call[field]) : undefined;
		if (field === undefined || reached === undefined) return undefined;
		// Written by CCAI Platform in one change with updated_at, and never before created_at; the
		// margin allows for fields stamped a moment apart.
		const created = timeOf(call.created_at) ?? reached;
		if (reached <= updated + CLOCK_MARGIN_MS && reached <= trustedUntil && reached >= created - CLOCK_MARGIN_MS) return reached;
		return `${field} ${iso(reached)} is not between the call's created_at and updated_at: the trigger remembers the call by its ID instead of by that time`;
	}

	private emit(call: IDataObject, warning: string | undefined): boolean {
		this.found.push(warning === undefined ? call : { ...call, timestampWarning: warning });
		return true;
	}

	private forget(key: string): void {
		delete this.recent[key];
		this.held.delete(key);
	}

	/**
	 * The state after this poll. `pagedWithin`: a second whose calls did not fit on one page, so
	 * that they were read by page number, where a call that changes meanwhile shifts the others and
	 * one can be skipped. The first time that happens for a second, the cursor stays so that the
	 * next poll reads that second again.
	 */
	finish(pagedWithin?: number): PollState {
		const { state, recent, held } = this;
		let cursor = this.newest;
		let recheck = state.recheck;
		if (pagedWithin !== undefined && recheck !== second(pagedWithin)) {
			recheck = second(pagedWithin);
			cursor = Math.min(cursor, recheck + OVERLAP_MS);
		}
		// Call Created: nothing older than the next read can come back. Call Reached a Status: a
		// status whose time is a little before the change that shows it still can, for GRACE_MS.
		const nextRead = Math.max(state.since, cursor - OVERLAP_MS);
		let handledBefore = Math.max(state.handledBefore, state.event === 'callCreated' ? nextRead : Math.max(state.since, nextRead - GRACE_MS));
		const keys = Object.keys(recent);
		if (keys.length > MAX_RECENT) {
			// Too many events after the line (thousands a minute): the line moves up past the oldest,
			// which are then recognised by their time, never emitted again.
			const times = keys.map((key) => recent[key][1]).sort((a, b) => a - b);
			handledBefore = Math.max(handledBefore, Math.min(times[times.length - MAX_RECENT], cursor));
		}
		for (const key of keys) if (recent[key][1] < handledBefore) delete recent[key];
		for (const key of held.keys()) {
			if (held.size <= MAX_HELD) break;
			held.delete(key);
		}
		return {
			version: 2,
			event: state.event,
			since: state.since,
			cursor,
			handledBefore,
			...(recheck !== undefined ? { recheck } : {}),
			recent,
			held,
		};
	}
}
