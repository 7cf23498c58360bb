import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { IntegrityWatch } from './integrity-watch';

/** Ready while the background verifier has found nothing wrong (before its first pass too). */
@Injectable()
export class IntegrityHealthIndicator {
  constructor(
    private readonly watch: IntegrityWatch,
    private readonly indicator: HealthIndicatorService,
  ) {}

  check(key = 'integrity') {
    const status = this.watch.current();
    const indicator = this.indicator.check(key);
    const details = {
      state: status.state,
      passes: status.passes,
      ...(status.lastPass
        ? { verifiedThrough: status.lastPass.head, finishedAt: status.lastPass.finishedAt }
        : {}),
    };
    if (status.state !== 'tampered') return indicator.up(details);
    return indicator.down({ ...details, message: status.problem!.summary, remedy: status.problem!.remedy });
  }
}
