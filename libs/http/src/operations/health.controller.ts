import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import {
  HealthCheck,
  HealthCheckService,
  type HealthCheckResult,
  type HealthIndicatorFunction,
} from '@nestjs/terminus';
import { ApiExcludeController } from '@nestjs/swagger';
import { ProblemException } from '../problems/problem';
import { IntegrityHealthIndicator } from './integrity.health';
import { ProjectionsHealthIndicator } from './projections.health';
import { StoreHealthIndicator } from './store.health';

/** Readiness tolerates this many events of lag: a busy ledger is still ready. */
const READY_MAX_LAG = 100;

/** What is wrong with a check that is down, in a few words: its message, its failure, or its state. */
function describe(details: Record<string, unknown>): string {
  const text = (value: unknown) =>
    typeof value === 'string' || typeof value === 'number' ? `${value}` : undefined;
  const failure = details.failure as { message?: string } | undefined;
  const lag = text(details.lag);
  const why =
    text(details.message) ??
    failure?.message ??
    (details.state !== 'live' ? text(details.state) : lag !== undefined ? `lag ${lag}` : undefined);
  return why === undefined ? '' : ` (${why})`;
}

@ApiExcludeController()
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly store: StoreHealthIndicator,
    private readonly projections: ProjectionsHealthIndicator,
    private readonly integrity: IntegrityHealthIndicator,
  ) {}

  /** Liveness: the process is up, its store answers, and its read models have not stopped. */
  @Get('health')
  @HealthCheck()
  check() {
    return this.run('service-unhealthy', [() => this.store.check(), () => this.projections.alive()]);
  }

  /** Readiness: the store answers, the read models have caught up, and the ledger still verifies. */
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.run('service-not-ready', [
      () => this.store.check(),
      () => this.projections.check(READY_MAX_LAG),
      () => this.integrity.check(),
    ]);
  }

  /** A failed check answers 503 as problem+json that keeps every indicator's details and names the ones down. */
  private async run(
    code: 'service-unhealthy' | 'service-not-ready',
    checks: HealthIndicatorFunction[],
  ): Promise<HealthCheckResult> {
    try {
      return await this.health.check(checks);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const result = error.getResponse() as HealthCheckResult;
      const down = Object.entries(result.error ?? {}).map(
        ([name, details]) => `${name}${describe(details ?? {})}`,
      );
      // Terminus's status ("error") would stand in for the HTTP status: the checks go as they are.
      throw new ProblemException(code, `Down: ${down.join(', ')}`, {
        info: result.info,
        error: result.error,
        details: result.details,
      });
    }
  }
}
