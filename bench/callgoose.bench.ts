/**
 * Throughput and memory of the Callgoose node on many items, by concurrency, against the sandbox
 * with a simulated service latency. Prints a table; the figures are for reading, not asserting.
 */
import { callgooseCredentials, TOKENS } from '../test/helpers/callgoose';
import { runWorkflow, withParameters, workflowFile } from '../test/helpers/n8n';
import { useSandbox } from '../test/helpers/sandbox';

const sandbox = useSandbox();
const ITEMS = Number(process.env.BENCH_ITEMS ?? 500);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 20);

test(`Run Workflow on ${ITEMS} items, service latency ${LATENCY_MS} ms`, async () => {
	const rows: string[] = [];
	for (const concurrency of [1, 5, 10, 25]) {
		sandbox.current.reset();
		sandbox.current.services.callgoose.latencyMs = LATENCY_MS;
		const workflow = withParameters(workflowFile('callgoose-run-workflow.json'), 'Run Workflow', {
			requestOptions: { concurrency },
		});
		const input = Array.from({ length: ITEMS }, (_, index) => ({
			workflowId: 'wf-restart-service',
			host: `host-${index}`,
			service: 'bench',
		}));
		global.gc?.();
		const heapBefore = process.memoryUsage().heapUsed;
		const started = process.hrtime.bigint();
		// Run Workflow takes a Callgoose Request token.
		const result = await runWorkflow(workflow, { credentials: callgooseCredentials(sandbox.current, { token: TOKENS.request }), input });
		const ms = Number(process.hrtime.bigint() - started) / 1e6;
		const heapAfter = process.memoryUsage().heapUsed;
		expect(result.output('Run Workflow')).toHaveLength(ITEMS);
		expect(sandbox.current.services.callgoose.runs).toHaveLength(ITEMS);
		rows.push(
			[
				String(concurrency).padStart(11),
				`${ms.toFixed(0)} ms`.padStart(10),
				`${((ITEMS / ms) * 1000).toFixed(1)}`.padStart(8),
				`${((ms / ITEMS) * 1).toFixed(2)} ms`.padStart(11),
				`${sandbox.current.services.callgoose.maxInFlight}`.padStart(9),
				`${((heapAfter - heapBefore) / 1024 / 1024).toFixed(1)} MiB`.padStart(10),
			].join(' '),
		);
	}
	process.stdout.write(
		[
			'',
			`Callgoose Run Workflow, ${ITEMS} items, ${LATENCY_MS} ms simulated latency per request`,
			'concurrency    elapsed  items/s  per item  in flight  heap delta',
			...rows,
			'',
		].join('\n'),
	);
});
