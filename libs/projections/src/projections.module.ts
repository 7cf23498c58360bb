import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ExportOcdEventsHandler } from './exports/ocd-events.handler';
import { ExportPopoloHandler } from './exports/popolo.handler';
import { ProjectionService } from './projection.service';
import { LedgerQueries } from './queries/ledger-queries';
import { GetAuditTrailHandler } from './queries/audit.handler';
import { GetDocumentHandler, ListMeetingDocumentsHandler } from './queries/documents.handler';
import { GetQuestionHandler, GetReviewHandler } from './queries/scrutiny.handler';
import {
  GetAllianceHandler,
  GetBodyHandler,
  GetPersonHandler,
  GetProposalPartHandler,
  GetVoteHandler,
} from './queries/entities.handler';
import {
  GetProposalDiffHandler,
  GetProposalHandler,
  ListProposalsHandler,
  WhoDecidedHandler,
} from './queries/proposals.handler';
import {
  GetMeetingHandler,
  ListBodiesHandler,
  ListMeetingsHandler,
  ListRecommendationsHandler,
  ListVotesByPersonHandler,
} from './queries/registers.handler';
import { ListDecisionsHandler } from './queries/decisions-register.handler';

/** The read side: read models kept current from the store, answered on the QueryBus. */
@Module({
  imports: [CqrsModule],
  providers: [
    ProjectionService,
    LedgerQueries,
    GetProposalHandler,
    ListProposalsHandler,
    GetProposalDiffHandler,
    WhoDecidedHandler,
    ListMeetingsHandler,
    GetMeetingHandler,
    ListDecisionsHandler,
    ListRecommendationsHandler,
    ListVotesByPersonHandler,
    ListBodiesHandler,
    GetAuditTrailHandler,
    GetBodyHandler,
    GetPersonHandler,
    GetAllianceHandler,
    GetVoteHandler,
    ExportPopoloHandler,
    ExportOcdEventsHandler,
    GetProposalPartHandler,
    GetDocumentHandler,
    ListMeetingDocumentsHandler,
    GetQuestionHandler,
    GetReviewHandler,
  ],
  exports: [ProjectionService, LedgerQueries],
})
export class ProjectionsModule {}
