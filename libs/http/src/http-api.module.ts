import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { TerminusModule } from '@nestjs/terminus';
import { ThrottlerModule } from '@nestjs/throttler';
import { LedgerConfig } from '@ledger/platform';
import { ProjectionsModule } from '@ledger/projections';
import { RecordingModule } from '@ledger/recording';
import { AuthGuard } from './auth/auth.guard';
import { Authenticator } from './auth/authenticator';
import { LedgerThrottlerGuard, RATE_LIMIT_TTL_MS } from './auth/throttler.guard';
import { FixedWindowThrottlerStorage } from './auth/fixed-window.storage';
import { OpenDataExportController } from './exports/open-data.controller';
import { RegisterCsvController } from './exports/register-csv.controller';
import { RegisterCsvService } from './exports/register-csv.service';
import { DocumentContentStore } from './documents/document-content.store';
import { DocumentContents } from './documents/document-contents';
import { DocumentsController } from './documents/documents.controller';
import { ScrutinyReadingController } from './scrutiny/scrutiny.controller';
import { IntegrityController } from './integrity/integrity.controller';
import { LedgerIntegrity } from './integrity/ledger-integrity.service';
import { HealthController } from './operations/health.controller';
import { IntegrityHealthIndicator } from './operations/integrity.health';
import { IntegrityWatch } from './operations/integrity-watch';
import { VerificationController } from './operations/verification.controller';
import { CountAppends, LedgerMetrics, MetricsController } from './operations/metrics';
import { ProjectionsHealthIndicator } from './operations/projections.health';
import { StoreHealthIndicator } from './operations/store.health';
import { ProblemFilter } from './problems/problem.filter';
import { ProblemsController } from './problems/problems.controller';
import { ledgerValidationPipe } from './problems/validation';
import { EntitiesReadingController } from './reading/entities.controller';
import { ExportController } from './reading/export.controller';
import { ProposalsReadingController, RegistersReadingController } from './reading/read.controllers';
import { KeepPublicAnswer, PublicAnswers } from './reading/public-answers';
import { HttpRecorder } from './recording/http-recorder';
import { IdempotencyStore } from './recording/idempotency.store';
import { RECORDING_CONTROLLERS } from './recording/record.controllers';

/** The HTTP API: controllers turn requests into commands and queries, and nothing else. */
@Module({
  imports: [
    CqrsModule,
    TerminusModule,
    RecordingModule,
    ProjectionsModule,
    ThrottlerModule.forRootAsync({
      inject: [LedgerConfig],
      useFactory: (config: LedgerConfig) => ({
        throttlers: [{ ttl: RATE_LIMIT_TTL_MS, limit: config.LEDGER_RATE_LIMIT_PER_MINUTE }],
        storage: new FixedWindowThrottlerStorage(),
      }),
    }),
  ],
  controllers: [
    ...RECORDING_CONTROLLERS,
    ProposalsReadingController,
    RegistersReadingController,
    EntitiesReadingController,
    ExportController,
    RegisterCsvController,
    OpenDataExportController,
    IntegrityController,
    VerificationController,
    ProblemsController,
    HealthController,
    MetricsController,
    DocumentsController,
    ScrutinyReadingController,
  ],
  providers: [
    Authenticator,
    LedgerIntegrity,
    HttpRecorder,
    RegisterCsvService,
    IdempotencyStore,
    StoreHealthIndicator,
    ProjectionsHealthIndicator,
    IntegrityWatch,
    IntegrityHealthIndicator,
    LedgerMetrics,
    CountAppends,
    DocumentContentStore,
    DocumentContents,
    PublicAnswers,
    KeepPublicAnswer,
    { provide: APP_GUARD, useClass: LedgerThrottlerGuard },
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_FILTER, useClass: ProblemFilter },
    { provide: APP_PIPE, useFactory: ledgerValidationPipe },
  ],
  // The web's pages sign in and record through these, so there is one way to do each.
  exports: [Authenticator, HttpRecorder, LedgerIntegrity, DocumentContents, KeepPublicAnswer],
})
export class HttpApiModule {}
