/**
 * The GoSquared node against GoSquared's rate limit (750 units a minute per user, as the sandbox
 * enforces it): how fast items go while under the limit, and what happens past it (the node
 * waits instead of collecting 429s). Prints a table; the figures are for reading, not asserting.
 */
import { goSquaredCredentials, SITES } from '../test/helpers/gosquared';
import { runWorkflow, withParameters, workflowFile } from '../test/helpers/n8n';
import { useSandbox } from '../test/helpers/sandbox';

const sandbox = useSandbox();
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 20);
const RUNS: Array<{ items: number; concurrency: number }> = [
	{ items: 700, concurrency: 1 },
	{ items: 700, concurrency: 10 },
	{ items: Number(process.env.BENCH_ITEMS ?? 800), concurrency: 10 },
];

test(`Webhook → Get under the 750 units/minute limit, service latency ${LATENCY_MS} ms`, async () => {
	const rows: string[] = [];
	for (const [index, { items, concurrency }] of RUNS.entries()) {
		sandbox.current.reset();
		const gosquared = sandbox.current.services.gosquared;
		gosquared.latencyMs = LATENCY_MS;
		gosquared.webhooks.push({ id: 1, site: SITES.main, name: 'bench', url: 'https://hooks.example.com', include_unverified: false, created: '' });
		const workflow = withParameters(workflowFile('gosquared-webhook-get.json'), 'Get Webhook', {
			requestOptions: { concurrency },
		});
		// A credential of its own per run: the client-side limiter is per credential.
		workflow.nodes[1].credentials = { goSquaredApi: { id: `gs-bench-${index}`, name: 'GoSquared bench' } };
		const input = Array.from({ length: items }, () => ({ webhookId: 1 }));
		const started = process.hrtime.bigint();
		const result = await runWorkflow(workflow, { credentials: goSquaredCredentials(sandbox.current), input });
		const ms = Number(process.hrtime.bigint() - started) / 1e6;
		expect(result.output('Get Webhook')).toHaveLength(items);
		const statuses = gosquared.requests.map((request) => request.status);
		rows.push(
			[
				String(items).padStart(5),
				String(concurrency).padStart(11),
				`${(ms / 1000).toFixed(1)} s`.padStart(9),
				`${((items / ms) * 1000).toFixed(1)}`.padStart(8),
				String(statuses.length).padStart(8),
				String(statuses.filter((status) => status === 429).length).padStart(5),
				String(gosquared.maxInFlight).padStart(9),
			].join(' '),
		);
	}
	process.stdout.write(
		[
			'',
			`GoSquared Webhook → Get, one request per item, ${LATENCY_MS} ms simulated latency, 750 units/minute per key`,
			'items  concurrency   elapsed  items/s  requests  429s  in flight',
			...rows,
			'',
		].join('\n'),
	);
});
