/**
 * CCAI Platform, Queue → SLA: the service level of every queue path over the last given minutes
 * (GET /manager/api/v1/menus/sla?minutes=N), one item per path.
 *
 * `prepare (no server)`: the operation on its own, with a recording Api (test/helpers/prepare.ts).
 */
import type { IDataObject } from 'n8n-workflow';

import { prepare } from '../../../nodes/CcaiPlatform/actions/queue/sla.operation';
import { ccaiService } from '../../../nodes/CcaiPlatform/transport';
import { ccaiCredentials } from '../../helpers/ccai';
import { runWorkflow, withParameters, workflowFile } from '../../helpers/n8n';
import { answer, itemParameters, refusal, sendPrepared } from '../../helpers/prepare';
import { useSandbox } from '../../helpers/sandbox';

const sandbox = useSandbox();
const ccai = () => sandbox.current.services.ccai;

async function sla(parameters: IDataObject = {}) {
	const workflow = withParameters(workflowFile('ccai-queue-sla.json'), 'Queue SLA', parameters);
	return await runWorkflow(workflow, { credentials: ccaiCredentials(sandbox.current) });
}

test('sends the minutes; one item per queue path, as CCAI Platform answered', async () => {
	const result = await sla({ minutes: 15 });
	const [request] = ccai().requests;
	expect([request.path, request.query]).toEqual(['/manager/api/v1/menus/sla', { minutes: '15' }]);
	expect(result.output('Queue SLA').map((item) => item.json)).toEqual(request.response);
	expect(result.output('Queue SLA').map((item) => item.json.menu_id)).toEqual([9, 12, 20, 21, 50]);
});

test('a 400 from CCAI Platform keeps its own message', async () => {
	ccai().addFault({ method: 'GET', path: '/manager/api/v1/menus/sla', status: 400, body: { error: 'Bad Request', message: 'minutes is too large', status: 400 } });
	expect((await sla()).error('Queue SLA')?.message).toBe('minutes is too large (HTTP 400)');
});

test.each([
	[0, '"Minutes" must be a whole number from 1 to 10080, not 0 (item 0)'],
	[1.5, '"Minutes" must be a whole number from 1 to 10080, not 1.5 (item 0)'],
	[20_000, '"Minutes" must be a whole number from 1 to 10080, not 20000 (item 0)'],
])('Minutes of %p is refused before anything is sent', async (minutes, message) => {
	expect((await sla({ minutes })).error('Queue SLA')?.message).toBe(message);
	expect(ccai().requests).toEqual([]);
});

describe('prepare (no server)', () => {
	test('a read that may be retried, with the minutes as a query parameter', async () => {
		const { output, requests } = await sendPrepared(prepare(itemParameters({ minutes: 30 })), ccaiService, answer([{ menu_id: 9, sla_percentage: 80 }]));
		expect(requests).toEqual([{ method: 'GET', path: '/manager/api/v1/menus/sla', qs: { minutes: 30 }, idempotent: true }]);
		expect(output).toEqual([{ menu_id: 9, sla_percentage: 80 }]);
	});

	test('no Minutes given: the default hour', async () => {
		const { requests } = await sendPrepared(prepare(itemParameters({})), ccaiService, answer([]));
		expect(requests[0].qs).toEqual({ minutes: 60 });
		expect(refusal(() => prepare(itemParameters({ minutes: 'soon' }, 1)))).toEqual({ message: '"Minutes" must be a whole number from 1 to 10080, not "soon" (item 1)', itemIndex: 1 });
	});
});
