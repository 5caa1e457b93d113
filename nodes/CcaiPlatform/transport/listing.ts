import type { IDataObject } from 'n8n-workflow';

import type { Api } from '../../shared/request';
import { managerTime, timeOf } from '../helpers/dateTime';
import {
	hasNextPage,
	listPage,
	MANAGER_AGENTS_PATH,
	MANAGER_CALLS_PATH,
	MANAGER_MENUS_PATH,
	MANAGER_TEAMS_PATH,
	MANAGER_USER_STATUSES_PATH,
	MAX_PAGE_SIZE,
	type ManagerList,
	type ListPage,
} from './index';

/**
 * Reading the Manager API's paged lists (calls, agents, queues, teams, agent statuses) on a live
 * contact center, where entries are created and change while the pages are read (Get Many, the
 * pickers, the trigger's polls).
 *
 * Page numbers shift: an entry created or changed between two requests moves the entries behind it
 * by one place, so that an entry comes twice or not at all. Google's pagination page advises
 * tailing instead: sort oldest first by a time, and start each read at the last entry's time
 * (`<column>[from]`, which includes its own instant; to the second, as the API takes it). An entry
 * that changes meanwhile moves to the end and is read there. Only a page whose entries all share
 * one second is followed by page number. Lists without a time to tail on are read by page number,
 * and an entry that comes twice is kept once.
 *
 * Nothing that comes back from the service is trusted to end: a page that repeats the page before
 * it (the same entries, in the same order) is an error, and every listing has a ceiling.
 */

/** The calls (Get Many, the Call ID picker, the trigger). */
export const CALLS: ManagerList = {
	path: MANAGER_CALLS_PATH,
	noun: 'calls',
	max: 50_000,
	changedColumn: 'updated_at',
	narrow:
		'Narrow the listing with the Created After and Created Before filters, or turn Return All off and set a Limit.',
};

/** The agents (Agent → Get Many, the agent pickers). */
export const AGENTS: ManagerList = {
	path: MANAGER_AGENTS_PATH,
	noun: 'agents',
	max: 10_000,
	narrow: 'Narrow the listing with the filters (Agent IDs, Statuses, Online), or turn Return All off and set a Limit.',
};

/** The queues, which CCAI Platform calls menus (Queue → Get Many, the Queue picker). */
export const QUEUES: ManagerList = {
	path: MANAGER_MENUS_PATH,
	noun: 'queues',
	max: 10_000,
	narrow: 'Turn Return All off and set a Limit.',
};

/** The queues as the tree callers walk through (Queue → Get Many with As Tree). */
export const QUEUE_TREE: ManagerList = { ...QUEUES, path: `${MANAGER_MENUS_PATH}/tree` };

/** The teams (the Teams picker of Agent → Update Status). */
export const TEAMS: ManagerList = { path: MANAGER_TEAMS_PATH, noun: 'teams', max: 10_000, narrow: '' };

/** The agent statuses an agent can be in (the status pickers). */
export const AGENT_STATUSES: ManagerList = { path: MANAGER_USER_STATUSES_PATH, noun: 'agent statuses', max: 10_000, narrow: '' };

export interface ListingRead {
	/** The Manager API's own parameters (filters, sort) besides `page`, `per` and the tailing bound. */
	query: IDataObject;
	per: number;
	/** Tailing: the list is sorted oldest first on `column`; the first read starts at `from` (ms), if given. */
	tail?: { column: string; from?: number };
}

export interface ListingEnd {
	/** Whether the list ended (no page after the last one read). */
	ended: boolean;
	/** Tailing: the first second whose entries had to be read by page number, where a change shifts them. */
	pagedWithin?: number;
}

const second = (ms: number) => Math.floor(ms / 1000) * 1000;

/**
 * Reads the list page after page, handing each page to `onPage`, until the list ends or `onPage`
 * returns false.
 */
export async function readList(api: Api, list: ManagerList, read: ListingRead, onPage: (page: ListPage) => boolean): Promise<ListingEnd> {
	const { query, per, tail } = read;
	let from = tail?.from;
	let page = 1;
	let pagedWithin: number | undefined;
	let previous: string | undefined;
	for (;;) {
		const request: IDataObject = { ...query, page, per };
		if (tail && from !== undefined) request[`${tail.column}[from]`] = managerTime(from);
		const { entries, headers } = await listPage(api, list, request);
		const signature = entries.map((entry) => String(entry.id)).join(',');
		if (entries.length > 0 && signature === previous) throw repeatedPage(api, list, entries, request);
		previous = signature;
		const more = entries.length > 0 && hasNextPage(headers, entries.length, per);
		if (!onPage({ entries, headers }) || !more) return { ended: !more, pagedWithin };
		const first = tail && timeOf(entries[0][tail.column]);
		const last = tail && timeOf(entries[entries.length - 1][tail.column]);
		if (first !== undefined && last !== undefined && second(last) > second(first)) {
			from = last;
			page = 1;
		} else {
			if (first !== undefined) pagedWithin ??= second(Math.min(first, last ?? first));
			page++;
		}
	}
}

