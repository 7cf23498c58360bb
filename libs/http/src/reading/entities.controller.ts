import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  GetAllianceQuery,
  GetBodyQuery,
  GetPersonQuery,
  GetProposalPartQuery,
  GetVoteQuery,
} from '@ledger/projections';
import { CurrentCaller, type Caller } from '../auth/caller';
import { ApiProblems } from '../problems/problem.dto';
import { IdParamPipe } from './id-param.pipe';
import { Reading } from './read.controllers';
import { CutQueryDto } from './reading-query.dto';
import {
  AllianceDto,
  BodyDto,
  ClaimReadDto,
  DecisionDto,
  PersonDto,
  RecommendationDto,
  VoteDto,
} from './responses';

const cut = (q: CutQueryDto) => ({ asOf: q.asOf, knownAt: q.knownAt });

/** What one recorded, read back one thing at a time: at any cut, as the caller may see it. */
@Controller()
export class EntitiesReadingController extends Reading {
  @Get('bodies/:bodyId')
  @ApiTags('bodies')
  @ApiOperation({
    operationId: 'getBody',
    summary: 'A body: its powers, dates, successor, posts and office holders',
  })
  @ApiOkResponse({ type: BodyDto })
  @ApiProblems(400, 404, 429, 503)
  body(@Param('bodyId', IdParamPipe) id: string, @Query() q: CutQueryDto, @CurrentCaller() caller: Caller) {
    return this.ask(new GetBodyQuery(id, cut(q), caller), q);
  }

  @Get('people/:personId')
  @ApiTags('people')
  @ApiOperation({ operationId: 'getPerson', summary: 'A person, by the name they are addressed by' })
  @ApiOkResponse({ type: PersonDto })
  @ApiProblems(400, 404, 429, 503)
  person(
    @Param('personId', IdParamPipe) id: string,
    @Query() q: CutQueryDto,
    @CurrentCaller() caller: Caller,
  ) {
    return this.ask(new GetPersonQuery(id, cut(q), caller), q);
  }

  @Get('alliances/:allianceId')
  @ApiTags('alliances')
  @ApiOperation({
    operationId: 'getAlliance',
    summary: 'An alliance: its decision rule and its members over time',
  })
  @ApiOkResponse({ type: AllianceDto })
  @ApiProblems(400, 404, 429, 503)
  alliance(
    @Param('allianceId', IdParamPipe) id: string,
    @Query() q: CutQueryDto,
    @CurrentCaller() caller: Caller,
  ) {
    return this.ask(new GetAllianceQuery(id, cut(q), caller), q);
  }

  @Get('votes/:voteEventId')
  @ApiTags('votes')
  @ApiOperation({
    operationId: 'getVote',
    summary: 'A vote: its question, ballots and result (404 to the public when taken at a private meeting)',
  })
  @ApiOkResponse({ type: VoteDto })
  @ApiProblems(400, 404, 429, 503)
  vote(
    @Param('voteEventId', IdParamPipe) id: string,
    @Query() q: CutQueryDto,
    @CurrentCaller() caller: Caller,
  ) {
    return this.ask(new GetVoteQuery(id, cut(q), caller), q);
  }

  @Get('proposals/:proposalId/decisions/:decisionId')
  @ApiTags('proposals')
  @ApiOperation({
    operationId: 'getDecision',
    summary:
      'A decision on a proposal: who took it, for which body, where, and why (404 to the public when taken in private)',
  })
  @ApiOkResponse({ type: DecisionDto })
  @ApiProblems(400, 404, 429, 503)
  decision(
    @Param('proposalId', IdParamPipe) proposalId: string,
    @Param('decisionId', IdParamPipe) id: string,
    @Query() q: CutQueryDto,
    @CurrentCaller() caller: Caller,
  ) {
    return this.ask(new GetProposalPartQuery(proposalId, 'decision', id, cut(q), caller), q);
  }

  @Get('proposals/:proposalId/recommendations/:recommendationId')
  @ApiTags('proposals')
  @ApiOperation({
    operationId: 'getRecommendation',
    summary: 'A recommendation on a proposal: by which body, to which, and why',
  })
  @ApiOkResponse({ type: RecommendationDto })
  @ApiProblems(400, 404, 429, 503)
  recommendation(
    @Param('proposalId', IdParamPipe) proposalId: string,
    @Param('recommendationId', IdParamPipe) id: string,
    @Query() q: CutQueryDto,
    @CurrentCaller() caller: Caller,
  ) {
    return this.ask(new GetProposalPartQuery(proposalId, 'recommendation', id, cut(q), caller), q);
  }

  @Get('proposals/:proposalId/claims/:claimId')
  @ApiTags('proposals')
  @ApiOperation({
    operationId: 'getClaim',
    summary: 'A claim about a proposal (a figure someone gave), with its source',
  })
  @ApiOkResponse({ type: ClaimReadDto })
  @ApiProblems(400, 404, 429, 503)
  claim(
    @Param('proposalId', IdParamPipe) proposalId: string,
    @Param('claimId', IdParamPipe) id: string,
    @Query() q: CutQueryDto,
    @CurrentCaller() caller: Caller,
  ) {
    return this.ask(new GetProposalPartQuery(proposalId, 'claim', id, cut(q), caller), q);
  }
}
