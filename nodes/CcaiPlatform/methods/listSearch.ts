import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { Session } from '../../shared/request';
import { searchResults } from '../../shared/resourceLocator';
import { isId } from '../../shared/validation';
import { timeOf } from '../helpers/dateTime';
import { nameOf } from '../helpers/descriptions';
import { callStatus } from '../helpers/statuses';
import { ccaiService, getCall, hasNextPage, listPage, type ManagerList } from '../transport';
import { AGENT_STATUSES, CALLS, collectList, QUEUES } from '../transport/listing';

/** Calls per page of the picker: the editor asks for the next page as the user scrolls. */
const PAGE_SIZE = 50;
/** Pages read at most for one search that finds nothing on the first. */
const SEARCH_PAGES = 5;
/** The last page offered (10 000 calls back), however far the list says it goes; older calls are found by their ID. */
const LAST_PAGE = 200;

/** Where the next request of the editor goes on: a page, and the last call shown before it. */
interface Position {
	page: number;
	after?: { time: number; id: number };
}

/**
 * The list behind the Call ID pickers: the account's calls, newest first, from the Manager API,
 * through the same request layer as the operations (Basic auth, redaction, the shared 10/s). The
 * search text is matched against each entry's label and ID; a search for a number also reads that
 * call directly, so that an older call can be found without scrolling to it. That lookup is a
 * help: when it fails, the list is shown without it (and n8n's log says why).
 *
 * The page token carries the last call shown. A call created meanwhile pushes the list down, so a
 * page may repeat calls already shown: they are left out. A page with nothing after that call (a
 * list that repeats its page, whatever its Link header says) ends the list, as does LAST_PAGE.
 */
export async function searchCalls(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	let { page, after } = readToken(paginationToken);
	const wanted = (filter ?? '').trim();
	const found: INodeListSearchItems[] = [];
	const api = new Session(this, ccaiService).api();
	if (paginationToken === undefined && isId(wanted)) {
		try {
			const direct = await getCall(api, Number(wanted), 'undefinedIfMissing');
			if (direct) found.push(entry(direct));
		} catch (error) {
			this.logger.warn(
				`CCAI Platform Call ID picker: reading call ${wanted} directly failed (${(error as Error).message}); the list is shown without it`,
			);
		}
	}
	// With a search text, a page without a match is not an answer: read on, a few pages at most.
	for (let read = 1; ; read++, page++) {
		const { entries: calls, headers } = await listPage(api, CALLS, { sort_column: 'created_at', sort_direction: 'DESC', per: PAGE_SIZE, page });
		const fresh = calls.filter((call) => isId(call.id) && comesAfter(call, after));
		after = positionOf(calls[calls.length - 1]) ?? after;
		found.push(...searchResults(fresh.map(entry), wanted).results.filter((item) => !found.some((known) => known.value === item.value)));
		const more = fresh.length > 0 && hasNextPage(headers, calls.length, PAGE_SIZE) && page < LAST_PAGE;
		if (!more) return { results: found };
		if (found.length > 0 || wanted === '' || read >= SEARCH_PAGES) return { results: found, paginationToken: writeToken(page + 1, after) };
	}
}

/** "2" (the first form), or "2:<created_at in ms>:<call ID>". */
function readToken(token: string | undefined): Position {
	const [page, time, id] = (token ?? '1').split(':').map(Number);
	const position: Position = { page: Number.isInteger(page) && page > 0 ? page : 1 };
	if (Number.isFinite(time) && Number.isInteger(id)) position.after = { time, id };
	return position;
}

function writeToken(page: number, after: Position['after']): string {
	return after ? `${page}:${after.time}:${after.id}` : String(page);
}

function positionOf(call: IDataObject | undefined): Position['after'] {
	const time = timeOf(call?.created_at);
	return time !== undefined && isId(call?.id) ? { time, id: Number(call?.id) } : undefined;
}

/** Whether `call` comes after the last call shown, newest first (a call without a readable time: yes). */
function comesAfter(call: IDataObject, after: Position['after']): boolean {
	const time = timeOf(call.created_at);
	if (!after || time === undefined) return true;
	return time < after.time || (time === after.time && Number(call.id) < after.id);
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

/** The most entries a picker reads from one of the Manager API's other lists (agents, teams, queues, statuses). */
export const PICKER_LIMIT = 2_000;

/** Every entry of a Manager API list for a picker, read through the listing (each once, a ceiling), the first PICKER_LIMIT. */
export async function pickerEntries(context: ILoadOptionsFunctions, list: ManagerList, query: IDataObject = {}): Promise<IDataObject[]> {
	const api = new Session(context, ccaiService).api();
	return await collectList(api, list, { query, limit: PICKER_LIMIT, filtersLocally: false, accept: (entry) => isId(entry.id) });
}

/**
 * How a picker shows an agent, team, status or queue: its name (or `fallback` when it has none) and
 * its ID, then `detail` when that is text, e.g. "Alex Agent (2) · Available".
 */
export function pickerLabel(entry: IDataObject, fallback: string, detail?: unknown): string {
	const label = `${nameOf(entry) || fallback} (${String(entry.id)})`;
	return typeof detail === 'string' && detail !== '' ? `${label} · ${detail}` : label;
}

/** The Status picker of Agent → Update Status: the agent statuses by name (the value sent as `status`). */
export async function searchAgentStatuses(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const statuses = await pickerEntries(this, AGENT_STATUSES);
	const named = statuses.filter((status) => typeof status.name === 'string' && status.name.trim() !== '');
	return searchResults(named.map((status) => ({ name: String(status.name), value: String(status.name) })), filter);
}

/** The Queue ID picker: the queues (menus) by ID, "App support (12) · mobile_menu". */
export async function searchQueues(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const queues = await pickerEntries(this, QUEUES, { sort_column: 'id', sort_direction: 'ASC' });
	return searchResults(queues.map((queue) => ({ name: pickerLabel(queue, 'Queue', queue.menu_type), value: String(queue.id) })), filter);
}
