/**
 * CCAI Platform, Agent → Get Many, on the Manager API's agents: what reached the wire (the filters
 * as Rails reads lists, the tailing sort, Basic auth) and what the user got (simplified agents, or
 * the whole agent; each agent once, however the list moves), its errors included.
 *
 * `prepare (no server)`: the operation on its own, with a recording Api (test/helpers/prepare.ts).
 */
import type { IDataObject } from 'n8n-workflow';

import { prepare } from '../../../nodes/CcaiPlatform/actions/agent/getAll.operation';
import { ccaiService } from '../../../nodes/CcaiPlatform/transport';
import { basicValue, CCAI, ccaiCredentials } from '../../helpers/ccai';
import { runWorkflow, withParameters, workflowFile } from '../../helpers/n8n';
import { answer, itemParameters, refusal, sendPrepared } from '../../helpers/prepare';
import { useSandbox } from '../../helpers/sandbox';

const sandbox = useSandbox();
const ccai = () => sandbox.current.services.ccai;
const agentRequests = () => ccai().requests.filter((request) => request.path === '/manager/api/v1/agents');
/** Every value of each query parameter of a request, as the sandbox received them. */
const queryAll = (request: unknown) => (request as { queryAll: Record<string, string[]> }).queryAll;

async function getAgents(parameters: IDataObject = {}, input?: IDataObject[]) {
	const workflow = withParameters(workflowFile('ccai-agent-get-many.json'), 'Get Agents', parameters);
	return await runWorkflow(workflow, { credentials: ccaiCredentials(sandbox.current), input });
}

