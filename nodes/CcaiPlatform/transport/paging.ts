import type { IDataObject } from 'n8n-workflow';

import { headerValue, type RequestContext } from '../../shared/request';
import { listCalls, MAX_PAGE_SIZE } from './index';

/**
 * Reading the Manager API's call list page after page (`page` from 1, `per` up to 100).
 *
 * The next page is asked for with the node's own query and the next page number, while the
 * `Link` header has a `rel="next"` link; the link's URL itself is never followed, so that the
 * credentials never travel to a host named in a header. Without any `Link` header (older
 * answers), a full page means there may be more.
 */

/** Whether there is a page after this one. */
export function hasNextPage(headers: IDataObject, received: number, per: number): boolean {
	const link = headerValue(headers, 'link');
	if (link !== undefined) return link.split(',').some((part) => /;\s*rel="?next"?(\s|;|$)/i.test(part));
	return received >= per;
}

/** A time as the Manager API's filters take it: ISO 8601 in UTC, to the second, e.g. 2030-01-31T14:30:00Z. */
export function managerTime(ms: number, round: 'down' | 'up' = 'down'): string {
	const seconds = round === 'down' ? Math.floor(ms / 1000) : Math.ceil(ms / 1000);
	return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}

/** Milliseconds of an ISO 8601 time in a call, or undefined when it is missing or unreadable. */
export function timeOf(value: unknown): number | undefined {
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const ms = Date.parse(value);
	return Number.isNaN(ms) ? undefined : ms;
}

export interface CollectOptions {
	/** The Manager API's parameters besides `page` and `per`. */
	query: IDataObject;
	/** Whether a call the service sent belongs in the result (filters the service may not apply). */
	accept(call: IDataObject): boolean;
	/** How many calls to return at most; all when undefined. */
	limit: number | undefined;
	/** Whether `accept` may refuse calls, so that a page holds fewer results than calls. */
	filtersLocally: boolean;
	itemIndex?: number;
}

/**
 * The calls of the list, page after page, until `limit` are accepted or the list ends. The page
 * size stays the same throughout (pages of another size would not line up): 100, or the limit
 * when it is smaller and nothing is filtered here.
 */
export async function collectCalls(context: RequestContext, options: CollectOptions): Promise<IDataObject[]> {
	const { query, accept, limit, filtersLocally, itemIndex } = options;
	const per = limit === undefined || filtersLocally ? MAX_PAGE_SIZE : Math.min(limit, MAX_PAGE_SIZE);
	const result: IDataObject[] = [];
	for (let page = 1; ; page++) {
		const { calls, headers } = await listCalls(context, { ...query, page, per }, itemIndex);
		for (const call of calls) {
			if (!accept(call)) continue;
			result.push(call);
			if (limit !== undefined && result.length >= limit) return result;
		}
		if (calls.length === 0 || !hasNextPage(headers, calls.length, per)) return result;
	}
}
