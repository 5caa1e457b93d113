/**
 * The Call ID picker (methods/listSearch.ts) when CCAI Platform misbehaves (issue 16, findings 5
 * and 11): a failing direct lookup does not hide the list it belongs to, and a list that repeats
 * its page stops being offered page after page.
 */
import type { IDataObject } from 'n8n-workflow';

import { ccaiCredentials } from '../helpers/ccai';
import { recordNodeLogs } from '../helpers/n8n';
import { searchList } from '../helpers/listSearch';
import { useSandbox } from '../helpers/sandbox';

const sandbox = useSandbox();
const ccai = () => sandbox.current.services.ccai;

const callSearch = (filter?: string, paginationToken?: string) =>
	searchList({
		node: 'ccaiPlatform',
		method: 'searchCalls',
		parameters: { resource: 'call', operation: 'get', callId: { __rl: true, mode: 'list', value: '' } },
		credentials: ccaiCredentials(sandbox.current),
		credentialId: 'ccai-1',
		filter,
		paginationToken,
	});

test('a 500 on the direct lookup of the searched ID leaves the list: the matching calls are still offered', async () => {
	ccai().addFault({ method: 'GET', path: '/manager/api/v1/calls/397', status: 500, times: 10 });
	let found: Awaited<ReturnType<typeof callSearch>> | undefined;
	const logs = await recordNodeLogs(async () => {
		found = await callSearch('397');
	});
	expect(found?.results.map((result) => result.value)).toEqual(['397']);
	expect(ccai().requests.filter((request) => request.path === '/manager/api/v1/calls/397').every((request) => request.status === 500)).toBe(true);
	expect(logs.filter(([level]) => level === 'warn').map(([, message]) => message)).toEqual([
		expect.stringMatching(/^CCAI Platform Call ID picker: reading call 397 directly failed \(.*HTTP 500/),
	]);
});

test('a list that answers the same page for every page number is not offered for ever', async () => {
	// The 50 newest calls, newest first, as the Manager API lists them.
	const page = Array.from({ length: 50 }, (_, index): IDataObject => {
		const at = new Date(Date.parse('2030-01-01T10:00:00Z') - index * 60_000).toISOString();
		return { id: 5049 - index, status: 'finished', created_at: at, updated_at: at };
	});
	ccai().handle = () => ({ status: 200, body: page, headers: { Link: '<http://elsewhere.example/calls?page=999>; rel="next"' } });
	// A search reads on past pages without a match: the second page is the first again.
	const searched = await callSearch('no such call');
	expect(searched).toEqual({ results: [] });
	expect(ccai().requests).toHaveLength(2);
	// Scrolling: the editor asks for the page after the last one shown; a page with nothing after it ends the list.
	const first = await callSearch();
	expect(first.results).toHaveLength(50);
	expect(first.paginationToken).toMatch(/^2\b/);
	expect(await callSearch(undefined, first.paginationToken)).toEqual({ results: [] });
	// However the list goes on, the picker offers no page past the 200th (10 000 calls).
	expect((await callSearch(undefined, '200')).paginationToken).toBeUndefined();
});
