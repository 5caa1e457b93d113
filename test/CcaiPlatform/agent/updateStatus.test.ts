/**
 * CCAI Platform, Agent → Update Status, on the Apps API's agent_statuses: what reached the wire
 * (the status, the agents and the teams in one request), what the user got (one item per agent
 * changed), the service's refusal of system statuses such as In-Call and what it says, and the
 * retry policy: safe to repeat, so retried like a read; items sent one after another.
 *
 * `prepare (no server)`: the operation on its own, with a recording Api (test/helpers/prepare.ts).
 */
import type { IDataObject } from 'n8n-workflow';

import { prepare } from '../../../nodes/CcaiPlatform/actions/agent/updateStatus.operation';
import { ccaiService } from '../../../nodes/CcaiPlatform/transport';
import { basicValue, CCAI, ccaiCredentials } from '../../helpers/ccai';
import { runWorkflow, withParameters, workflowFile } from '../../helpers/n8n';
import { answer, itemParameters, refusal, sendPrepared } from '../../helpers/prepare';
import { useSandbox } from '../../helpers/sandbox';

const sandbox = useSandbox();
const ccai = () => sandbox.current.services.ccai;
const posts = () => ccai().requests.filter((request) => request.method === 'POST' && request.path === '/apps/api/v1/agent_statuses');
const statusOf = (id: number) => ccai().agents.find((agent) => agent.id === id)?.status;

async function updateStatus(input: IDataObject[], parameters: IDataObject = {}) {
	const workflow = withParameters(workflowFile('ccai-agent-update-status.json'), 'Update Status', parameters);
	return await runWorkflow(workflow, { credentials: ccaiCredentials(sandbox.current), input });
}

