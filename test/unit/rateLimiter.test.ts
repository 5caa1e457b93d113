/** The shared sliding-window limiter, on its own: no window ever holds more than the limit. */
import { limiterFor, SlidingWindowLimiter, TokenBucketLimiter } from '../../nodes/shared/rateLimiter';

function maxInAnyWindow(stamps: number[], windowMs: number) {
	let most = 0;
	for (let start = 0; start < stamps.length; start++) {
		let end = start;
		while (end < stamps.length && stamps[end] - stamps[start] < windowMs) end++;
		most = Math.max(most, end - start);
	}
	return most;
}

test('25 concurrent callers of a 10-per-second limiter: never more than 10 in any second', async () => {
	const limiter = new SlidingWindowLimiter({ limit: 10, intervalMs: 1000 });
	const stamps: number[] = [];
	await Promise.all(
		Array.from({ length: 25 }, async () => {
			await limiter.acquire();
			stamps.push(Date.now());
		}),
	);
	stamps.sort((a, b) => a - b);
	expect(stamps).toHaveLength(25);
	expect(maxInAnyWindow(stamps, 1000)).toBe(10);
	// It does not wait longer than it must: 25 units need just over two windows.
	expect(stamps[24] - stamps[0]).toBeGreaterThanOrEqual(2000);
	expect(stamps[24] - stamps[0]).toBeLessThan(2600);
});

test('units: a request charged 5 units counts as 5', async () => {
	const limiter = new SlidingWindowLimiter({ limit: 10, intervalMs: 500 });
	const start = Date.now();
	await limiter.acquire(5);
	await limiter.acquire(5);
	expect(Date.now() - start).toBeLessThan(100);
	await limiter.acquire(1);
	expect(Date.now() - start).toBeGreaterThanOrEqual(500);
});

test('a pause (Retry-After) holds every caller back', async () => {
	const limiter = new SlidingWindowLimiter({ limit: 100, intervalMs: 1000 });
	limiter.pause(300);
	const start = Date.now();
	await Promise.all([limiter.acquire(), limiter.acquire()]);
	expect(Date.now() - start).toBeGreaterThanOrEqual(295);
});

describe("replenish: 'continuous' (a bucket, as GoSquared documents its limit)", () => {
	test('spends the bucket at once, then goes at the refill rate, not a window later', async () => {
		// 20 units per second: after the first 20, one unit every 50 ms.
		const limiter = limiterFor(`bucket-${Date.now()}`, { limit: 20, intervalMs: 1000, replenish: 'continuous' });
		const start = Date.now();
		for (let index = 0; index < 20; index++) await limiter.acquire();
		expect(Date.now() - start).toBeLessThan(50);
		for (let index = 0; index < 5; index++) await limiter.acquire();
		const elapsed = Date.now() - start;
		expect(elapsed).toBeGreaterThanOrEqual(240);
		// A sliding window of the same figures would have waited a whole second.
		expect(elapsed).toBeLessThan(700);
	});

	test("takes in what the service says is left, and charges what it says a request cost", async () => {
		const limiter = new TokenBucketLimiter({ limit: 100, intervalMs: 1000, replenish: 'continuous' });
		limiter.remaining(0);
		const start = Date.now();
		await limiter.acquire();
		// 0 left: one unit refills in 10 ms.
		expect(Date.now() - start).toBeGreaterThanOrEqual(9);
		limiter.charge(30);
		const charged = Date.now();
		await limiter.acquire();
		expect(Date.now() - charged).toBeGreaterThanOrEqual(290);
	});
});

test('pausedFor tells how long callers are held back', () => {
	for (const limiter of [
		new SlidingWindowLimiter({ limit: 1, intervalMs: 1000 }),
		new TokenBucketLimiter({ limit: 1, intervalMs: 1000, replenish: 'continuous' }),
	]) {
		expect(limiter.pausedFor()).toBe(0);
		limiter.pause(90_000);
		expect(limiter.pausedFor()).toBeGreaterThan(89_000);
	}
});
