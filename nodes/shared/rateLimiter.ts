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

/**
 * The longest a request waits for its turn in a limiter: 60 s, the longest `Retry-After` the
 * request layer waits out too. A longer wait (a service that asks for a long pause, or says a
 * request cost far more than its budget) fails the request at once with `LimiterWaitError`, and
 * nothing ever sleeps longer than `WAIT_SLICE_MS` at a time: a waiting request sees a pause that
 * starts meanwhile within that time, and no timer comes near Node's 2^31 ms limit.
 */
export const MAX_LIMITER_WAIT_MS = 60_000;
const WAIT_SLICE_MS = 1_000;

/** A limiter would hold a request longer than it may wait; `why` is the service's own figure. */
export class LimiterWaitError extends Error {
	constructor(
		readonly waitMs: number,
		readonly paused: boolean,
		readonly why: string | undefined,
	) {
		super(`A wait of ${Math.ceil(waitMs / 1000)} s for the rate limit${why ? ` (${why})` : ''}`);
	}
}

/** Units `acquire` recorded, for `answered` and `throttled`. */
export interface Spend {
	/** When the units count from (moved to the answer with `countUntilAnswered`). */
	at: number;
	units: number;
	/** When the request was let through; never moved. */
	sentAt: number;
}

/** What the request layer needs of a limiter, whatever its algorithm. */
export interface Limiter {
	/**
	 * Waits until `units` may be spent, then records them. Throws `LimiterWaitError` when that would
	 * take longer than `maxWaitMs`, at once or as soon as a pause makes it so.
	 */
	acquire(units?: number, maxWaitMs?: number): Promise<Spend>;
	/** The request that `spend` was acquired for has its answer, or its failure. */
	answered(spend: Spend): void;
	/**
	 * Records units the service charged beyond what `acquire` assumed (`X-RateLimit-Cost`); `why`
	 * is the service's figure, quoted when a request cannot wait that long.
	 */
	charge(units: number, why?: string): void;
	/** Takes in the units the service says are left, when it says so. */
	remaining(units: number): void;
	/** Holds every caller back, e.g. for the `Retry-After` of a 429. */
	pause(ms: number, why?: string): void;
	/**
	 * The service answered 429 to the request `spend` was acquired for, and asked for a pause of
	 * `waitMs`: holds every caller back that long, takes the service's budget as spent, and slows
	 * down (see `Slowdown`).
	 */
	throttled(spend: Spend | undefined, waitMs: number, why?: string): void;
	/** How long callers are held back from now, in milliseconds (0 when they are not). */
	pausedFor(): number;
}

/**
 * What a limiter learns from 429 answers. Its rule is what the service publishes, but the service
 * may give this process less: other clients of the same account (another n8n worker, another
 * integration), or requests that cost more than assumed when the service does not say what they
 * cost (GoSquared without its X-RateLimit-* headers). Nothing in one process can see that budget;
 * a 429 is the only signal. So, as TCP does with congestion:
 * - each 429 halves the rate the limiter allows (down to 1 unit per interval), but only once per
 *   slowdown: 429s for requests sent before it say nothing about the slower rate;
 * - every interval without a 429 gives back a tenth of the rule, up to the rule itself;
 * - the pause a 429 asks for gets a little random time added (`jittered`).
 * Several processes sharing one limit thus settle, each on its own, near their share of it, and
 * every 429 on the way is waited out and retried by the request layer.
 */
export class Slowdown {
	private factor = 1;

	private changedAt = 0;

	constructor(private readonly rule: RateLimit) {}

	/** The fraction of the rule allowed now, between 1 / limit and 1. */
	current(now = Date.now()): number {
		if (this.factor < 1) {
			const intervals = Math.floor((now - this.changedAt) / this.rule.intervalMs);
			if (intervals > 0) {
				this.factor = Math.min(1, this.factor + intervals * RECOVERY_PER_INTERVAL);
				this.changedAt += intervals * this.rule.intervalMs;
			}
		}
		return this.factor;
	}

	/**
	 * The pause to keep after a 429 that asked for `waitMs`: that long, plus up to a quarter of an
	 * interval (at most `waitMs`) at random, so that processes which met the 429 together do not
	 * all start again at the same moment.
	 */
	jittered(waitMs: number): number {
		return waitMs + Math.round(Math.random() * Math.min(waitMs, this.rule.intervalMs / 4));
	}

