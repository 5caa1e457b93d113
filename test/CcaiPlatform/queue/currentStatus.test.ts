/**
 * CCAI Platform, Queue → Current Status: the queues with callers waiting now
 * (GET /manager/api/v1/menus/current_status), one item per queue.
 *
 * `prepare (no server)`: the operation on its own, with a recording Api (test/helpers/prepare.ts).
 */
import { prepare } from '../../../nodes/CcaiPlatform/actions/queue/currentStatus.operation';
import { ccaiService } from '../../../nodes/CcaiPlatform/transport';
import { ccaiCredentials } from '../../helpers/ccai';
import { runWorkflow, workflowFile } from '../../helpers/n8n';
import { answer, sendPrepared } from '../../helpers/prepare';
import { useSandbox } from '../../helpers/sandbox';

const sandbox = useSandbox();
const ccai = () => sandbox.current.services.ccai;

const queueStatus = async () => await runWorkflow(workflowFile('ccai-queue-current-status.json'), { credentials: ccaiCredentials(sandbox.current) });

test('one item per queue with callers waiting, as CCAI Platform reports them; none waiting: no items', async () => {
	expect((await queueStatus()).output('Queue Status')).toEqual([]);
	// Two callers queue in App support (12), one in Lock Star (9).
	const request = { call_type: 'Voice Inbound (API)', end_user_number: '+18596579625' };
	for (const menu_id of [12, 12, 9]) {
		const created = await fetch(`${sandbox.current.baseUrls.ccai}/calls`, {
			method: 'POST',
			headers: { authorization: `Basic ${Buffer.from(`acme:${ccai().config.logins[0].password}`).toString('base64')}`, 'content-type': 'application/json' },
			body: JSON.stringify({ ...request, menu_id }),
		});
		expect(created.status).toBe(201);
	}
	const result = await queueStatus();
	const read = ccai().requests.filter((got) => got.path === '/manager/api/v1/menus/current_status').pop()!;
	expect(result.output('Queue Status').map((item) => item.json)).toEqual(read.response);
	expect(result.output('Queue Status').map((item) => [item.json.menu_id, item.json.in_queue])).toEqual([
		[9, 1],
		[12, 2],
	]);
});

test('a 401 says the credentials were refused, and the password is nowhere in the error', async () => {
	const result = await runWorkflow(workflowFile('ccai-queue-current-status.json'), { credentials: ccaiCredentials(sandbox.current, { password: 'ccai-wrong-token-000000' }) });
	const error = result.error('Queue Status');
	expect(error?.message).toBe('Invalid credentials (HTTP 401): CCAI Platform refused the credentials');
	expect(JSON.stringify(error)).not.toContain('ccai-wrong-token-000000');
});

describe('prepare (no server)', () => {
	test('a read that may be retried; an answer of one object is one item', async () => {
		const { output, requests } = await sendPrepared(prepare(), ccaiService, answer({ menu_id: 9, in_queue: 1 }));
		expect(requests).toEqual([{ method: 'GET', path: '/manager/api/v1/menus/current_status', qs: undefined, idempotent: true }]);
		expect(output).toEqual([{ menu_id: 9, in_queue: 1 }]);
	});

	test('an answer that is neither a list nor an object is an unexpected answer', async () => {
		await expect(sendPrepared(prepare(), ccaiService, answer('<html>login</html>'))).rejects.toMatchObject({
			message: "CCAI Platform answered with something other than the queues' current status (HTTP 200)",
		});
	});
});
