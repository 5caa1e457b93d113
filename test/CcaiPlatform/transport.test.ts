/**
 * The CCAI Platform transport's call listing (collectList of CALLS) against a list that never ends: a
 * `Link: rel="next"` that always points on, as a proxy or an API change could send (issue 16,
 * finding 5). No server: a stand-in for the request layer answers each page at once, so that the
 * ceiling can be reached in milliseconds; it gives up after 2 000 pages, so that a listing without a
 * ceiling fails here rather than running for ever.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Api, ApiResponse, RequestSpec } from '../../nodes/shared/request';
import { CALLS, collectList } from '../../nodes/CcaiPlatform/transport/listing';

const GIVE_UP = 2000;

function endlessList() {
	const requests: RequestSpec[] = [];
	const api = {
		async request(spec: RequestSpec): Promise<ApiResponse<IDataObject[]>> {
			requests.push(spec);
			if (requests.length > GIVE_UP) throw new Error(`still reading after ${GIVE_UP} pages`);
			// A little time between pages, as a network gives: other timers (Jest's) still run.
			await new Promise((resolve) => setImmediate(resolve));
			const page = requests.length;
			const at = new Date(Date.parse('2030-01-01T00:00:00Z') + page * 1000).toISOString();
			const calls = Array.from({ length: 100 }, (_, index) => ({ id: page * 100 + index, status: 'finished', created_at: at, updated_at: at }));
			return { statusCode: 200, headers: { link: '<https://proxy.example/calls?page=9999>; rel="next"' }, body: calls };
		},
		error: ({ message }: { message: string }) => new Error(message),
		unexpectedAnswer: (expected: string) => new Error(`not ${expected}`),
	} as unknown as Api;
	return { api, requests };
}

test.each([
	['Return All', { limit: undefined, accept: () => true, filtersLocally: false }],
	['a Statuses filter no call passes', { limit: 5, accept: () => false, filtersLocally: true }],
])('%s: ends with a clear error at the ceiling, within bounded requests', async (_name, options) => {
	const { api, requests } = endlessList();
	const error = await collectList(api, CALLS, { query: { sort_column: 'created_at', sort_direction: 'DESC' }, ...options }).catch((caught: Error) => caught);
	expect(error).toBeInstanceOf(Error);
	expect((error as Error).message).toBe(
		`CCAI Platform's list of calls went on past ${CALLS.max} calls; the node stopped reading it`,
	);
	expect(requests.length).toBe(CALLS.max / 100);
});
