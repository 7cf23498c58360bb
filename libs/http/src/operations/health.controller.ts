import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { ApiExcludeController } from '@nestjs/swagger';
import { ProjectionsHealthIndicator } from './projections.health';
import { StoreHealthIndicator } from './store.health';

/** Readiness tolerates this many events of lag: a busy ledger is still ready. */
const READY_MAX_LAG = 100;

@ApiExcludeController()
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly store: StoreHealthIndicator,
    private readonly projections: ProjectionsHealthIndicator,
  ) {}

  /** Liveness: the process is up and its store answers. */
  @Get('health')
  @HealthCheck()
  check() {
    return this.health.check([() => this.store.check()]);
  }

  /** Readiness: the store answers and the read models have caught up. */
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([() => this.store.check(), () => this.projections.check(READY_MAX_LAG)]);
  }
}