	/** A 429 for a request let through at `sentAt`. */
	throttled(sentAt: number, now = Date.now()): void {
		this.current(now);
		if (sentAt <= this.changedAt) {
			// Sent at the old rate: the slowdown that followed its siblings' 429s covers it.
			return;
		}
		this.factor = Math.max(1 / this.rule.limit, this.factor / 2);
		this.changedAt = now;
	}
}

/** What an interval without a 429 gives back, as a fraction of the rule. */
const RECOVERY_PER_INTERVAL = 0.1;

/**
 * What both limiters share: a pause every caller is held back by (a 429's `Retry-After`), the
 * service's figure behind the current pause or charge, quoted by `LimiterWaitError`, and the wait
 * for a turn that throws it.
 */
abstract class PausableLimiter {
	protected pausedUntil = 0;

	protected why?: string;

	pause(ms: number, why?: string): void {
		if (Date.now() + ms > this.pausedUntil) {
			this.pausedUntil = Date.now() + ms;
			this.why = why;
		}
	}

	pausedFor(): number {
		return Math.max(0, this.pausedUntil - Date.now());
	}

	/**
	 * Calls `take` until it takes its turn: `take` either records the spend and returns it (in the
	 * same synchronous step as its check, so that callers waiting together never all pass), or
	 * returns how many ms are still needed. Waits in slices of at most `WAIT_SLICE_MS`; throws when
	 * the wait needed exceeds `maxWaitMs`, saying whether a pause is the cause and quoting the
	 * service's figure behind it.
	 */
	protected async waitTurn(take: () => Spend | number, maxWaitMs: number): Promise<Spend> {
		for (;;) {
			const taken = take();
			if (typeof taken !== 'number') return taken;
			if (taken > maxWaitMs) throw new LimiterWaitError(taken, this.pausedFor() > 0, this.why);
			await sleep(Math.min(taken, WAIT_SLICE_MS));
		}
	}
}

/** `replenish: 'window'`: no window of `intervalMs + marginMs` ever holds more than `limit` units. */
export class SlidingWindowLimiter extends PausableLimiter implements Limiter {
	private readonly spent: Array<{ at: number; units: number }> = [];

	private readonly windowMs: number;

	private readonly slowdown: Slowdown;

	constructor(private readonly rule: RateLimit) {
		super();
		this.windowMs = rule.intervalMs + (rule.marginMs ?? 0);
		this.slowdown = new Slowdown(rule);
	}

	/** Waits until `units` fit in the window, then records them. */
	async acquire(units = 1, maxWaitMs = MAX_LIMITER_WAIT_MS): Promise<Spend> {
		return await this.waitTurn(
			() => {
				const now = Date.now();
				const limit = this.limit(now);
				const cost = Math.min(Math.max(units, 0), limit);
				const wait = this.waitFor(cost, limit, now);
				if (wait > 0) return wait;
				const spend = { at: now, units: cost, sentAt: now };
				this.spent.push(spend);
				return spend;
			},
			maxWaitMs,
		);
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

	charge(units: number, why?: string): void {
		if (units > 0) {
			this.spent.push({ at: Date.now(), units });
			this.why = why;
		}
	}

	remaining(): void {
		// A window cannot be rebuilt from a count; the 429 handling covers other clients' use.
	}

	throttled(spend: Spend | undefined, waitMs: number, why?: string): void {
		this.pause(this.slowdown.jittered(waitMs), why);
		this.slowdown.throttled(spend?.sentAt ?? Date.now());
	}

	/** Units allowed per window now: the rule's, or fewer after 429s (at least 1). */
	private limit(now: number): number {
		return Math.max(1, Math.floor(this.rule.limit * this.slowdown.current(now)));
	}

	private waitFor(cost: number, limit: number, now: number): number {
		if (this.pausedUntil > now) return this.pausedUntil - now;
		// An entry counts until strictly more than a window has passed, as the wait below computes it
		// (+1 ms): a request that waits in slices passes at the same moment as one that waits at once.
		while (this.spent.length > 0 && this.spent[0].at < now - this.windowMs) this.spent.shift();
		let used = this.spent.reduce((sum, entry) => sum + entry.units, 0);
		if (used + cost <= limit) return 0;
		// Wait until enough of the oldest entries leave the window.
		for (const entry of this.spent) {
			used -= entry.units;
			if (used + cost <= limit) return entry.at + this.windowMs - now + 1;
		}
		return this.windowMs;
	}
}

/** `replenish: 'continuous'`: a bucket of `limit` units that refills at `limit` per `intervalMs`. */
export class TokenBucketLimiter extends PausableLimiter implements Limiter {
	private units: number;

