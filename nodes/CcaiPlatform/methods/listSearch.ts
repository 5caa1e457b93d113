import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { Session } from '../../shared/request';
import { searchResults } from '../../shared/resourceLocator';
import { isId } from '../../shared/validation';
import { callStatus } from '../helpers/statuses';
import { ccaiService, getCall, hasNextPage, listCalls } from '../transport';

/** Calls per page of the picker: the editor asks for the next page as the user scrolls. */
const PAGE_SIZE = 50;
/** Pages read at most for one search that finds nothing on the first. */
const SEARCH_PAGES = 5;

/**
 * The list behind the Call ID pickers: the account's calls, newest first, from the Manager API,
 * through the same request layer as the operations (Basic auth, redaction, the shared 10/s). The
 * search text is matched against each entry's label and ID; a search for a number also reads that
 * call directly, so that an older call can be found without scrolling to it.
 */
export async function searchCalls(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const first = Number(paginationToken ?? 1);
	let page = Number.isInteger(first) && first > 0 ? first : 1;
	const wanted = (filter ?? '').trim();
	const found: INodeListSearchItems[] = [];
	const api = new Session(this, ccaiService).api();
	if (paginationToken === undefined && isId(wanted)) {
		const direct = await getCall(api, Number(wanted), 'undefinedIfMissing');
		if (direct) found.push(entry(direct));
	}
	// With a search text, a page without a match is not an answer: read on, a few pages at most.
	for (let read = 1; ; read++, page++) {
		const { calls, headers } = await listCalls(api, { sort_column: 'created_at', sort_direction: 'DESC', per: PAGE_SIZE, page });
		const entries = calls.filter((call) => isId(call.id)).map(entry);
		found.push(...searchResults(entries, wanted).results.filter((item) => !found.some((known) => known.value === item.value)));
		const more = calls.length > 0 && hasNextPage(headers, calls.length, PAGE_SIZE);
		if (!more) return { results: found };
		if (found.length > 0 || wanted === '' || read >= SEARCH_PAGES) return { results: found, paginationToken: String(page + 1) };
	}
}

/** "1001 · Voice Outbound (API) · Finished · Alex Agent · 2030-01-31 14:30 UTC" */
function entry(call: IDataObject): INodeListSearchItems {
	const agent = call.agent_info as IDataObject | null | undefined;
	const created = typeof call.created_at === 'string' ? call.created_at.replace('T', ' ').replace(/:\d{2}(\.\d+)?Z$/, ' UTC') : '';
	const parts = [
		String(call.id),
		typeof call.call_type === 'string' ? call.call_type : '',
		callStatus(call.status)?.name ?? (typeof call.status === 'string' ? call.status : ''),
		typeof agent?.name === 'string' ? agent.name : '',
		created,
	].filter((part) => part !== '');
	return { name: parts.join(' · '), value: String(call.id) };
}
