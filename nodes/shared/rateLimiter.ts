import { sleep } from 'n8n-workflow';

export interface RateLimit {
	/** Units that may be spent in any window of `intervalMs`. */
	limit: number;
	intervalMs: number;
	/**
	 * Added to the window, to absorb the jitter between the moment a request leaves n8n and the
	 * moment the service counts it.
	 */
	marginMs?: number;
}

/**
 * A sliding-window limiter: no window of `intervalMs + marginMs` ever holds more than `limit`
 * units. This is at least as strict as a token bucket with the same figures, so it also respects
 * services that replenish continuously (GoSquared) and services whose algorithm is undocumented
 * (CCAI Platform's "10 requests per second").
 */
export class SlidingWindowLimiter {
	private readonly spent: Array<{ at: number; units: number }> = [];

	private pausedUntil = 0;

	private readonly windowMs: number;

	constructor(private readonly rule: RateLimit) {
		this.windowMs = rule.intervalMs + (rule.marginMs ?? 0);
	}

	/** Waits until `units` fit in the window, then records them. */
	async acquire(units = 1): Promise<void> {
		const cost = Math.min(Math.max(units, 0), this.rule.limit);
		for (;;) {
			const wait = this.waitFor(cost, Date.now());
			if (wait <= 0) {
				this.spent.push({ at: Date.now(), units: cost });
				return;
			}
			await sleep(wait);
		}
	}

	/** Records units the service charged beyond what `acquire` assumed (e.g. `X-RateLimit-Cost`). */
	charge(units: number): void {
		if (units > 0) this.spent.push({ at: Date.now(), units });
	}

	/** Holds every caller back, e.g. for the `Retry-After` of a 429. */
	pause(ms: number): void {
		this.pausedUntil = Math.max(this.pausedUntil, Date.now() + ms);
	}

	private waitFor(cost: number, now: number): number {
		if (this.pausedUntil > now) return this.pausedUntil - now;
		while (this.spent.length > 0 && this.spent[0].at <= now - this.windowMs) this.spent.shift();
		let used = this.spent.reduce((sum, entry) => sum + entry.units, 0);
		if (used + cost <= this.rule.limit) return 0;
		// Wait until enough of the oldest entries leave the window.
		for (const entry of this.spent) {
			used -= entry.units;
			if (used + cost <= this.rule.limit) return entry.at + this.windowMs - now + 1;
		}
		return this.windowMs;
	}
}

const limiters = new Map<string, SlidingWindowLimiter>();

/**
 * One limiter per service and credential, shared by every execution in this n8n process, so that
 * two workflows using the same credential share its budget. (In queue mode each worker process
 * has its own; the 429 handling in the request layer covers the rest.)
 */
export function limiterFor(key: string, rule: RateLimit): SlidingWindowLimiter {
	let limiter = limiters.get(key);
	if (!limiter) {
		limiter = new SlidingWindowLimiter(rule);
		limiters.set(key, limiter);
	}
	return limiter;
}
