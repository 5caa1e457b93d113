/**
 * CCAI Platform allows 10 requests per second per account. The sandbox enforces it (a token
 * bucket answering 429 with Retry-After); the node's per-credential limiter keeps under it, so
 * that a large batch never meets a 429 at all.
 */
import axios from 'axios';

import { CCAI, ccaiCredentials } from '../helpers/ccai';
import { runWorkflow, withParameters, workflowFile } from '../helpers/n8n';
import { useSandbox } from '../helpers/sandbox';

const sandbox = useSandbox();
const ccai = () => sandbox.current.services.ccai;

const items = (count: number, offset = 0) =>
	Array.from({ length: count }, (_, index) => ({
		agentEmail: 'admin@acme.example',
		endUserNumber: `+1 859-657-${String(1000 + offset + index).padStart(4, '0')}`,
	}));

/** 15 reads at once, as fast as the machine sends them; the answers' statuses in arrival order. */
async function burst(count: number) {
	const answers = await Promise.all(
		Array.from({ length: count }, () =>
			axios.get(`${sandbox.current.baseUrls.ccai}/calls/397/customer_flag`, {
				auth: { username: CCAI.subdomain, password: CCAI.apiToken },
				validateStatus: () => true,
			}),
		),
	);
	return answers;
}

test('the sandbox itself answers a burst beyond 10 per second with 429 and Retry-After', async () => {
	// The sandbox's clock stands still during the burst, so however slowly this machine sends the
	// 15 requests, none of its tokens refill in between: exactly 10 pass and 5 are refused.
	let now = 1_000_000;
	ccai().now = () => now;
	const answers = await burst(15);
	const limited = answers.filter((answer) => answer.status === 429);
	expect(answers.filter((answer) => answer.status === 200)).toHaveLength(10);
	expect(limited).toHaveLength(5);
	expect(limited[0].headers['retry-after']).toBe('1');
	expect(limited[0].data).toEqual({ message: 'Rate limit exceeded: 10 requests per 1 second(s)' });
	expect(ccai().rateLimited).toBe(5);

	// 100 ms later one token is back (10 per second), and only one.
	now += 100;
	expect((await burst(2)).map((answer) => answer.status).sort()).toEqual([200, 429]);
	// A second after that the bucket is full again: 10 at once.
	now += 1000;
	expect((await burst(10)).every((answer) => answer.status === 200)).toBe(true);
	expect(ccai().rateLimited).toBe(6);
});

test('100 calls with Concurrency 10: every one created, and not a single 429', async () => {
	const workflow = withParameters(workflowFile('ccai-create-call.json'), 'Create Call', {
		requestOptions: { concurrency: 10 },
	});
	// A little latency, so that concurrent requests really overlap at the service.
	ccai().latencyMs = 30;
	const started = Date.now();
	const result = await runWorkflow(workflow, { credentials: ccaiCredentials(sandbox.current), input: items(100) });
	const elapsed = Date.now() - started;

	expect(result.error('Create Call')).toBeUndefined();
	const output = result.output('Create Call');
	expect(output).toHaveLength(100);
	expect(output.every((item) => item.json.outcome === 'created')).toBe(true);
	expect(output.map((item) => item.pairedItem)).toEqual(Array.from({ length: 100 }, (_, item) => ({ item })));
	// The sandbox's own record: 100 requests, all 201, none refused by its limiter.
	expect(ccai().requests).toHaveLength(100);
	expect(ccai().requests.filter((request) => request.status === 429)).toEqual([]);
	expect(ccai().rateLimited).toBe(0);
	expect(ccai().createdCalls).toHaveLength(100);
	// 10 at once, then 10 a second: 100 requests cannot take less than 9 seconds.
	expect(elapsed).toBeGreaterThanOrEqual(9000);
	// Concurrency was really used: several requests were in flight together.
	expect(ccai().maxInFlight).toBeGreaterThan(1);
});

test('two executions with the same credential share its budget: still no 429', async () => {
	const workflow = withParameters(workflowFile('ccai-create-call.json'), 'Create Call', {
		requestOptions: { concurrency: 10 },
	});
	const credentials = ccaiCredentials(sandbox.current);
	const [first, second] = await Promise.all([
		runWorkflow(workflow, { credentials, input: items(25) }),
		runWorkflow(workflow, { credentials, input: items(25, 25) }),
	]);
	expect(first.output('Create Call')).toHaveLength(25);
	expect(second.output('Create Call')).toHaveLength(25);
	expect(ccai().requests.filter((request) => request.status === 429)).toEqual([]);
	expect(ccai().createdCalls).toHaveLength(50);
});