describe('Get Many', () => {
	test('lists every agent, tailed by status change, simplified by default: the fields a workflow routes on', async () => {
		const result = await getAgents();
		const [request] = agentRequests();
		expect(request.headers.authorization).toBe(`Basic ${basicValue(CCAI.subdomain, CCAI.apiToken)}`);
		expect(request.query).toEqual({ sort_column: 'status_updated_at', sort_direction: 'ASC', page: '1', per: '100' });
		const items = result.output('Get Agents').map((item) => item.json);
		// Oldest status change first, as the sandbox seeded them: a minute apart, in ID order.
		expect(items.map((agent) => agent.id)).toEqual([1, 2, 3, 4, 5]);
		expect(items[2]).toEqual({
			id: 3,
			name: 'Busy Agent',
			email: 'busy.agent@acme.example',
			agent_number: 'A-103',
			status: 'In-Call',
			status_updated_at: (request.response as IDataObject[])[2].status_updated_at,
			online: true,
			wrap_up: false,
			call_count: 1,
			chat_count: 0,
			teams: ['Support'],
		});
		expect(result.output('Get Agents').every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	test('Simplify off: each agent exactly as CCAI Platform sent it', async () => {
		const result = await getAgents({ simplify: false, returnAll: false, limit: 2 });
		const [request] = agentRequests();
		expect(request.query.per).toBe('2');
		expect(result.output('Get Agents').map((item) => item.json)).toEqual(request.response);
		expect(Object.keys(result.output('Get Agents')[0].json)).toEqual(expect.arrayContaining(['status', 'teams', 'channels', 'roles', 'last_login_time']));
	});

	test('the filters go as the Manager API reads lists (id[]=…&id[]=…), and the answer holds only agents that pass them', async () => {
		const result = await getAgents({
			filters: { agentIds: [2, 4, 5], online: 'online', statusIds: [1], agentNumbers: 'A-102, A-105' },
		});
		const [request] = agentRequests();
		expect(queryAll(request)).toMatchObject({
			'id[]': ['2', '4', '5'],
			'agent_number[]': ['A-102', 'A-105'],
			'online[]': ['true'],
			'status_id[]': ['1'],
		});
		expect(result.output('Get Agents').map((item) => item.json.id)).toEqual([2, 5]);
	});

	test('Status Updated After and Before are sent as status_updated_at[from] and [to], to the second', async () => {
		const agents = ccai().agents;
		const result = await getAgents({
			filters: { statusUpdatedAfter: agents[1].statusUpdatedAt, statusUpdatedBefore: new Date(Date.parse(agents[3].statusUpdatedAt) + 400).toISOString() },
		});
		const [request] = agentRequests();
		expect(request.query['status_updated_at[from]']).toBe(agents[1].statusUpdatedAt);
		expect(request.query['status_updated_at[to]']).toBe(new Date(Date.parse(agents[3].statusUpdatedAt) + 1000).toISOString().replace('.000Z', 'Z'));
		expect(result.output('Get Agents').map((item) => item.json.id)).toEqual([2, 3, 4]);
	});

	test('many agents: page after page, each agent once although statuses change while the pages are read', async () => {
		const base = ccai().agents[0];
		for (let id = 100; id < 350; id++) {
			ccai().agents.push({ ...base, id, email: `agent${id}@acme.example`, name: `Agent ${id}`, agentNumber: `A-${id}`, statusUpdatedAt: new Date(Date.parse('2020-01-01T00:00:00Z') + id * 1000).toISOString().replace('.000Z', 'Z') });
		}
		// Before the second page is read, an agent of the first page changes status: it moves to the end.
		const original = ccai().handle.bind(ccai());
		ccai().handle = (request) => {
			if (request.path === '/manager/api/v1/agents' && agentRequests().length === 2) ccai().agents.find((agent) => agent.id === 120)!.statusUpdatedAt = '2099-01-01T00:00:00Z';
			return original(request);
		};
		const result = await getAgents();
		const ids = result.output('Get Agents').map((item) => item.json.id as number);
		expect(ids).toHaveLength(255);
		expect(new Set(ids).size).toBe(255);
		expect(agentRequests().length).toBeGreaterThanOrEqual(3);
		// Tailing: the second read starts at the last agent's time, not at page 2.
		expect(agentRequests()[1].query).toMatchObject({ page: '1', 'status_updated_at[from]': expect.any(String) });
	});

	test('a list that repeats its page is stopped with an error, not read for ever', async () => {
		const page = Array.from({ length: 100 }, (_, index) => ({ id: index + 1, status_updated_at: '2030-01-01T00:00:00Z', status: { id: 1, name: 'Available' } }));
		ccai().handle = () => ({ status: 200, body: page, headers: { Link: '<http://elsewhere.example/agents?page=2>; rel="next"' } });
		const result = await getAgents();
		expect(result.error('Get Agents')?.message).toBe('CCAI Platform answered the same page of agents twice (agents 1 to 100), although it said that more follow');
		expect(ccai().requests).toHaveLength(2);
	});

	test('a 403 says the credentials may not read agents', async () => {
		ccai().addFault({ method: 'GET', path: '/manager/api/v1/agents', status: 403, body: { message: 'Forbidden' } });
		const result = await getAgents();
		expect(result.error('Get Agents')?.message).toBe('Forbidden (HTTP 403): the credentials may not read agents');
	});

	test.each([
		[{ filters: { agentIds: 'abc' } }, '"Agent IDs" has "abc", which is not an agent ID (a whole number above 0) (item 0)'],
		[{ filters: { statusIds: [1, 'x'] } }, '"Statuses" has "x", which is not an agent status ID (a whole number above 0) (item 0)'],
		[{ filters: { statusUpdatedAfter: '2030-01-02T00:00:00Z', statusUpdatedBefore: '2030-01-01T00:00:00Z' } }, '"Status Updated Before" (2030-01-01T00:00:00.000Z) is earlier than "Status Updated After" (2030-01-02T00:00:00.000Z) (item 0)'],
		[{ filters: { online: 'maybe' } }, '"Online" "maybe" is not one of any, online, offline (item 0)'],
	])('%j is refused before anything is sent, saying what is expected', async (parameters, message) => {
		const result = await getAgents(parameters);
		expect(result.error('Get Agents')?.message).toBe(message);
		expect(ccai().requests).toEqual([]);
	});
});

describe('prepare (no server)', () => {
	test('a read that may be retried, lists written into the path, unordered', async () => {
		const prepared = prepare(itemParameters({ returnAll: false, limit: 3, filters: { agentIds: '11, 12,11', online: 'offline' } }));
		expect(prepared.key).toBeUndefined();
		const agent = { id: 11, first_name: 'Ada', last_name: 'Lovelace', status: { id: 2, name: 'Lunch' }, online: false, teams: [{ id: 1, name: 'Support' }] };
		const { output, requests } = await sendPrepared(prepared, ccaiService, answer([agent]));
		expect(requests).toEqual([
			{
				method: 'GET',
				path: '/manager/api/v1/agents?id%5B%5D=11&id%5B%5D=12&online%5B%5D=false',
				qs: { sort_column: 'status_updated_at', sort_direction: 'ASC', page: 1, per: 3 },
				idempotent: true,
			},
		]);
		expect(output).toEqual([
			{ id: 11, name: 'Ada Lovelace', email: null, agent_number: null, status: 'Lunch', status_updated_at: null, online: false, wrap_up: null, call_count: null, chat_count: null, teams: ['Support'] },
		]);
	});

	test('an agent the service sent although a filter excludes it is left out', async () => {
		const prepared = prepare(itemParameters({ filters: { agentIds: [11] }, simplify: false }));
		const { output } = await sendPrepared(prepared, ccaiService, answer([{ id: 11 }, { id: 12 }]));
		expect(output).toEqual([{ id: 11 }]);
	});

	test('a Limit that is not a whole number is the named-field error of its item', () => {
		expect(refusal(() => prepare(itemParameters({ returnAll: false, limit: 2.5 }, 4)))).toEqual({
			message: '"Limit" must be a whole number above 0, not 2.5 (item 4)',
			itemIndex: 4,
		});
	});
});
