import type { IDataObject } from 'n8n-workflow';

import type { Api } from '../../shared/request';
import { managerTime, timeOf } from '../helpers/dateTime';
import { hasNextPage, listCalls, MAX_PAGE_SIZE, type CallPage } from './index';

/**
 * Reading the Manager API's call list on a live contact center, where calls are created and change
 * while the pages are read (Get Many, the trigger's polls).
 *
 * Page numbers shift: a call created or changed between two requests moves the calls behind it by
 * one place, so that a call comes twice or not at all. Google's pagination page advises tailing
 * calls instead: sort them oldest first by a time, and start each read at the last call's time
 * (`<column>[from]`, which includes its own instant; to the second, as the API takes it). A call
 * that changes meanwhile moves to the end and is read there. Only a page whose calls all share one
 * second is followed by page number.
 *
 * Nothing that comes back from the service is trusted to end: a page that repeats the page before
 * it (the same calls, in the same order) is an error, and callers set a ceiling.
 */

export type CallColumn = 'created_at' | 'updated_at';

export interface ListingRead {
	/** The Manager API's own parameters (filters, sort) besides `page`, `per` and the tailing bound. */
	query: IDataObject;
	per: number;
	/** Tailing: the list is sorted oldest first on `column`; the first read starts at `from` (ms), if given. */
	tail?: { column: CallColumn; from?: number };
}

export interface ListingEnd {
	/** Whether the list ended (no page after the last one read). */
	ended: boolean;
	/** Tailing: the first second whose calls had to be read by page number, where a change shifts them. */
	pagedWithin?: number;
}

const second = (ms: number) => Math.floor(ms / 1000) * 1000;

/**
 * Reads the list page after page, handing each page to `onPage`, until the list ends or `onPage`
 * returns false.
 */
export async function readCallList(api: Api, read: ListingRead, onPage: (page: CallPage) => boolean): Promise<ListingEnd> {
	const { query, per, tail } = read;
	let from = tail?.from;
	let page = 1;
	let pagedWithin: number | undefined;
	let previous: string | undefined;
	for (;;) {
		const request: IDataObject = { ...query, page, per };
		if (tail && from !== undefined) request[`${tail.column}[from]`] = managerTime(from);
		const { calls, headers } = await listCalls(api, request);
		const signature = calls.map((call) => String(call.id)).join(',');
		if (calls.length > 0 && signature === previous) throw repeatedPage(api, calls, request);
		previous = signature;
		const more = calls.length > 0 && hasNextPage(headers, calls.length, per);
		if (!onPage({ calls, headers }) || !more) return { ended: !more, pagedWithin };
		const first = tail && timeOf(calls[0][tail.column]);
		const last = tail && timeOf(calls[calls.length - 1][tail.column]);
		if (first !== undefined && last !== undefined && second(last) > second(first)) {
			from = last;
			page = 1;
		} else {
			if (first !== undefined) pagedWithin ??= second(Math.min(first, last ?? first));
			page++;
		}
	}
}

function repeatedPage(api: Api, calls: IDataObject[], request: IDataObject) {
	const range = `calls ${String(calls[0].id)} to ${String(calls[calls.length - 1].id)}`;
	return api.error({
		message: `CCAI Platform answered the same page of calls twice (${range}), although it said that more follow`,
		description: `The listing was stopped rather than read for ever. The repeated answer was to page ${String(request.page)}. A proxy between n8n and CCAI Platform, or a change of the Manager API, may answer with a "next" link that never ends.`,
	});
}

/** The most calls one listing reads (Get Many, with Return All or reading on for a Statuses filter). */
export const MAX_LISTED_CALLS = 50_000;

export interface CollectOptions {
	/** The Manager API's parameters besides `page` and `per`, with `sort_column` and `sort_direction`. */
	query: IDataObject;
	/** Whether a call the service sent belongs in the result (filters the service may not apply). */
	accept(call: IDataObject): boolean;
	/** How many calls to return at most; all when undefined. */
	limit: number | undefined;
	/** Whether `accept` may refuse calls, so that a page holds fewer results than calls. */
	filtersLocally: boolean;
}

/**
 * The calls of the list, each at most once, in the list's order, until `limit` are accepted or the
 * list ends; an error past MAX_LISTED_CALLS.
 * - Oldest first: tailing on the sort column (above).
 * - Newest first by creation: page numbers. A call created meanwhile comes in at the top and only
 *   pushes the calls behind it down, so a call can come twice (it is dropped), never be skipped.
 * - Newest first by Updated At: page numbers too; but a call not read yet that changes jumps to the
 *   top, above the pages read. So when the list was read to its end, the calls changed since the
 *   first page are read once more (tailing from the newest time then), and those not seen yet are
 *   put in front.
 */
export async function collectCalls(api: Api, options: CollectOptions): Promise<IDataObject[]> {
	const { query, accept, limit, filtersLocally } = options;
	const column: CallColumn = query.sort_column === 'updated_at' ? 'updated_at' : 'created_at';
	const ascending = query.sort_direction === 'ASC';
	const per = limit === undefined || filtersLocally ? MAX_PAGE_SIZE : Math.min(limit, MAX_PAGE_SIZE);
	const seen = new Set<string>();
	let read = 0;
	/** The newest time of the list when its first page was read (newest first by Updated At). */
	let newest: number | undefined;
	const full = (result: IDataObject[]) => limit !== undefined && result.length >= limit;
	/** Hands the page's new calls to `result`; false once the result is full. */
	const take = (result: IDataObject[], { calls, headers }: CallPage): boolean => {
		if (read === 0) newest = timeOf(calls[0]?.[column]);
		for (const call of calls) {
			const id = call.id;
			const key = typeof id === 'number' || typeof id === 'string' ? String(id) : undefined;
			if (key !== undefined && seen.has(key)) continue;
			if (key !== undefined) seen.add(key);
			if (!accept(call)) continue;
			result.push(call);
			if (full(result)) return false;
		}
		read += calls.length;
		if (read >= MAX_LISTED_CALLS && hasNextPage(headers, calls.length, per)) throw tooMany(api);
		return true;
	};

	const result: IDataObject[] = [];
	const startedAt = timeOf(query[`${column}[from]`]);
	const tail = ascending ? { column, from: startedAt } : undefined;
	const { ended } = await readCallList(api, { query, per, tail }, (page) => take(result, page));
	if (ascending || column !== 'updated_at' || !ended || full(result) || newest === undefined) return result;
	const changed: IDataObject[] = [];
	await readCallList(api, { query: { ...query, sort_direction: 'ASC' }, per, tail: { column, from: newest } }, (page) => take(changed, page));
	return [...changed.reverse(), ...result].slice(0, limit);
}

function tooMany(api: Api) {
	return api.error({
		message: `CCAI Platform's list of calls went on past ${MAX_LISTED_CALLS} calls; the node stopped reading it`,
		description:
			'Narrow the listing with the Created After and Created Before filters, or turn Return All off and set a Limit. (A proxy between n8n and CCAI Platform, or a change of the Manager API, may also answer with a "next" link that never ends.)',
	});
}
