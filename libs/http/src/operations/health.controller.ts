import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { StoreHealthIndicator } from './store.health';

@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly store: StoreHealthIndicator,
  ) {}

  /** Liveness: the process is up and its store answers. */
  @Get('health')
  @HealthCheck()
  check() {
    return this.health.check([() => this.store.check()]);
  }
}
