/**
 * CCAI Platform, Queue → Get: one menu (queue) from the Manager API, picked from the list or by ID.
 *
 * `prepare (no server)`: the operation on its own, with a recording Api (test/helpers/prepare.ts).
 */
import type { IDataObject } from 'n8n-workflow';

import { prepare } from '../../../nodes/CcaiPlatform/actions/queue/get.operation';
import { ccaiService } from '../../../nodes/CcaiPlatform/transport';
import { ccaiCredentials } from '../../helpers/ccai';
import { runWorkflow, withParameters, workflowFile } from '../../helpers/n8n';
import { answer, itemParameters, refusal, sendPrepared } from '../../helpers/prepare';
import { useSandbox } from '../../helpers/sandbox';

const sandbox = useSandbox();
const ccai = () => sandbox.current.services.ccai;

async function getQueue(input: IDataObject[], parameters: IDataObject = {}) {
	const workflow = withParameters(workflowFile('ccai-queue-get.json'), 'Get Queue', parameters);
	return await runWorkflow(workflow, { credentials: ccaiCredentials(sandbox.current), input });
}

describe('Get', () => {
	test('reads GET /menus/:id; simplified by default, whole with Simplify off', async () => {
		const simplified = await getQueue([{ queueId: 20 }]);
		expect(ccai().requests.map((request) => `${request.method} ${request.path}`)).toEqual(['GET /manager/api/v1/menus/20']);
		expect(simplified.output('Get Queue')[0].json).toEqual({ id: 20, name: 'App support (night)', menu_type: 'mobile_menu', parent_id: 12, position: 0, hidden: false, deleted: false });

		const whole = await getQueue([{ queueId: 20 }], { simplify: false });
		expect(whole.output('Get Queue')[0].json).toEqual(ccai().requests[1].response);
		expect(whole.output('Get Queue')[0].json.agent_assignments).toEqual(expect.arrayContaining([expect.objectContaining({ assignee: expect.objectContaining({ id: 2 }) })]));
	});

	test('an unknown queue: the Manager API\'s 404, saying what to check', async () => {
		const result = await getQueue([{ queueId: 4242 }]);
		expect(result.error('Get Queue')?.message).toBe('Menu 4242 not found (HTTP 404): no queue with this ID, or the subdomain or domain is wrong');
	});

	test.each([
		['abc', '"Queue ID" must be a whole number above 0, not "abc" (item 0)'],
		['', '"Queue ID" is required: pick a queue, or give the numeric ID of one (a menu ID), e.g. 12 (item 0)'],
	])('a Queue ID of %p is refused before anything is sent', async (queueId, message) => {
		const result = await getQueue([{ queueId }]);
		expect(result.error('Get Queue')?.message).toBe(message);
		expect(ccai().requests).toEqual([]);
	});
});

describe('prepare (no server)', () => {
	test('the queue picked from the list, read as a read that may be retried', async () => {
		const prepared = prepare(itemParameters({ queueId: { __rl: true, mode: 'list', value: '12' } }));
		const { output, requests } = await sendPrepared(prepared, ccaiService, answer({ id: 12, name: 'App support', agent_assignments: [] }));
		expect(requests).toEqual([{ method: 'GET', path: '/manager/api/v1/menus/12', idempotent: true, notFoundIsAnswer: false }]);
		expect(output).toEqual({ id: 12, name: 'App support', menu_type: null, parent_id: null, position: null, hidden: null, deleted: null });
	});

	test('a Queue ID typed By ID as a path is the named-field error of its item', () => {
		expect(refusal(() => prepare(itemParameters({ queueId: { __rl: true, mode: 'id', value: '12/../1' } }, 2)))).toEqual({
			message: '"Queue ID" must be a whole number above 0, not "12/../1" (item 2)',
			itemIndex: 2,
		});
	});
});
