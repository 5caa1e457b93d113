/**
 * GoSquared's rate limit when its answers lack the X-RateLimit-* headers (issue 11, finding 8).
 * Without them the node cannot see what a request cost or what is left of the budget: only a 429
 * and its Retry-After tell it. Here each Get costs GoSquared 2 units while the node counts 1 (costs
 * vary by endpoint), so the node's bucket believes in twice the budget GoSquared gives, as it would
 * if another client used the same key.
 *
 * Before the fix, every item waiting behind a 429 went again together when the pause ended, met
 * the still-empty budget, and after 5 tries the item failed: 472 of 500 Gets succeeded (94.4%),
 * with 327 answers 429. Now a 429 empties the node's bucket and halves its refill rate.
 */
import { goSquaredCredentials, SITES } from '../helpers/gosquared';
import { runWorkflow, withParameters, workflowFile } from '../helpers/n8n';
import { useSandbox } from '../helpers/sandbox';

const sandbox = useSandbox();
const gosquared = () => sandbox.current.services.gosquared;

const ITEMS = 450;
const CONCURRENCY = 25;

test(`without X-RateLimit-* headers, ${ITEMS} Gets at Concurrency ${CONCURRENCY} all succeed: every 429 waited out, and few of them`, async () => {
	gosquared().rateLimitHeaders = false;
	gosquared().config.costs = { GET: 2 };
	gosquared().latencyMs = 5;
	gosquared().webhooks.push({ id: 1, site: SITES.main, name: 'hook', url: 'https://hooks.example.com', include_unverified: false, created: '' });
	const workflow = withParameters(workflowFile('gosquared-webhook-get.json'), 'Get Webhook', { requestOptions: { concurrency: CONCURRENCY } });
	// A credential of its own (the limiter is per credential), and every item counted, even failed ones.
	workflow.nodes[1].credentials = { goSquaredApi: { id: 'gs-no-rate-limit-headers', name: 'GoSquared without headers' } };
	workflow.nodes[1].onError = 'continueRegularOutput';

	const result = await runWorkflow(workflow, {
		credentials: goSquaredCredentials(sandbox.current),
		input: Array.from({ length: ITEMS }, () => ({ webhookId: 1 })),
	});

	const output = result.output('Get Webhook');
	expect(output.filter((item) => item.json.error)).toEqual([]);
	expect(output.map((item) => item.json.id)).toEqual(Array(ITEMS).fill(1));
	const { requests } = gosquared();
	// GoSquared (without the headers: see sandbox.test.ts) really refused some requests.
	const limited = requests.filter((request) => request.status === 429);
	expect(limited.length).toBeGreaterThan(0);
	// Every 429 was retried once more, and nothing else was sent.
	expect(requests.filter((request) => request.status === 200)).toHaveLength(ITEMS);
	expect(requests).toHaveLength(ITEMS + limited.length);
	// The requests in flight when the budget ran out meet a 429; after that the slowed bucket keeps
	// (nearly) under GoSquared's real rate instead of meeting the empty budget again and again.
	expect(limited.length).toBeLessThanOrEqual(2 * CONCURRENCY);
}, 120_000);