function repeatedPage(api: Api, list: ManagerList, entries: IDataObject[], request: IDataObject) {
	const range = `${list.noun} ${String(entries[0].id)} to ${String(entries[entries.length - 1].id)}`;
	return api.error({
		message: `CCAI Platform answered the same page of ${list.noun} twice (${range}), although it said that more follow`,
		description: `The listing was stopped rather than read for ever. The repeated answer was to page ${String(request.page)}. A proxy between n8n and CCAI Platform, or a change of the Manager API, may answer with a "next" link that never ends.`,
	});
}

export interface CollectOptions {
	/** The Manager API's parameters besides `page` and `per`, with `sort_column` and `sort_direction` where the list is sorted. */
	query: IDataObject;
	/** Whether an entry the service sent belongs in the result (filters the service may not apply). */
	accept(entry: IDataObject): boolean;
	/** How many entries to return at most; all when undefined. */
	limit: number | undefined;
	/** Whether `accept` may refuse entries, so that a page holds fewer results than entries. */
	filtersLocally: boolean;
}

/**
 * The entries of the list, each at most once, in the list's order, until `limit` are accepted or the
 * list ends; an error past the list's ceiling (`max`).
 * - Oldest first by a time (`sort_direction=ASC` on a `…_at` column): tailing on that column (above).
 * - Otherwise page numbers. Newest first by creation, an entry created meanwhile comes in at the top
 *   and only pushes the entries behind it down, so an entry can come twice (it is dropped), never be
 *   skipped.
 * - Newest first by the column every change moves (`changedColumn`, calls' Updated At): an entry not
 *   read yet that changes jumps to the top, above the pages read. So when the list was read to its
 *   end, the entries changed since the first page are read once more (tailing from the newest time
 *   then), and those not seen yet are put in front.
 */
export async function collectList(api: Api, list: ManagerList, options: CollectOptions): Promise<IDataObject[]> {
	const { query, accept, limit, filtersLocally } = options;
	const column = typeof query.sort_column === 'string' ? query.sort_column : undefined;
	const timed = column !== undefined && column.endsWith('_at');
	const ascending = query.sort_direction === 'ASC';
	const per = limit === undefined || filtersLocally ? MAX_PAGE_SIZE : Math.min(limit, MAX_PAGE_SIZE);
	const seen = new Set<string>();
	let read = 0;
	/** The newest time of the list when its first page was read (newest first by `changedColumn`). */
	let newest: number | undefined;
	const full = (result: IDataObject[]) => limit !== undefined && result.length >= limit;
	/** Hands the page's new entries to `result`; false once the result is full. */
	const take = (result: IDataObject[], { entries, headers }: ListPage): boolean => {
		if (read === 0 && column !== undefined) newest = timeOf(entries[0]?.[column]);
		for (const entry of entries) {
			const id = entry.id;
			const key = typeof id === 'number' || typeof id === 'string' ? String(id) : undefined;
			if (key !== undefined && seen.has(key)) continue;
			if (key !== undefined) seen.add(key);
			if (!accept(entry)) continue;
			result.push(entry);
			if (full(result)) return false;
		}
		read += entries.length;
		if (read >= list.max && hasNextPage(headers, entries.length, per)) throw tooMany(api, list);
		return true;
	};

	const result: IDataObject[] = [];
	const tail = timed && ascending ? { column, from: timeOf(query[`${column}[from]`]) } : undefined;
	const { ended } = await readList(api, list, { query, per, tail }, (page) => take(result, page));
	const rereads = !ascending && column !== undefined && column === list.changedColumn;
	if (!rereads || !ended || full(result) || newest === undefined) return result;
	const changed: IDataObject[] = [];
	await readList(api, list, { query: { ...query, sort_direction: 'ASC' }, per, tail: { column, from: newest } }, (page) => take(changed, page));
	return [...changed.reverse(), ...result].slice(0, limit);
}

function tooMany(api: Api, list: ManagerList) {
	return api.error({
		message: `CCAI Platform's list of ${list.noun} went on past ${list.max} ${list.noun}; the node stopped reading it`,
		description: `${list.narrow ? `${list.narrow} ` : ''}(A proxy between n8n and CCAI Platform, or a change of the Manager API, may also answer with a "next" link that never ends.)`,
	});
}
