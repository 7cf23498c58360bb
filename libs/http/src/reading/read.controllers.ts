import { Controller, Get, Injectable, Param, Query, UseInterceptors } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  GetAuditTrailQuery,
  GetMeetingQuery,
  GetProposalDiffQuery,
  GetProposalQuery,
  ListBodiesQuery,
  ListDecisionsQuery,
  ListMeetingsQuery,
  ListProposalsQuery,
  ListRecommendationsQuery,
  ListVotesByPersonQuery,
  ProjectionService,
  WhoDecidedQuery,
  LedgerQueries,
} from '@ledger/projections';
import { PROPOSAL_STATUS_RULE } from '@ledger/domain';
import { CurrentCaller, type Caller } from '../auth/caller';
import { ApiProblems } from '../problems/problem.dto';
import { CsvOnAccept } from '../exports/csv-on-accept.interceptor';
import { IdParamPipe } from './id-param.pipe';
import { KeepPublicAnswer } from './public-answers';
import {
  AuditPageDto,
  BodySummaryDto,
  DecidedByDto,
  DecisionEntryDto,
  MeetingDto,
  PageOf,
  PersonVoteDto,
  ProposalDiffDto,
  ProposalDto,
  ProposalSummaryDto,
  RecommendationEntryDto,
} from './responses';
import { afterPosition, AUDIT_ENTITY_PARAM, auditEntity, cut } from './read-params';
import {
  CutQueryDto,
  DateRangeQueryDto,
  DiffQueryDto,
  ListBodiesQueryDto,
  ListDecisionsQueryDto,
  ListMeetingsQueryDto,
  ListProposalsQueryDto,
  ListRecommendationsQueryDto,
  PageQueryDto,
} from './reading-query.dto';

const DEFAULT_PAGE = 50;
const page = (q: PageQueryDto) => ({ after: q.after, limit: q.limit ?? DEFAULT_PAGE });

/** Reads: every one is answered through LedgerQueries (the QueryBus, answers kept while the ledger stands still), at any cut, as the caller may see it. */
@Injectable()
@UseInterceptors(KeepPublicAnswer)
export abstract class Reading {
  constructor(
    protected readonly queries: LedgerQueries,
    private readonly projections: ProjectionService,
  ) {}

  protected async ask<T>(query: object, q: { waitFor?: number }): Promise<T> {
    if (q.waitFor !== undefined) await this.projections.waitFor(q.waitFor);
    return this.queries.execute<T>(query);
  }
}

@ApiTags('proposals')
@Controller('proposals')
export class ProposalsReadingController extends Reading {
  @Get()
  @ApiOperation({
    operationId: 'listProposals',
    summary: 'Proposals by status, alliance, body and date, now or at a cut',
  })
  @ApiOkResponse({ type: PageOf(ProposalSummaryDto) })
  @ApiProblems(400, 429, 503)
  list(@Query() q: ListProposalsQueryDto, @CurrentCaller() caller: Caller) {
    return this.ask(
      new ListProposalsQuery(
        {
          status: q.status,
          allianceId: q.allianceId,
          bodyId: q.bodyId,
          tabledFrom: q.tabledFrom,
          tabledTo: q.tabledTo,
        },
        page(q),
        cut(q),
        caller,
      ),
      q,
    );
  }

  @Get(':proposalId')
  @ApiOperation({
    operationId: 'getProposal',
    summary: "A proposal's status, each body's position, and who it waits for",
    description: PROPOSAL_STATUS_RULE,
  })
  @ApiOkResponse({ type: ProposalDto })
  @ApiProblems(400, 404, 429, 503)
  get(
    @Param('proposalId', IdParamPipe) id: string,
    @Query() q: CutQueryDto,
    @CurrentCaller() caller: Caller,
  ) {
    return this.ask(new GetProposalQuery(id, cut(q), caller), q);
  }

  @Get(':proposalId/history')
  @ApiOperation({
    operationId: 'getProposalHistory',
    summary: 'Every event concerning the proposal, with corrections beside the originals',
  })
  @ApiOkResponse({ type: AuditPageDto })
  @ApiProblems(400, 404, 429, 503)
  history(
    @Param('proposalId', IdParamPipe) id: string,
    @Query() q: PageQueryDto,
    @CurrentCaller() caller: Caller,
  ) {
    return this.ask(
      new GetAuditTrailQuery(
        'proposal',
        id,
        { after: afterPosition(q.after), limit: q.limit ?? DEFAULT_PAGE },
        cut(q),
        caller,
      ),
      q,
    );
  }

  @Get(':proposalId/diff')
  @ApiOperation({ operationId: 'getProposalDiff', summary: 'What changed between two dates, event by event' })
  @ApiOkResponse({ type: ProposalDiffDto })
  @ApiProblems(400, 404, 429, 503)
  diff(
    @Param('proposalId', IdParamPipe) id: string,
    @Query() q: DiffQueryDto,
    @CurrentCaller() caller: Caller,
  ) {
    return this.ask(new GetProposalDiffQuery(id, q.from, q.to, q.knownAt, caller), q);
  }

  @Get(':proposalId/decided-by')
  @ApiOperation({
    operationId: 'whoDecided',
    summary: 'Who decided: bodies, posts, people, the meeting and its chair, and the sources',
  })
  @ApiOkResponse({ type: DecidedByDto })
  @ApiProblems(400, 404, 429, 503)
  decidedBy(
    @Param('proposalId', IdParamPipe) id: string,
    @Query() q: CutQueryDto,
    @CurrentCaller() caller: Caller,
  ) {
    return this.ask(new WhoDecidedQuery(id, cut(q), caller), q);
  }
}

