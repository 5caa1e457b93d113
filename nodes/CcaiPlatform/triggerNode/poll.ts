import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { Session, type Api, type Headers } from '../../shared/request';
import { Parameters } from '../../shared/validation';
import { timeOf } from '../helpers/dateTime';
import { callStatus, statusesParameter, statusValue, withOutcome } from '../helpers/statuses';
import { ccaiService, hasNextPage, listPage, MAX_PAGE_SIZE } from '../transport';
import { CALLS, readList } from '../transport/listing';
import {
	CLOCK_MARGIN_MS,
	cursorColumn,
	PollTracker,
	readFrom,
	readState,
	startState,
	storedState,
	type PollState,
	type TriggerEvent,
	type WatchSettings,
} from './state';

/**
 * The CCAI Platform Trigger's poll: n8n calls it on the node's Poll Times (and once when the
 * workflow is activated), and for "Fetch Test Event".
 *
 * Each poll reads, oldest first, the calls created (or changed) since the stored cursor, from the
 * Manager API, page after page (tailing, transport/listing.ts: a page that repeats the one before
 * fails the poll), through the shared request layer (so it shares the credential's 10 requests per
 * second with every other CCAI Platform node, and waits out a 429's Retry-After). Each page's
 * `Date`, with n8n's clock, says which times in it can be true yet (see state.ts).
 * The new state is stored only after every page was read: a poll that fails (a 429 that does not
 * clear, a network error) emits nothing and leaves the state as it was, and the next poll reads the
 * same calls again. n8n stores the static data when a poll emits; the emitted calls and the cursor
 * are then stored together, so a restart repeats nothing. See state.ts for which calls are emitted.
 */

const TRIGGER_EVENTS: Record<string, TriggerEvent> = { callCreated: 'callCreated', statusReached: 'statusReached' };
/** The furthest back "Hours Back" may start: 30 days. */
export const MAX_LOOK_BACK_HOURS = 720;
/** Pages one poll reads at most (10 000 calls); the rest is read by the next poll. */
const MAX_PAGES = 100;
/** How long a poll may read pages when n8n does not say (older n8n): half of n8n's own 5 minutes. */
const DEFAULT_BUDGET_MS = 150_000;
/** Pages "Fetch Test Event" reads at most to find a call in one of the statuses. */
const TEST_EVENT_PAGES = 3;
/**
 * A stored place further ahead of n8n's clock than this cannot be right (the trigger tolerates a
 * day of difference between the clocks): it was set by a wrong timestamp, before places followed
 * trusted times only. The trigger then starts watching afresh.
 */
const IMPOSSIBLE_AHEAD_MS = 2 * 24 * 3_600_000;

/** Polls in progress in this n8n process, by workflow and node: a poll never overlaps the previous one. */
const running = new Set<string>();

export interface TriggerSettings extends WatchSettings {
	/** Where watching starts on the first poll: now, or `lookBackMs` before now. */
	lookBackMs: number;
}

export async function poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const settings = triggerSettings(Parameters.ofNode(this));
	// A session per poll: n8n keeps one context for as long as the workflow is active, and a
	// credential edited meanwhile counts from the next poll.
	const api = new Session(this, ccaiService).api();
	if (this.getMode() === 'manual') return [this.helpers.returnJsonArray([await testEvent(this, api, settings)])];

	const key = `${this.getWorkflow().id ?? ''}\u0000${this.getNode().name}`;
	if (running.has(key)) {
		// The previous poll is still reading (a long Retry-After): it will take the new calls too.
		this.logger.debug(`CCAI Platform Trigger "${this.getNode().name}": the previous poll is still running; this one is skipped`);
		return null;
	}
	running.add(key);
	try {
		return await pollOnce(this, api, settings);
	} finally {
		running.delete(key);
	}
}

