import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { ProjectionService, type ProjectionStatus } from '@ledger/projections';

/** The read models: ready once caught up (lag in events) and not failing; alive unless stopped. */
@Injectable()
export class ProjectionsHealthIndicator {
  constructor(
    private readonly projections: ProjectionService,
    private readonly indicator: HealthIndicatorService,
  ) {}

  private details(status: ProjectionStatus) {
    return {
      state: status.state,
      lag: status.lag,
      checkpoint: status.checkpoint,
      head: status.head,
      generation: status.generation,
      rebuilding: status.rebuilding,
      ...(status.failure ? { failure: status.failure } : {}),
    };
  }

  async check(maxLag: number, key = 'projections') {
    const status = await this.projections.status();
    const indicator = this.indicator.check(key);
    return status.lag <= maxLag && !status.rebuilding && status.state === 'live'
      ? indicator.up(this.details(status))
      : indicator.down(this.details(status));
  }

  /** Liveness: a projection retrying is alive; one stopped (or stalled) needs a restart. */
  async alive(key = 'projections') {
    const status = await this.projections.status();
    const indicator = this.indicator.check(key);
    return status.state === 'stopped'
      ? indicator.down(this.details(status))
      : indicator.up({ state: status.state, lag: status.lag });
  }
}
