/**
 * The shared limiters, on their own: no window ever holds more than the limit, a bucket goes at
 * its refill rate. They wait with n8n-workflow's `sleep` (setTimeout) and read `Date.now()`: Jest's
 * modern fake timers fake both, so that every test here reads the times the limiter granted its
 * units (`Spend.at`) on a clock that moves only when the test moves it, whatever the machine's
 * load.
 */
import { limiterFor, shareOf, SlidingWindowLimiter, Slowdown, TokenBucketLimiter } from '../../nodes/shared/rateLimiter';

function maxInAnyWindow(stamps: number[], windowMs: number) {
	let most = 0;
	for (let start = 0; start < stamps.length; start++) {
		let end = start;
		while (end < stamps.length && stamps[end] - stamps[start] < windowMs) end++;
		most = Math.max(most, end - start);
	}
	return most;
}

/** Where the fake clock starts: any real-looking time (the limiters' bookkeeping starts at 0). */
const T0 = Date.parse('2030-01-01T00:00:00.000Z');

beforeEach(() => {
	jest.useFakeTimers({ now: T0 });
});
afterEach(() => {
	jest.useRealTimers();
});

/** What `waiting` resolves to, once the fake clock has run every timer the limiter set. */
async function settled<T>(waiting: Promise<T>): Promise<T> {
	await jest.runAllTimersAsync();
	return await waiting;
}

test('25 concurrent callers of a 10-per-second limiter: never more than 10 in any second', async () => {
	const limiter = new SlidingWindowLimiter({ limit: 10, intervalMs: 1000 });
	// The times the limiter granted the units (`Spend.at`), not when the callers' continuations ran:
	// on a busy machine a continuation can run late, which says nothing about the limiter.
	const spends = await settled(Promise.all(Array.from({ length: 25 }, async () => await limiter.acquire())));
	const stamps = spends.map((spend) => spend.at).sort((a, b) => a - b);
	expect(stamps).toHaveLength(25);
	expect(maxInAnyWindow(stamps, 1000)).toBe(10);
	// It does not wait longer than it must: 25 units need just over two windows, not a third.
	expect(stamps[24] - stamps[0]).toBeGreaterThanOrEqual(2000);
	expect(stamps[24] - stamps[0]).toBeLessThan(3000);
	// Ten at once, ten as soon as the first ten leave the window, then five.
	expect(stamps.map((stamp) => stamp - T0)).toEqual([...Array(10).fill(0), ...Array(10).fill(1001), ...Array(5).fill(2002)]);
});

test('units: a request charged 5 units counts as 5', async () => {
	const limiter = new SlidingWindowLimiter({ limit: 10, intervalMs: 500 });
	const first = await limiter.acquire(5);
	const second = await limiter.acquire(5);
	// Both at once: the two requests fill the window without a wait.
	expect([first.at - T0, second.at - T0]).toEqual([0, 0]);
	const third = await settled(limiter.acquire(1));
	expect(third.at - T0).toBeGreaterThanOrEqual(500);
});

test('a pause (Retry-After) holds every caller back', async () => {
	const limiter = new SlidingWindowLimiter({ limit: 100, intervalMs: 1000 });
	limiter.pause(300);
	const spends = await settled(Promise.all([limiter.acquire(), limiter.acquire()]));
	expect(spends.map((spend) => spend.at - T0)).toEqual([300, 300]);
});

