import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { callerOf } from './request-authentication';
import type { Caller } from './caller';

/** The rate limit's window: LEDGER_RATE_LIMIT_PER_MINUTE requests in it. */
export const RATE_LIMIT_TTL_MS = 60_000;

/**
 * Who a request is counted against: an authenticated identity (an API key's or a JWT subject's
 * name), or the address for the public. The identity is the one the onRequest hook resolved,
 * never the raw header: random tokens are refused there (and counted per address), and rewriting
 * "Bearer" does not make a new bucket.
 */
export function trackerOf(request: { caller?: Caller; ip: string }): string {
  const caller = callerOf(request);
  return caller.role === 'public' ? `ip:${request.ip}` : `${caller.via}:${caller.name}`;
}

/**
 * A bucket per route and tracker. The guard and the answers kept for the public
 * (reading/public-answers.ts), which count a request without reaching the guard, use this one key.
 */
export function rateLimitKey(
  request: { method: string; routeOptions: { url?: string } },
  tracker: string,
  throttler: string,
): string {
  return `${request.method} ${request.routeOptions.url ?? ''}|${throttler}|${tracker}`;
}

/** Rate limits per route and per caller (trackerOf). */
@Injectable()
export class LedgerThrottlerGuard extends ThrottlerGuard {
  protected override getTracker(request: { caller?: Caller; ip: string }): Promise<string> {
    return Promise.resolve(trackerOf(request));
  }

  protected override generateKey(context: ExecutionContext, tracker: string, throttler: string): string {
    return rateLimitKey(
      context.switchToHttp().getRequest<{ method: string; routeOptions: { url?: string } }>(),
      tracker,
      throttler,
    );
  }
}
