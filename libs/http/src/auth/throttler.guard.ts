import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';

/** Rate limits per API key (or token), and per address for the public. */
@Injectable()
export class LedgerThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(request: Record<string, any>): Promise<string> {
    const authorization = request.headers?.authorization;
    if (typeof authorization === 'string' && authorization !== '') return `key:${createHash('sha256').update(authorization).digest('hex').slice(0, 32)}`;
    return `ip:${request.ip}`;
  }
}