@ApiTags('registers')
@Controller()
@UseInterceptors(CsvOnAccept)
export class RegistersReadingController extends Reading {
  @Get('meetings')
  @ApiOperation({ operationId: 'listMeetings', summary: 'Meetings, per body, with their agenda' })
  @ApiOkResponse({ type: PageOf(MeetingDto) })
  @ApiProblems(400, 429, 503)
  meetings(@Query() q: ListMeetingsQueryDto, @CurrentCaller() caller: Caller) {
    return this.ask(
      new ListMeetingsQuery({ bodyId: q.bodyId, from: q.from, to: q.to }, page(q), cut(q), caller),
      q,
    );
  }

  @Get('meetings/:meetingId')
  @ApiOperation({
    operationId: 'getMeeting',
    summary: 'A meeting, its agenda, chair, attendance and minutes',
  })
  @ApiOkResponse({ type: MeetingDto })
  @ApiProblems(400, 404, 429, 503)
  meeting(
    @Param('meetingId', IdParamPipe) id: string,
    @Query() q: CutQueryDto,
    @CurrentCaller() caller: Caller,
  ) {
    return this.ask(new GetMeetingQuery(id, cut(q), caller), q);
  }

  @Get('decisions')
  @ApiOperation({
    operationId: 'listDecisions',
    summary: "The decisions register, per body, like a PCC's numbered decision records",
  })
  @ApiOkResponse({ type: PageOf(DecisionEntryDto) })
  @ApiProblems(400, 404, 429, 503)
  decisions(@Query() q: ListDecisionsQueryDto, @CurrentCaller() caller: Caller) {
    return this.ask(
      new ListDecisionsQuery(
        { bodyId: q.bodyId, proposalId: q.proposalId, personId: q.personId, from: q.from, to: q.to },
        page(q),
        cut(q),
        caller,
      ),
      q,
    );
  }

  @Get('recommendations')
  @ApiOperation({ operationId: 'listRecommendations', summary: 'Recommendations, with what came of each' })
  @ApiOkResponse({ type: PageOf(RecommendationEntryDto) })
  @ApiProblems(400, 429, 503)
  recommendations(@Query() q: ListRecommendationsQueryDto, @CurrentCaller() caller: Caller) {
    return this.ask(
      new ListRecommendationsQuery(
        { proposalId: q.proposalId, byBodyId: q.byBodyId, toBodyId: q.toBodyId, from: q.from, to: q.to },
        page(q),
        cut(q),
        caller,
      ),
      q,
    );
  }

  @Get('bodies')
  @ApiOperation({ operationId: 'listBodies', summary: 'Bodies, with their powers, dates and successors' })
  @ApiOkResponse({ type: PageOf(BodySummaryDto) })
  @ApiProblems(400, 429, 503)
  bodies(@Query() q: ListBodiesQueryDto) {
    return this.ask(new ListBodiesQuery({ classification: q.classification }, page(q), cut(q)), q);
  }

  @Get('people/:personId/votes')
  @ApiOperation({
    operationId: 'listVotesByPerson',
    summary: "A person's votes (404 for a person not registered at the cut, as GET /people/{personId})",
  })
  @ApiOkResponse({ type: PageOf(PersonVoteDto) })
  @ApiProblems(400, 404, 429, 503)
  votes(
    @Param('personId', IdParamPipe) id: string,
    @Query() q: PageQueryDto,
    @CurrentCaller() caller: Caller,
  ) {
    return this.ask(new ListVotesByPersonQuery(id, page(q), cut(q), caller), q);
  }

  @Get('people/:personId/decisions')
  @ApiOperation({
    operationId: 'listDecisionsByPerson',
    summary:
      "A person's decisions: those they made, signed, or took under delegation (404 for a person not registered at the cut, as GET /people/{personId})",
  })
  @ApiOkResponse({ type: PageOf(DecisionEntryDto) })
  @ApiProblems(400, 404, 429, 503)
  personDecisions(
    @Param('personId', IdParamPipe) id: string,
    @Query() q: DateRangeQueryDto,
    @CurrentCaller() caller: Caller,
  ) {
    return this.ask(
      new ListDecisionsQuery({ personId: id, from: q.from, to: q.to }, page(q), cut(q), caller),
      q,
    );
  }

  @Get('audit/:entity/:id')
  @ApiOperation({
    operationId: 'getAuditTrail',
    summary:
      'Every event concerning a record of any kind: who recorded what, when, on what source, and what corrected it',
  })
  @ApiParam(AUDIT_ENTITY_PARAM)
  @ApiOkResponse({ type: AuditPageDto })
  @ApiProblems(400, 404, 429, 503)
  audit(
    @Param('entity') entity: string,
    @Param('id', IdParamPipe) id: string,
    @Query() q: PageQueryDto,
    @CurrentCaller() caller: Caller,
  ) {
    return this.ask(
      new GetAuditTrailQuery(
        auditEntity(entity),
        id,
        { after: afterPosition(q.after), limit: q.limit ?? DEFAULT_PAGE },
        cut(q),
        caller,
      ),
      q,
    );
  }
}