describe("replenish: 'continuous' (a bucket, as GoSquared documents its limit)", () => {
	test('spends the bucket at once, then goes at the refill rate, not a window later', async () => {
		// 20 units per second: after the first 20, one unit every 50 ms.
		const limiter = limiterFor('bucket-continuous-test', { limit: 20, intervalMs: 1000, replenish: 'continuous' });
		const spends: number[] = [];
		for (let index = 0; index < 20; index++) spends.push((await limiter.acquire()).at - T0);
		expect(spends).toEqual(Array(20).fill(0));
		const later = await settled(
			(async () => {
				const stamps: number[] = [];
				for (let index = 0; index < 5; index++) stamps.push((await limiter.acquire()).at - T0);
				return stamps;
			})(),
		);
		const elapsed = later[4];
		expect(elapsed).toBeGreaterThanOrEqual(240);
		// A sliding window of the same figures would have waited a whole second.
		expect(elapsed).toBeLessThan(700);
		// One unit every 50 ms.
		expect(later).toEqual([50, 100, 150, 200, 250]);
	});

	test("takes in what the service says is left, and charges what it says a request cost", async () => {
		const limiter = new TokenBucketLimiter({ limit: 100, intervalMs: 1000, replenish: 'continuous' });
		limiter.remaining(0);
		const first = await settled(limiter.acquire());
		// 0 left: one unit refills in 10 ms.
		expect(first.at - T0).toBeGreaterThanOrEqual(10);
		limiter.charge(30);
		const second = await settled(limiter.acquire());
		// 30 charged and 1 asked for: 31 units to refill.
		expect(second.at - first.at).toBeGreaterThanOrEqual(310);
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

describe('after a 429 (processes sharing a limit, or a service that does not say what is left)', () => {
	test('a 429 halves the rate; 429s for requests sent before that do not halve it again; each quiet interval gives a tenth back', () => {
		const slowdown = new Slowdown({ limit: 10, intervalMs: 1000 });
		expect(slowdown.current(0)).toBe(1);
		slowdown.throttled(900, 1000);
		expect(slowdown.current(1000)).toBe(0.5);
		// Nine more requests sent at 900 ms met the same empty budget: still one slowdown.
		for (let index = 0; index < 9; index++) slowdown.throttled(900, 1010);
		expect(slowdown.current(1010)).toBe(0.5);
		// A request sent after the slowdown meets a 429 too: the rate is still too high.
		slowdown.throttled(1100, 1300);
		expect(slowdown.current(1300)).toBe(0.25);
		expect(slowdown.current(2299)).toBe(0.25);
		expect(slowdown.current(2300)).toBeCloseTo(0.35);
		expect(slowdown.current(4300)).toBeCloseTo(0.55);
		expect(slowdown.current(60_000)).toBe(1);
		// Never below one unit per interval.
		for (let sent = 70_000; sent < 70_100; sent += 10) slowdown.throttled(sent, sent + 1);
		expect(slowdown.current(70_100)).toBe(0.1);
	});

	test('a window limiter lets half as many through after a 429', async () => {
		const limiter = new SlidingWindowLimiter({ limit: 10, intervalMs: 300 });
		const spends = await Promise.all(Array.from({ length: 10 }, () => limiter.acquire()));
		spends.forEach((spend) => limiter.throttled(spend, 100));
		const granted = await settled(Promise.all(Array.from({ length: 10 }, () => limiter.acquire())));
		const stamps = granted.map((spend) => spend.at - T0).sort((a, b) => a - b);
		// The ten requests before the 429 fill the window until 300 ms. Then 6 go (half of 10, and
		// the tenth that one interval without a 429 gives back), and the rest a window later.
		expect(stamps[0]).toBeGreaterThanOrEqual(300);
		expect(stamps[5] - stamps[0]).toBe(0);
		expect(stamps[6] - stamps[0]).toBeGreaterThanOrEqual(300);
	});

	test('a bucket takes the service\'s budget as spent: after the pause, requests go at the (slowed) refill rate', async () => {
		// 100 units a second, all there at first: without the 429, 20 units would go at once.
		const limiter = new TokenBucketLimiter({ limit: 100, intervalMs: 1000, replenish: 'continuous' });
		const spend = await limiter.acquire();
		limiter.throttled(spend, 200);
		const last = await settled(
			(async () => {
				let latest = spend;
				for (let index = 0; index < 20; index++) latest = await limiter.acquire();
				return latest;
			})(),
		);
		const elapsed = last.at - T0;
		// 200 ms of pause (up to 200 more of jitter), then 20 units at half of 100/s: 400 ms.
		expect(elapsed).toBeGreaterThanOrEqual(600);
		expect(elapsed).toBeLessThanOrEqual(800);
	});
});

describe('"Processes Sharing the Rate Limit"', () => {
	test('each process keeps to its share of the rule', () => {
		expect(shareOf({ limit: 10, intervalMs: 1000 }, 1)).toEqual({ limit: 10, intervalMs: 1000 });
		expect(shareOf({ limit: 10, intervalMs: 1000, marginMs: 50 }, 2)).toEqual({ limit: 5, intervalMs: 1000, marginMs: 50 });
		// A window keeps whole requests (test/shared/processesSharing.test.ts: and below one).
		expect(shareOf({ limit: 10, intervalMs: 1000 }, 3).limit).toBe(3);
		expect(shareOf({ limit: 750, intervalMs: 60_000, replenish: 'continuous' }, 4).limit).toBe(187.5);
	});
});

describe('the shared limiter with countUntilAnswered (the CCAI Platform rate limit)', () => {
	test('a request holds its place until a whole window after its answer', async () => {
		const limiter = new SlidingWindowLimiter({ limit: 2, intervalMs: 300, countUntilAnswered: true });
		const spends = [await limiter.acquire(), await limiter.acquire()];
		// Two slow requests: answered 200 ms after they were sent.
		await jest.advanceTimersByTimeAsync(200);
		const answeredAt = Date.now();
		spends.forEach((spend) => limiter.answered(spend));
		const next = await settled(limiter.acquire());
		expect(next.at - answeredAt).toBeGreaterThanOrEqual(300);
	});

	test('without it, the window runs from the send, as before', async () => {
		const limiter = new SlidingWindowLimiter({ limit: 2, intervalMs: 300 });
		const spends = [await limiter.acquire(), await limiter.acquire()];
		const sentAt = spends[0].at;
		await jest.advanceTimersByTimeAsync(200);
		spends.forEach((spend) => limiter.answered(spend));
		const next = await settled(limiter.acquire());
		expect(next.at - sentAt).toBeGreaterThanOrEqual(300);
		expect(next.at - sentAt).toBeLessThan(450);
	});
});
