/** The shared sliding-window limiter, on its own: no window ever holds more than the limit. */
import { SlidingWindowLimiter } from '../../nodes/shared/rateLimiter';

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