async function pollOnce(context: IPollFunctions, api: Api, settings: TriggerSettings): Promise<INodeExecutionData[][] | null> {
	const staticData = context.getWorkflowStaticData('node');
	let state = readState(staticData.calls, settings.event);
	if (state && state.cursor > Date.now() + IMPOSSIBLE_AHEAD_MS) {
		context.logger.warn(
			`CCAI Platform Trigger "${context.getNode().name}": its stored place, ${new Date(state.cursor).toISOString()}, is far ahead of n8n's clock, so a wrong timestamp set it; it starts watching again from now`,
		);
		state = undefined;
	}
	if (!state) {
		// The first poll (at activation), or the event was changed: start watching now.
		state = await firstState(context, api, settings);
		staticData.calls = storedState(state);
		if (settings.lookBackMs === 0) return null;
	}
	const { found, next } = await readChanges(context, api, state, settings);
	// Written only now that every page was read; n8n stores it with the emitted calls.
	staticData.calls = storedState(next);
	warnAboutTimestamps(context, found);
	return found.length > 0 ? [context.helpers.returnJsonArray(found.map(withOutcome))] : null;
}

/** Every page of calls changed since the cursor, oldest first, and the state after them. */
async function readChanges(
	context: IPollFunctions,
	api: Api,
	state: PollState,
	settings: TriggerSettings,
): Promise<{ found: IDataObject[]; next: PollState }> {
	const column = cursorColumn(settings.event);
	const tracker = new PollTracker(state, settings);
	const started = Date.now();
	const budget = pollBudgetMs(context);
	let pages = 0;
	const { pagedWithin } = await readList(
		api,
		CALLS,
		{ query: { sort_column: column, sort_direction: 'ASC' }, per: MAX_PAGE_SIZE, tail: { column, from: readFrom(state) } },
		({ entries, headers }) => {
			const trustedUntil = trustedUntilFor(headers);
			for (const call of entries) tracker.consider(call, trustedUntil);
			// What is left is read by the next poll, from the cursor this one reached.
			return ++pages < MAX_PAGES && Date.now() - started <= budget;
		},
	);
	return { found: tracker.found, next: tracker.finish(pagedWithin) };
}

/**
 * The latest time a call in this answer can truly carry: the later of CCAI Platform's clock (the
 * answer's `Date`) and n8n's, plus a margin. Taking the later of the two lets either clock be right.
 */
function trustedUntilFor(headers: Headers): number {
	return Math.max(serviceClock(headers) ?? 0, Date.now()) + CLOCK_MARGIN_MS;
}

/** CCAI Platform's clock when it answered: the answer's `Date`, or undefined without a readable one. */
function serviceClock(headers: Headers): number | undefined {
	const ms = Date.parse(headers.date ?? '');
	return Number.isNaN(ms) ? undefined : ms;
}

/**
 * Where watching starts. It reads the newest calls, which also checks the credential when the
 * workflow is activated (a refused credential fails the activation with CCAI Platform's message).
 * - Start From: Now: after the newest trusted call time: CCAI Platform's own times, whatever its
 *   clock and n8n's say. The newest calls are recorded as handled, so that one changed later, or
 *   stamped ahead of the clocks, is not taken for a new one.
 * - Hours Back: that many hours before now, by the later of the newest call time and the earlier
 *   of the two clocks, so that a clock ahead of the calls' times does not cut the hours short.
 */
async function firstState(context: IPollFunctions, api: Api, settings: TriggerSettings): Promise<PollState> {
	const column = cursorColumn(settings.event);
	const { entries: calls, headers } = await listPage(api, CALLS, { sort_column: column, sort_direction: 'DESC', per: MAX_PAGE_SIZE, page: 1 });
	const trustedUntil = trustedUntilFor(headers);
	const newest = calls.map((call) => timeOf(call[column])).find((time) => time !== undefined && time <= trustedUntil);
	const n8nNow = Date.now();
	const service = serviceClock(headers);
	const clock = service === undefined ? n8nNow : Math.min(service, n8nNow);
	if (service !== undefined && Math.abs(service - n8nNow) > 60_000) {
		context.logger.warn(
			`CCAI Platform Trigger "${context.getNode().name}": CCAI Platform's clock (${headers.date}) and n8n's (${new Date(n8nNow).toUTCString()}) differ by ${Math.round(Math.abs(service - n8nNow) / 1000)} s; the trigger goes by the calls' own times`,
		);
	}
	if (settings.lookBackMs > 0) return startState(settings.event, Math.max(newest ?? clock, clock) - settings.lookBackMs);
	// No call at all: none can be from before the activation. Only calls stamped ahead of the clocks: the earlier clock.
	const since = newest ?? (calls.length === 0 ? 0 : clock);
	const tracker = new PollTracker(startState(settings.event, since), settings);
	for (const call of calls) tracker.consider(call, trustedUntil);
	return tracker.finish();
}