describe('Update Status', () => {
	test('sets agents and whole teams in one request; one item per agent changed, as CCAI Platform answered', async () => {
		const result = await updateStatus([{ status: 'Lunch', agentIds: [2], teamIds: [2] }]);
		const [request] = posts();
		expect(request.headers.authorization).toBe(`Basic ${basicValue(CCAI.subdomain, CCAI.apiToken)}`);
		expect(request.json).toEqual({ status: 'Lunch', agent_ids: [2], team_ids: [2] });
		const items = result.output('Update Status');
		expect(items.map((item) => item.json)).toEqual(request.response);
		expect(items.map((item) => [item.json.agent_id, item.json.previous_status, item.json.current_status])).toEqual([
			[2, 'Available', 'Lunch'],
			[4, 'Offline', 'Lunch'],
			[5, 'Available', 'Lunch'],
		]);
		expect(items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
		expect([statusOf(2), statusOf(4), statusOf(5), statusOf(1)]).toEqual(['Lunch', 'Lunch', 'Lunch', 'Available']);
	});

	test('the status picked from the list, and IDs given as text separated by commas', async () => {
		await updateStatus([{}], { status: { __rl: true, mode: 'list', value: 'Break', cachedResultName: 'Break' }, agentIds: '1, 5', teamIds: '' });
		expect(posts()[0].json).toEqual({ status: 'Break', agent_ids: [1, 5], team_ids: [] });
		expect([statusOf(1), statusOf(5)]).toEqual(['Break', 'Break']);
	});

	test('an agent in a system status (In-Call): CCAI Platform refuses, and the message says why and what to do', async () => {
		const result = await updateStatus([{ status: 'Available', agentIds: [], teamIds: [1] }]);
		const error = result.error('Update Status');
		expect(error?.message).toBe(
			"Can't change the status of agents in a system status: Busy Agent (3) is In-Call (HTTP 400): CCAI Platform moves agents between Available and custom statuses only, never into or out of a system status such as In-Call, and only to a status it knows",
		);
		expect(error?.description).toMatch(/^Agents in a call or a chat are in a system status that CCAI Platform sets itself; leave them out, or run the item again when they are free\./);
		expect(error?.httpCode).toBe('400');
		// A refusal is an answer, not a failure to retry.
		expect(posts()).toHaveLength(1);
		expect([statusOf(1), statusOf(2), statusOf(3)]).toEqual(['Available', 'Available', 'In-Call']);
	});

	test('a system status as the status to set is refused the same way', async () => {
		const result = await updateStatus([{ status: 'In-Call', agentIds: [2] }]);
		expect(result.error('Update Status')?.message).toMatch(/^Can't change agents to the system status 'In-Call' \(HTTP 400\): CCAI Platform moves agents/);
		expect(statusOf(2)).toBe('Available');
	});

	test('a status CCAI Platform does not know: its own message', async () => {
		const result = await updateStatus([{ status: 'Gone fishing', agentIds: [2] }]);
		expect(result.error('Update Status')?.message).toMatch(/^Status 'Gone fishing' is not found \(HTTP 400\)/);
	});

	test('safe to repeat: a 500 and a timeout are retried, and the agents end in the status asked for', async () => {
		ccai().addFault({ method: 'POST', path: '/apps/api/v1/agent_statuses', status: 500, times: 1 });
		ccai().addFault({ method: 'POST', path: '/apps/api/v1/agent_statuses', delayMs: 600, process: true, times: 1 });
		const result = await updateStatus([{ status: 'Training', agentIds: [2] }], { requestOptions: { timeout: 300 } });
		expect(result.error('Update Status')).toBeUndefined();
		expect(posts().length).toBeGreaterThanOrEqual(3);
		expect(result.output('Update Status').map((item) => item.json.current_status)).toEqual(['Training']);
		expect(statusOf(2)).toBe('Training');
	});

	test('items are sent one after another, in input order: the last one wins', async () => {
		ccai().latencyMs = 40;
		const result = await updateStatus([
			{ status: 'Lunch', agentIds: [2] },
			{ status: 'Break', agentIds: [2] },
			{ status: 'Available', agentIds: [2] },
		]);
		expect(result.output('Update Status').map((item) => item.json.current_status)).toEqual(['Lunch', 'Break', 'Available']);
		// Each request arrived after the one before had its answer.
		const sent = posts();
		expect(sent.map((request) => (request.json as IDataObject).status)).toEqual(['Lunch', 'Break', 'Available']);
		for (let index = 1; index < sent.length; index++) expect(sent[index].seq).toBeGreaterThan(sent[index - 1].answeredAtSeq!);
		expect(statusOf(2)).toBe('Available');
	});

	test.each([
		[{ status: '', agentIds: [2] }, '"Status" is required: give the name of an agent status, e.g. Available (item 0)'],
		[{ status: 'Lunch', agentIds: [], teamIds: [] }, '"Agents" and "Teams" are both empty: give at least one agent ID or team ID, e.g. 11 (item 0)'],
		[{ status: 'Lunch', agentIds: ['Alex'] }, '"Agents" has "Alex", which is not an agent ID (a whole number above 0) (item 0)'],
		[{ status: 'Lunch', agentIds: [], teamIds: [0] }, '"Teams" has 0, which is not a team ID (a whole number above 0) (item 0)'],
	])('%j is refused before anything is sent, saying what is expected', async (input, message) => {
		const result = await updateStatus([input]);
		expect(result.error('Update Status')?.message).toBe(message);
		expect(ccai().requests).toEqual([]);
	});
});

describe('prepare (no server)', () => {
	test('one POST, safe to repeat, both lists always sent, every item under the same key', async () => {
		const prepared = prepare(itemParameters({ status: { __rl: true, mode: 'name', value: ' Lunch ' }, agentIds: [11, '12', 11] }));
		expect(prepared.key).toBe('agentStatuses');
		const answered = [{ agent_id: 11, previous_status: 'Available', current_status: 'Lunch' }];
		const { output, requests } = await sendPrepared(prepared, ccaiService, answer(answered));
		expect(requests).toEqual([
			{ method: 'POST', path: '/apps/api/v1/agent_statuses', body: { status: 'Lunch', agent_ids: [11, 12], team_ids: [] }, idempotent: true },
		]);
		expect(output).toEqual(answered);
	});

	test('an answer that is not a list of agents fails the item as an unexpected answer', async () => {
		const sending = sendPrepared(prepare(itemParameters({ status: 'Lunch', teamIds: [1] })), ccaiService, answer({ ok: true }));
		await expect(sending).rejects.toMatchObject({ message: 'CCAI Platform answered with something other than a list of the agents changed (HTTP 200)' });
	});

	test('no status is the named-field error of its item', () => {
		expect(refusal(() => prepare(itemParameters({ status: { __rl: true, mode: 'list', value: '' }, agentIds: [1] }, 3)))).toEqual({
			message: '"Status" is required: give the name of an agent status, e.g. Available (item 3)',
			itemIndex: 3,
		});
	});
});
