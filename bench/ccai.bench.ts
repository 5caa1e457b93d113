/**
 * Throughput of the CCAI Platform node against the sandbox's 10-requests-per-second limit, by
 * concurrency and service latency: how close the per-credential limiter gets to the limit, and
 * that it never draws a 429. Prints a table; the figures are for reading, not asserting.
 */
import { ccaiCredentials } from '../test/helpers/ccai';
import { runWorkflow, withParameters, workflowFile } from '../test/helpers/n8n';
import { useSandbox } from '../test/helpers/sandbox';

const sandbox = useSandbox();
const ITEMS = Number(process.env.BENCH_ITEMS ?? 40);
const LATENCIES_MS = (process.env.BENCH_LATENCIES_MS ?? '20,150').split(',').map(Number);

test(`Call → Create on ${ITEMS} items against a 10 requests/s limit`, async () => {
	const rows: string[] = [];
	for (const latency of LATENCIES_MS) {
		for (const concurrency of [1, 5, 10, 25]) {
			sandbox.current.reset();
			const ccai = sandbox.current.services.ccai;
			ccai.latencyMs = latency;
			const workflow = withParameters(workflowFile('ccai-create-call.json'), 'Create Call', {
				requestOptions: { concurrency },
			});
			// A credential of its own per run, so that every run starts with a fresh limiter budget.
			workflow.nodes[1].credentials = { ccaiPlatformApi: { id: `bench-${latency}-${concurrency}`, name: 'bench' } };
			const input = Array.from({ length: ITEMS }, (_, index) => ({
				agentEmail: 'admin@acme.example',
				endUserNumber: `+1 859-657-${String(1000 + index)}`,
			}));
			global.gc?.();
			const heapBefore = process.memoryUsage().heapUsed;
			const started = process.hrtime.bigint();
			const result = await runWorkflow(workflow, { credentials: ccaiCredentials(sandbox.current), input });
			const ms = Number(process.hrtime.bigint() - started) / 1e6;
			const heapAfter = process.memoryUsage().heapUsed;
			expect(result.output('Create Call')).toHaveLength(ITEMS);
			expect(ccai.createdCalls).toHaveLength(ITEMS);
			// The rate the service sees once the first budget of 10 is spent: request n + 10 arrives
			// one window (plus latency) after request n.
			const arrivals = ccai.requests.map((request) => Date.parse(request.at)).sort((a, b) => a - b);
			const sustained = (ITEMS - 10) / ((arrivals[ITEMS - 10] - arrivals[0]) / 1000);
			rows.push(
				[
					`${latency} ms`.padStart(7),
					String(concurrency).padStart(11),
					`${ms.toFixed(0)} ms`.padStart(10),
					`${((ITEMS / ms) * 1000).toFixed(2)}`.padStart(8),
					sustained.toFixed(2).padStart(10),
					String(ccai.maxInFlight).padStart(9),
					String(ccai.requests.filter((request) => request.status === 429).length).padStart(5),
					`${((heapAfter - heapBefore) / 1024 / 1024).toFixed(1)} MiB`.padStart(10),
				].join(' '),
			);
		}
	}
	process.stdout.write(
		[
			'',
			`CCAI Platform Call → Create, ${ITEMS} items, sandbox limit 10 requests/s (token bucket), node limiter 10 per window of 1.05 s counted until each answer (each run starts with a full budget)`,
			'latency concurrency    elapsed  items/s sustained in flight  429s heap delta',
			...rows,
			'',
		].join('\n'),
	);
});
