import { Controller, Get, Header, Injectable, Req, type OnModuleInit } from '@nestjs/common';
import { EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { ProjectionService } from '@ledger/projections';
import { LedgerConfig } from '@ledger/platform';
import { EventsRecorded } from '@ledger/recording';
import type { FastifyRequest } from 'fastify';
import { callerOf } from '../auth/request-authentication';
import { ProblemException } from '../problems/problem';
import { IntegrityWatch } from './integrity-watch';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/** The service's Prometheus metrics, in one registry. */
@Injectable()
export class LedgerMetrics implements OnModuleInit {
  readonly registry = new Registry();
  readonly appends = new Counter({
    name: 'ledger_appended_events_total',
    help: 'Events appended',
    registers: [this.registry],
  });
  readonly conflicts = new Counter({
    name: 'ledger_conflicts_total',
    help: 'Writes refused for a concurrency conflict (409/412)',
    registers: [this.registry],
  });
  readonly requests = new Histogram({
    name: 'ledger_http_request_duration_seconds',
    help: 'Request latency by route',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  constructor(
    private readonly projections: ProjectionService,
    private readonly integrity: IntegrityWatch,
  ) {}

  onModuleInit(): void {
    collectDefaultMetrics({ register: this.registry });
    const projections = this.projections;
    new Gauge({
      name: 'ledger_projection_lag_events',
      help: 'Events recorded but not yet in the read models',
      registers: [this.registry],
      async collect() {
        this.set((await projections.status()).lag);
      },
    });
    const watch = this.integrity;
    new Gauge({
      name: 'ledger_integrity_ok',
      help: 'The background verifier: 1 while the ledger verifies (or before its first pass), 0 once it found tampering',
      registers: [this.registry],
      collect() {
        this.set(watch.current().state === 'tampered' ? 0 : 1);
      },
    });
    new Gauge({
      name: 'ledger_integrity_problems',
      help: 'Problems the last background verification found',
      registers: [this.registry],
      collect() {
        this.set(watch.current().problem?.problemCount ?? 0);
      },
    });
    new Gauge({
      name: 'ledger_integrity_verified_position',
      help: 'The last position the last background verification covered',
      registers: [this.registry],
      collect() {
        this.set(watch.current().lastPass?.head ?? 0);
      },
    });
  }
}

@EventsHandler(EventsRecorded)
export class CountAppends implements IEventHandler<EventsRecorded> {
  constructor(private readonly metrics: LedgerMetrics) {}
  handle({ result }: EventsRecorded): void {
    if (!result.replayed) this.metrics.appends.inc(result.events.length);
  }
}

@ApiExcludeController()
@Controller()
export class MetricsController {
  constructor(
    private readonly metrics: LedgerMetrics,
    private readonly config: LedgerConfig,
  ) {}

  /** Open to the public only with LEDGER_METRICS_ACCESS=public: they tell an attacker how the service copes. */
  @Get('metrics')
  @Header('content-type', 'text/plain; version=0.0.4')
  scrape(@Req() request: FastifyRequest): Promise<string> {
    const local = LOOPBACK.test(request.ip) || callerOf(request).role !== 'public';
    if (this.config.LEDGER_METRICS_ACCESS !== 'public' && !local) {
      throw new ProblemException(
        'forbidden',
        'The metrics are served to this machine and to callers with a token (LEDGER_METRICS_ACCESS=local)',
      );
    }
    return this.metrics.registry.metrics();
  }
}
