import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { callerOf } from './request-authentication';
import type { Caller } from './caller';

/**
 * Rate limits per authenticated identity (an API key's or a JWT subject's name), and per address
 * for the public. The identity is the one the onRequest hook resolved, never the raw header:
 * random tokens are refused there (and counted per address), and rewriting "Bearer" does not
 * make a new bucket.
 */
@Injectable()
export class LedgerThrottlerGuard extends ThrottlerGuard {
  protected override getTracker(request: { caller?: Caller; ip: string }): Promise<string> {
    const caller = callerOf(request);
    return Promise.resolve(caller.role === 'public' ? `ip:${request.ip}` : `${caller.via}:${caller.name}`);
  }
}
