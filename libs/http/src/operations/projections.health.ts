import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { ProjectionService } from '@ledger/projections';

/** Ready once the read models have caught up with the store (lag in events). */
@Injectable()
export class ProjectionsHealthIndicator {
  constructor(
    private readonly projections: ProjectionService,
    private readonly indicator: HealthIndicatorService,
  ) {}

  async check(maxLag: number, key = 'projections') {
    const status = await this.projections.status();
    const indicator = this.indicator.check(key);
    const details = { lag: status.lag, checkpoint: status.checkpoint, head: status.head, generation: status.generation, rebuilding: status.rebuilding };
    return status.lag <= maxLag && !status.rebuilding ? indicator.up(details) : indicator.down(details);
  }
}