	private updatedAt = Date.now();

	private readonly perMs: number;

	private readonly slowdown: Slowdown;

	constructor(private readonly rule: RateLimit) {
		super();
		this.units = rule.limit;
		this.perMs = rule.limit / rule.intervalMs;
		this.slowdown = new Slowdown(rule);
	}

	async acquire(units = 1, maxWaitMs = MAX_LIMITER_WAIT_MS): Promise<Spend> {
		const cost = Math.min(Math.max(units, 0), this.rule.limit);
		return await this.waitTurn(
			() => {
				const now = Date.now();
				this.refill(now);
				if (this.pausedUntil > now) return this.pausedUntil - now;
				const wait = Math.ceil((cost - this.units) / (this.perMs * this.slowdown.current(now)));
				if (wait > 0) return wait;
				this.units -= cost;
				return { at: now, units: cost, sentAt: now };
			},
			maxWaitMs,
		);
	}

	answered(): void {}

	charge(units: number, why?: string): void {
		this.refill(Date.now());
		// May go below zero, to minus one bucket at most: the next callers then wait until the
		// service's bucket has refilled.
		if (units > 0) {
			this.units = Math.max(-this.rule.limit, this.units - units);
			this.why = why;
		}
	}

	remaining(units: number): void {
		this.refill(Date.now());
		if (Number.isFinite(units) && units >= 0) this.units = Math.min(this.units, units);
	}

	throttled(spend: Spend | undefined, waitMs: number, why?: string): void {
		const now = Date.now();
		this.refill(now);
		// The service's bucket is empty, whatever this one thought: after the pause, requests go
		// at the refill rate, not all at once.
		this.units = Math.min(this.units, 0);
		this.pause(this.slowdown.jittered(waitMs), why);
		this.slowdown.throttled(spend?.sentAt ?? now, now);
	}

	private refill(now: number): void {
		// Nothing refills during a pause: the service's Retry-After already counts that time.
		const from = Math.max(this.updatedAt, Math.min(this.pausedUntil, now));
		const rate = this.perMs * this.slowdown.current(now);
		this.units = Math.min(this.rule.limit, this.units + Math.max(0, now - from) * rate);
		this.updatedAt = now;
	}
}

/**
 * The part of `rule` one of `processes` processes may use, when they share the service's limit
 * (the credential's "Processes Sharing the Rate Limit"). A window keeps whole units: where a share
 * is less than one unit per interval, the interval grows instead (10 a second shared by 20
 * processes: 1 every 2 seconds each), so that the processes together never exceed the rule.
 */
export function shareOf(rule: RateLimit, processes: number): RateLimit {
	if (processes <= 1) return rule;
	const share = rule.limit / processes;
	if (rule.replenish === 'continuous') return { ...rule, limit: share };
	if (share >= 1) return { ...rule, limit: Math.floor(share) };
	return { ...rule, limit: 1, intervalMs: Math.ceil(rule.intervalMs / share) };
}

const limiters = new Map<string, Limiter>();

/**
 * One limiter per service and credential, shared by every execution in this n8n process, so that
 * two workflows using the same credential share its budget. In queue mode each worker process has
 * its own: they share the service's budget through `shareOf` and the `Slowdown` after a 429.
 */
export function limiterFor(key: string, rule: RateLimit): Limiter {
	let limiter = limiters.get(key);
	if (!limiter) {
		limiter = rule.replenish === 'continuous' ? new TokenBucketLimiter(rule) : new SlidingWindowLimiter(rule);
		limiters.set(key, limiter);
	}
	return limiter;
}
