import { sleep } from 'n8n-workflow';

export interface RateLimit {
	/** Units that may be spent per `intervalMs`. */
	limit: number;
	intervalMs: number;
	/**
	 * How the service gives units back.
	 * - `window` (default): no window of `intervalMs` (+ `marginMs`) ever holds more than `limit`
	 *   units. At least as strict as every algorithm with the same figures: for services that do not
	 *   document theirs (CCAI Platform's "10 requests per second").
	 * - `continuous`: a bucket of `limit` units, refilled continuously at `limit` per
	 *   `intervalMs`, kept in step with what the service reports (`remaining`): for services that
	 *   document exactly that (GoSquared's "750 units per minute, replenished continuously"). A
	 *   window there would wait a whole minute where the service needs a few seconds.
	 */
	replenish?: 'window' | 'continuous';
	/**
	 * Added to the window, to absorb the jitter between the moment a request leaves n8n and the
	 * moment the service counts it.
	 */
	marginMs?: number;
	/**
	 * Count each request until a window after its answer, not after it was sent. A request
	 * reaches the service some time after it leaves n8n (a new connection's handshake, a busy
	 * event loop); counted from the send, a slow batch and the fast batch released a window later
	 * can land in the same second at the service. The service counts a request before it answers
	 * it, so a window that ends `intervalMs` after the answer always covers it, whatever the
	 * latency. Costs each request's latency in throughput.
	 */
	countUntilAnswered?: boolean;
}

/** Units `acquire` recorded, for `answered`. */
export interface Spend {
	at: number;
	units: number;
}

/** What the request layer needs of a limiter, whatever its algorithm. */
export interface Limiter {
	/** Waits until `units` may be spent, then records them. */
	acquire(units?: number): Promise<Spend>;
	/** The request that `spend` was acquired for has its answer, or its failure. */
	answered(spend: Spend): void;
	/** Records units the service charged beyond what `acquire` assumed (`X-RateLimit-Cost`). */
	charge(units: number): void;
	/** Takes in the units the service says are left, when it says so. */
	remaining(units: number): void;
	/** Holds every caller back, e.g. for the `Retry-After` of a 429. */
	pause(ms: number): void;
	/** How long callers are held back from now, in milliseconds (0 when they are not). */
	pausedFor(): number;
}

/** `replenish: 'window'`: no window of `intervalMs + marginMs` ever holds more than `limit` units. */
export class SlidingWindowLimiter implements Limiter {
	private readonly spent: Array<{ at: number; units: number }> = [];

	private pausedUntil = 0;

	private readonly windowMs: number;

	constructor(private readonly rule: RateLimit) {
		this.windowMs = rule.intervalMs + (rule.marginMs ?? 0);
	}

	/** Waits until `units` fit in the window, then records them. */
	async acquire(units = 1): Promise<Spend> {
		const cost = Math.min(Math.max(units, 0), this.rule.limit);
		for (;;) {
			const wait = this.waitFor(cost, Date.now());
			if (wait <= 0) {
				const spend = { at: Date.now(), units: cost };
				this.spent.push(spend);
				return spend;
			}
			await sleep(wait);
		}
	}

	/**
	 * With `countUntilAnswered`: the request that `spend` was acquired for has its answer (or its
	 * failure), so its units count from now. Without it, nothing changes.
	 */
	answered(spend: Spend): void {
		if (!this.rule.countUntilAnswered) return;
		const index = this.spent.indexOf(spend);
		if (index !== -1) this.spent.splice(index, 1);
		// Appended with the latest time, the list stays in time order.
		spend.at = Date.now();
		this.spent.push(spend);
	}

	charge(units: number): void {
		if (units > 0) this.spent.push({ at: Date.now(), units });
	}

	remaining(): void {
		// A window cannot be rebuilt from a count; the 429 handling covers other clients' use.
	}

	pause(ms: number): void {
		this.pausedUntil = Math.max(this.pausedUntil, Date.now() + ms);
	}

	pausedFor(): number {
		return Math.max(0, this.pausedUntil - Date.now());
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

/** `replenish: 'continuous'`: a bucket of `limit` units that refills at `limit` per `intervalMs`. */
export class TokenBucketLimiter implements Limiter {
	private units: number;

	private updatedAt = Date.now();

	private pausedUntil = 0;

	private readonly perMs: number;

	constructor(private readonly rule: RateLimit) {
		this.units = rule.limit;
		this.perMs = rule.limit / rule.intervalMs;
	}

	async acquire(units = 1): Promise<Spend> {
		const cost = Math.min(Math.max(units, 0), this.rule.limit);
		for (;;) {
			const now = Date.now();
			this.refill(now);
			const wait = this.pausedUntil > now ? this.pausedUntil - now : Math.ceil((cost - this.units) / this.perMs);
			if (wait <= 0) {
				this.units -= cost;
				return { at: now, units: cost };
			}
			await sleep(wait);
		}
	}

	answered(): void {}

	charge(units: number): void {
		this.refill(Date.now());
		// May go below zero: the next callers then wait until the service's bucket has refilled.
		if (units > 0) this.units -= units;
	}

	remaining(units: number): void {
		this.refill(Date.now());
		if (Number.isFinite(units) && units >= 0) this.units = Math.min(this.units, units);
	}

	pause(ms: number): void {
		this.pausedUntil = Math.max(this.pausedUntil, Date.now() + ms);
	}

	pausedFor(): number {
		return Math.max(0, this.pausedUntil - Date.now());
	}

	private refill(now: number): void {
		this.units = Math.min(this.rule.limit, this.units + (now - this.updatedAt) * this.perMs);
		this.updatedAt = now;
	}
}

const limiters = new Map<string, Limiter>();

/**
 * One limiter per service and credential, shared by every execution in this n8n process, so that
 * two workflows using the same credential share its budget. (In queue mode each worker process
 * has its own; the 429 handling in the request layer covers the rest.)
 */
export function limiterFor(key: string, rule: RateLimit): Limiter {
	let limiter = limiters.get(key);
	if (!limiter) {
		limiter = rule.replenish === 'continuous' ? new TokenBucketLimiter(rule) : new SlidingWindowLimiter(rule);
		limiters.set(key, limiter);
	}
	return limiter;
}
