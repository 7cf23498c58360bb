import type { ThrottlerStorage } from '@nestjs/throttler';

interface Bucket {
  hits: number;
  windowEnds: number;
  blockedUntil: number;
}

/** How often buckets whose window and block have both ended are let go. */
const SWEEP_MS = 60_000;

/**
 * The rate limiter's counts, one fixed window per (limit, caller): a count and when its window
 * ends, so each request costs the same however many came before it.
 *
 * Why not @nestjs/throttler's own storage: it keeps a timestamp per request and filters the whole
 * list on every request, so a key allowed N requests a minute pays O(N) per request: at the
 * API's write rates, a large share of each request's CPU (test/bench/http). A fixed window
 * allows up to twice the limit across a window's edge, which a limit per minute can bear.
 * The contract is the library's: past `limit` the caller is blocked for `blockDuration`, then
 * counted afresh.
 */
export class FixedWindowThrottlerStorage implements ThrottlerStorage {
  private readonly buckets = new Map<string, Bucket>();
  // unref: the sweep never keeps a process alive.
  private readonly sweeper = setInterval(() => this.sweep(Date.now()), SWEEP_MS).unref();

  increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string) {
    const now = Date.now();
    const id = `${throttlerName}\u0000${key}`;
    let bucket = this.buckets.get(id);
    if (bucket && bucket.blockedUntil !== 0 && bucket.blockedUntil <= now) bucket = undefined; // served its block
    if (!bucket || (bucket.windowEnds <= now && bucket.blockedUntil === 0)) {
      bucket = { hits: 0, windowEnds: now + ttl, blockedUntil: 0 };
      this.buckets.set(id, bucket);
    }
    if (bucket.blockedUntil === 0) {
      bucket.hits += 1;
      if (bucket.hits > limit) bucket.blockedUntil = now + Math.max(blockDuration, 1);
    }
    const blocked = bucket.blockedUntil > now;
    return Promise.resolve({
      totalHits: bucket.hits,
      timeToExpire: Math.max(0, Math.ceil((bucket.windowEnds - now) / 1000)),
      isBlocked: blocked,
      timeToBlockExpire: blocked ? Math.ceil((bucket.blockedUntil - now) / 1000) : 0,
    });
  }

  private sweep(now: number): void {
    for (const [id, bucket] of this.buckets)
      if (bucket.windowEnds <= now && bucket.blockedUntil <= now) this.buckets.delete(id);
  }
}
