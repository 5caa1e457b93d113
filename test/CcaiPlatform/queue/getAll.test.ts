/**
 * CCAI Platform, Queue → Get Many, on the Manager API's menus (what a contact center calls
 * queues): by ID, or as the tree callers walk through; simplified by default; paged like calls.
 *
 * `prepare (no server)`: the operation on its own, with a recording Api (test/helpers/prepare.ts).
 */
import type { IDataObject } from 'n8n-workflow';

import { prepare } from '../../../nodes/CcaiPlatform/actions/queue/getAll.operation';
import { ccaiService } from '../../../nodes/CcaiPlatform/transport';
import { ccaiCredentials } from '../../helpers/ccai';
import { runWorkflow, withParameters, workflowFile } from '../../helpers/n8n';
import { answer, itemParameters, sendPrepared } from '../../helpers/prepare';
import { useSandbox } from '../../helpers/sandbox';

const sandbox = useSandbox();
const ccai = () => sandbox.current.services.ccai;

async function getQueues(parameters: IDataObject = {}) {
	const workflow = withParameters(workflowFile('ccai-queue-get-many.json'), 'Get Queues', parameters);
	return await runWorkflow(workflow, { credentials: ccaiCredentials(sandbox.current) });
}

describe('Get Many', () => {
	test('lists the queues by ID from GET /menus, simplified: without their agent and team assignments', async () => {
		const result = await getQueues();
		const [request] = ccai().requests;
		expect([request.method, request.path, request.query]).toEqual(['GET', '/manager/api/v1/menus', { sort_column: 'id', sort_direction: 'ASC', page: '1', per: '100' }]);
		const items = result.output('Get Queues').map((item) => item.json);
		expect(items.map((queue) => queue.id)).toEqual([9, 12, 20, 21, 50]);
		expect(items[1]).toEqual({ id: 12, name: 'App support', menu_type: 'mobile_menu', parent_id: null, position: 1, hidden: false, deleted: false });
	});

	test('As Tree reads GET /menus/tree, in the order callers walk through the queues', async () => {
		const result = await getQueues({ options: { tree: true } });
		expect(ccai().requests.map((request) => [request.path, request.query])).toEqual([['/manager/api/v1/menus/tree', { page: '1', per: '100' }]]);
		expect(result.output('Get Queues').map((item) => [item.json.id, item.json.parent_id])).toEqual([
			[9, null],
			[12, null],
			[20, 12],
			[21, 12],
			[50, null],
		]);
	});

	test('Simplify off: each queue as CCAI Platform sent it, assignments included; Limit asks for no more', async () => {
		const result = await getQueues({ simplify: false, returnAll: false, limit: 2 });
		const [request] = ccai().requests;
		expect(request.query.per).toBe('2');
		expect(result.output('Get Queues').map((item) => item.json)).toEqual(request.response);
		expect(result.output('Get Queues')[0].json).toHaveProperty('team_assignments');
	});

	test('a 403 says the credentials may not read queues; an answer that is not a list is an unexpected answer', async () => {
		ccai().addFault({ method: 'GET', path: '/manager/api/v1/menus', status: 403, body: { message: 'Forbidden' } });
		expect((await getQueues()).error('Get Queues')?.message).toBe('Forbidden (HTTP 403): the credentials may not read queues');
		ccai().handle = () => ({ status: 200, body: { menus: [] } });
		expect((await getQueues()).error('Get Queues')?.message).toBe('CCAI Platform answered with something other than a list of queues (HTTP 200)');
	});
});

describe('prepare (no server)', () => {
	test('a read that may be retried, page after page while the Link header says more follow, each queue once', async () => {
		const prepared = prepare(itemParameters({ returnAll: true, simplify: false }));
		expect(prepared.key).toBeUndefined();
		const more = { link: '<https://acme.example/manager/api/v1/menus?page=2>; rel="next"' };
		const { output, requests } = await sendPrepared(prepared, ccaiService, [answer([{ id: 1 }, { id: 2 }], 200, more), answer([{ id: 2 }, { id: 3 }])]);
		expect(requests.map((request) => [request.path, request.qs, request.idempotent])).toEqual([
			['/manager/api/v1/menus', { sort_column: 'id', sort_direction: 'ASC', page: 1, per: 100 }, true],
			['/manager/api/v1/menus', { sort_column: 'id', sort_direction: 'ASC', page: 2, per: 100 }, true],
		]);
		expect(output).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
	});
});
