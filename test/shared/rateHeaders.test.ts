/**
 * Rate headers that make no sense (issue "Hardening the new surfaces", finding 7): every wait is
 * bounded. An absurd X-RateLimit-Cost or Retry-After never makes a timer overflow or an execution
 * hang; a wait longer than the node waits (60 s) fails the items it holds at once — also those
 * already waiting in the limiter — with a message that quotes the service's own figure.
 */
import { ccaiCredentials } from '../helpers/ccai';
import { goSquaredCredentials } from '../helpers/gosquared';
import { runWorkflow, withParameters, workflowFile } from '../helpers/n8n';
import { useSandbox } from '../helpers/sandbox';

const sandbox = useSandbox();

/** Node's warnings while `work` runs, e.g. TimeoutOverflowWarning from a timer of 2^31 ms or more. */
async function warningsDuring(work: () => Promise<void>): Promise<string[]> {
	const warnings: string[] = [];
	const listener = (warning: Error) => warnings.push(warning.name);
	process.on('warning', listener);
	try {
		await work();
		// Warnings are emitted on the next tick.
		await new Promise((resolve) => setImmediate(resolve));
	} finally {
		process.off('warning', listener);
	}
	return warnings;
}

test('GoSquared: an X-RateLimit-Cost of 1e12, more than the whole budget, is not believed: every item goes, without a timer warning', async () => {
	const gosquared = sandbox.current.services.gosquared;
	gosquared.addFault({ method: 'GET', path: '/account/v1/webhooks', status: 200, body: { list: [] }, headers: { 'X-RateLimit-Cost': '1e12' }, times: 5 });
	const workflow = withParameters(workflowFile('gosquared-webhook-get-many.json'), 'Get Webhooks', { requestOptions: { concurrency: 1 } });
	// A credential of its own: the emptied budget is this credential's.
	workflow.nodes[1].credentials = { goSquaredApi: { id: 'gs-cost-1e12', name: 'GoSquared (absurd cost)' } };
	let result: Awaited<ReturnType<typeof runWorkflow>> | undefined;
	const warnings = await warningsDuring(async () => {
		result = await runWorkflow(workflow, { credentials: goSquaredCredentials(sandbox.current), input: [{}, {}, {}, {}, {}] });
	});
	expect(result?.error('Get Webhooks')).toBeUndefined();
	expect(gosquared.requests.map((request) => request.status)).toEqual([200, 200, 200, 200, 200]);
	expect(warnings).toEqual([]);
});

test('CCAI Platform: a Retry-After of 99999999 s fails the items at once, quoting the figure, without a timer warning', async () => {
	const ccai = sandbox.current.services.ccai;
	ccai.addFault({ method: 'GET', path: '/manager/api/v1/calls', status: 429, retryAfter: 99_999_999, times: 20 });
	const workflow = withParameters(workflowFile('ccai-get-many-calls.json'), 'Get Calls', { requestOptions: { concurrency: 5 } });
	workflow.nodes[1].onError = 'continueRegularOutput';
	workflow.nodes[1].credentials = { ccaiPlatformApi: { id: 'ccai-retry-after-huge', name: 'CCAI (huge Retry-After)' } };
	let result: Awaited<ReturnType<typeof runWorkflow>> | undefined;
	const warnings = await warningsDuring(async () => {
		result = await runWorkflow(workflow, { credentials: ccaiCredentials(sandbox.current), input: Array.from({ length: 8 }, () => ({})) });
	});
	expect(warnings).toEqual([]);
	const output = result!.output('Get Calls');
	expect(output).toHaveLength(8);
	// The items that got the 429 say what the service asked; the others were not sent, and say why.
	for (const item of output) {
		expect(item.json.httpCode).toBe('429');
		expect(`${String(item.json.error)} ${String(item.json.description)}`).toContain('Retry-After: 99999999');
	}
	const sent = ccai.requests.filter((request) => request.path === '/manager/api/v1/calls').length;
	expect(sent).toBeLessThan(8);
	expect(output.filter((item) => /asked for a pause of \d+ s/.test(String(item.json.error))).length).toBe(8 - sent);
});

test('CCAI Platform: after a Retry-After of 600 s, items already waiting in the limiter fail at once instead of hanging ten minutes', async () => {
	const ccai = sandbox.current.services.ccai;
	ccai.latencyMs = 200;
	const [call] = ccai.addCalls({ count: 1, from: Date.now() - 60_000, status: 'finished' });
	const path = `/manager/api/v1/calls/${call.id}`;
	ccai.addFault({ method: 'GET', path, status: 429, retryAfter: 600, times: 1 });
	const workflow = withParameters(workflowFile('ccai-get-call.json'), 'Get Call', { requestOptions: { concurrency: 30 } });
	workflow.nodes[1].onError = 'continueRegularOutput';
	workflow.nodes[1].credentials = { ccaiPlatformApi: { id: 'ccai-retry-after-600', name: 'CCAI (Retry-After 600)' } };
	// 30 items at 10 requests a second: 20 of them wait in the limiter when the 429 comes back.
	const result = await runWorkflow(workflow, {
		credentials: ccaiCredentials(sandbox.current),
		input: Array.from({ length: 30 }, () => ({ callId: call.id })),
	});
	const output = result.output('Get Call');
	expect(output).toHaveLength(30);
	const paused = output.filter((item) => /^CCAI Platform asked for a pause of 60\d s before the next request \(rate limit\)$/.test(String(item.json.error)));
	expect(paused.length).toBeGreaterThanOrEqual(15);
	for (const item of paused) expect(String(item.json.description)).toMatch(/^Retry-After: 600: a pause of 60\d s, longer than the node waits \(60 s\)/);
	// Nothing was sent for them; the ten sent before the 429 came back were answered.
	expect(ccai.requests.filter((request) => request.path === path).length).toBe(30 - paused.length);
	expect(output.filter((item) => item.json.id === call.id)).toHaveLength(9);
});