/** n8n's log says which emitted calls carry a timestamp the trigger cannot trust (also in `timestampWarning`). */
function warnAboutTimestamps(context: IPollFunctions, found: IDataObject[]): void {
	const flagged = found.filter((call) => typeof call.timestampWarning === 'string');
	if (flagged.length === 0) return;
	const shown = flagged.slice(0, 5).map((call) => `call ${String(call.id)}: ${String(call.timestampWarning)}`);
	context.logger.warn(
		`CCAI Platform Trigger "${context.getNode().name}": ${flagged.length} call(s) with a timestamp it cannot trust. ${shown.join('; ')}${flagged.length > shown.length ? '; …' : ''}`,
	);
}

/** The time a poll may spend reading pages: half of what n8n gives it, when it says. */
function pollBudgetMs(context: IPollFunctions): number {
	const given = typeof context.getPollBudgetMs === 'function' ? context.getPollBudgetMs() : undefined;
	return typeof given === 'number' && Number.isFinite(given) && given > 0 ? given / 2 : DEFAULT_BUDGET_MS;
}

/**
 * "Fetch Test Event": a real recent call, whatever the cursor: the newest call (Call Created), or
 * the most recently changed call in one of the statuses. Nothing is stored.
 */
async function testEvent(context: IPollFunctions, api: Api, settings: TriggerSettings): Promise<IDataObject> {
	if (settings.event === 'callCreated') {
		const { entries: calls } = await listPage(api, CALLS, { sort_column: 'created_at', sort_direction: 'DESC', per: 1, page: 1 });
		if (calls[0]) return withOutcome(calls[0]);
		throw new NodeOperationError(context.getNode(), 'CCAI Platform has no calls yet to show as a test event', {
			description: 'Place a call (for example with Call → Create), then fetch the test event again.',
		});
	}
	const watched = new Set(settings.statuses);
	for (let page = 1; page <= TEST_EVENT_PAGES; page++) {
		const { entries: calls, headers } = await listPage(api, CALLS, { sort_column: 'updated_at', sort_direction: 'DESC', per: MAX_PAGE_SIZE, page });
		const match = calls.find((call) => watched.has(statusValue(call.status)));
		if (match) return withOutcome(match);
		if (calls.length === 0 || !hasNextPage(headers, calls.length, MAX_PAGE_SIZE)) break;
	}
	const names = settings.statuses.map((status) => callStatus(status)?.name ?? status).join(', ');
	throw new NodeOperationError(
		context.getNode(),
		`No call in status ${names} among the ${TEST_EVENT_PAGES * MAX_PAGE_SIZE} most recently changed calls`,
		{ description: 'Fetch Test Event shows a real recent call. Pick other statuses, or wait until a call reaches one of them.' },
	);
}

function triggerSettings(node: Parameters): TriggerSettings {
	const event = node.choice('event', 'Trigger On', TRIGGER_EVENTS, 'statusReached', 'Call Created, Call Reached a Status');
	let statuses: string[] = [];
	if (event === 'statusReached') {
		statuses = statusesParameter(node, 'statuses');
		if (statuses.length === 0) throw node.fail('Statuses', 'is empty: pick at least one');
	}
	const startFrom = node.choice('startFrom', 'Start From', { now: 'now', lookBack: 'lookBack' }, 'now', 'Now, Hours Back');
	const lookBackMs =
		startFrom === 'lookBack'
			? node.wholeNumber('lookBackHours', 'Hours Back', { min: 1, max: MAX_LOOK_BACK_HOURS, fallback: 24 }) * 3_600_000
			: 0;
	return { event, statuses, lookBackMs };
}
