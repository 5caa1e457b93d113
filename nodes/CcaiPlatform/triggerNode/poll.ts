import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { Session, type Api } from '../../shared/request';
import { Parameters } from '../../shared/validation';
import { managerTime, timeOf } from '../helpers/dateTime';
import { callStatus, statusesParameter, statusValue, withOutcome } from '../helpers/statuses';
import { ccaiService, hasNextPage, listCalls, MAX_PAGE_SIZE } from '../transport';
import {
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
 * Manager API, page after page, through the shared request layer (so it shares the credential's
 * 10 requests per second with every other CCAI Platform node, and waits out a 429's Retry-After).
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
	if (!state) {
		// The first poll (at activation), or the event was changed: start watching now.
		const now = await serviceNow(api);
		state = startState(settings.event, now - settings.lookBackMs);
		staticData.calls = storedState(state);
		if (settings.lookBackMs === 0) return null;
	}
	const { found, next } = await readChanges(context, api, state, settings);
	// Written only now that every page was read; n8n stores it with the emitted calls.
	staticData.calls = storedState(next);
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
	let from = readFrom(state);
	let page = 1;
	let pagedWithin: number | undefined;
	for (let pages = 1; ; pages++) {
		const { calls, headers } = await listCalls(api, {
			[`${column}[from]`]: managerTime(from),
			sort_column: column,
			sort_direction: 'ASC',
			per: MAX_PAGE_SIZE,
			page,
		});
		for (const call of calls) tracker.consider(call);
		if (calls.length === 0 || !hasNextPage(headers, calls.length, MAX_PAGE_SIZE)) break;
		// Tailing, as Google advises for calls: the next read starts at the last call's time, so that
		// calls that change meanwhile (and move to the end) shift nothing. Only a page whose calls
		// all share one second is followed by page number.
		const last = timeOf(calls[calls.length - 1][column]);
		if (last !== undefined && Math.floor(last / 1000) > Math.floor(from / 1000)) {
			from = last;
			page = 1;
		} else {
			pagedWithin ??= from;
			page++;
		}
		// What is left is read by the next poll, from the cursor this one reached.
		if (pages >= MAX_PAGES || Date.now() - started > budget) break;
	}
	return { found: tracker.found, next: tracker.finish(pagedWithin) };
}

/**
 * The service's own time, from the Date header of a one-call read, so that the trigger starts
 * watching by CCAI Platform's clock (the times it compares are CCAI Platform's), not n8n's. The
 * read also checks the credential when the workflow is activated. n8n's clock if there is no Date.
 */
async function serviceNow(api: Api): Promise<number> {
	const { headers } = await listCalls(api, { per: 1, page: 1 });
	const date = Date.parse(headers.date ?? '');
	return Number.isNaN(date) ? Date.now() : date;
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
		const { calls } = await listCalls(api, { sort_column: 'created_at', sort_direction: 'DESC', per: 1, page: 1 });
		if (calls[0]) return withOutcome(calls[0]);
		throw new NodeOperationError(context.getNode(), 'CCAI Platform has no calls yet to show as a test event', {
			description: 'Place a call (for example with Call → Create), then fetch the test event again.',
		});
	}
	const watched = new Set(settings.statuses);
	for (let page = 1; page <= TEST_EVENT_PAGES; page++) {
		const { calls, headers } = await listCalls(api, { sort_column: 'updated_at', sort_direction: 'DESC', per: MAX_PAGE_SIZE, page });
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
