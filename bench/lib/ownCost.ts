/**
 * What this package's own code costs per item, apart from n8n's expressions and request path: the
 * item loop (with and without keys), the rate limiters when the budget has room, and the redaction
 * of an answer. Measured on the built modules with a context that does nothing else, so that the
 * figures are ours alone (the loop's figure includes n8n's `constructExecutionMetaData` and
 * `returnJsonArray`, which link each output item to its input).
 */
import path from 'path';

import { constructExecutionMetaData, returnJsonArray } from 'n8n-core';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { ROOT } from '../../test/helpers/n8n';

type ItemLoop = typeof import('../../nodes/shared/itemLoop');
type Request = typeof import('../../nodes/shared/request');
type Prepare = import('../../nodes/shared/itemLoop').Prepare;
type RateLimiter = typeof import('../../nodes/shared/rateLimiter');
type Limiter = import('../../nodes/shared/rateLimiter').Limiter;
type Redaction = typeof import('../../nodes/shared/redaction');

const load = <T>(module: string) => require(path.join(ROOT, 'dist', 'nodes', 'shared', module)) as T;

export interface OwnCost {
	/** Microseconds per item. */
	loop: number;
	keyedLoop: number;
	windowLimiter: number;
	bucketLimiter: number;
	redaction: number;
}

function fakeContext(count: number): IExecuteFunctions {
	const items: INodeExecutionData[] = Array.from({ length: count }, (_, index) => ({ json: { index } }));
	return {
		getInputData: () => items,
		getNodeParameter: (_name: string, _itemIndex: number, fallback: unknown) => fallback,
		continueOnFail: () => false,
		getNode: () => ({ name: 'bench', type: 'bench', typeVersion: 1, parameters: {}, id: 'bench', position: [0, 0] }),
		helpers: { constructExecutionMetaData, returnJsonArray },
	} as unknown as IExecuteFunctions;
}

/** CPU time per item, in microseconds: what the work costs, not the timers it waits for. */
async function microseconds(count: number, work: () => Promise<void> | void): Promise<number> {
	const started = process.cpuUsage();
	await work();
	const used = process.cpuUsage(started);
	return (used.user + used.system) / count;
}

export async function measureOwnCost(count = 50_000): Promise<OwnCost> {
	const { runItems } = load<ItemLoop>('itemLoop.js');
	const { Session } = load<Request>('request.js');
	const { SlidingWindowLimiter, TokenBucketLimiter } = load<RateLimiter>('rateLimiter.js');
	const { Redactor } = load<Redaction>('redaction.js');
	const service = { credentialType: 'bench', displayName: 'bench', baseUrl: () => '', secretFields: [], unexpectedAnswerHint: '' };
	const keyed = (keys: number | undefined): Prepare => (item) => ({
		key: keys === undefined ? undefined : `k${(item.itemIndex ?? 0) % keys}`,
		send: async () => ({ itemIndex: item.itemIndex }),
	});
	const run = async (count: number, prepare: Prepare) => {
		const context = fakeContext(count);
		await runItems(context, prepare, new Session(context, service), { defaultConcurrency: 50 });
	};

	// Warm-up, then the measured runs.
	await run(2000, keyed(100));
	const loop = await microseconds(count, async () => {
		await run(count, keyed(undefined));
	});
	// 1000 keys over the items: each key's items wait in line, the others run.
	const keyedLoop = await microseconds(count, async () => {
		await run(count, keyed(1000));
	});

	// CCAI's rule: at most 10 requests in the window, so the limiter never holds more than 10.
	const windowLimiter = await microseconds(count, async () => {
		for (let round = 0; round < count / 10; round++) {
			const limiter = new SlidingWindowLimiter({ limit: 10, intervalMs: 1000, marginMs: 50, countUntilAnswered: true });
			for (let request = 0; request < 10; request++) limiter.answered(await limiter.acquire(1));
		}
	});
	// GoSquared's rule: a bucket of 750 that refills continuously.
	const bucketLimiter = await microseconds(count, async () => {
		for (let round = 0; round < count / 500; round++) {
			const limiter: Limiter = new TokenBucketLimiter({ limit: 750, intervalMs: 60_000, replenish: 'continuous' });
			for (let request = 0; request < 500; request++) {
				limiter.answered(await limiter.acquire(1));
				limiter.remaining(700);
			}
		}
	});

	// A Callgoose answer, as every successful item's output passes through the redaction.
	const redactor = new Redactor(['cg-global-2f9c1b7e5d3a4c8e9f0a1b2c3d4e5f60']);
	const answer = {
		id: 'api-123',
		triggered: { duplicate: false, created: true },
		resolved: { duplicate: false, resolved: false },
	};
	const redaction = await microseconds(count, () => {
		for (let index = 0; index < count; index++) redactor.value(answer);
	});

	return { loop, keyedLoop, windowLimiter, bucketLimiter, redaction };
}
