import type { Readable } from 'node:stream';
import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentCaller, type Caller } from '../auth/caller';
import { ApiProblems } from '../problems/problem.dto';
import { IdParamPipe } from '../reading/id-param.pipe';
import { AUDIT_ENTITY_PARAM } from '../reading/read-params';
import {
  DateRangeQueryDto,
  ListDecisionsQueryDto,
  ListMeetingsQueryDto,
  ListRecommendationsQueryDto,
  PageQueryDto,
} from '../reading/reading-query.dto';
import { setCsvHeaders } from './csv-on-accept.interceptor';
import { REGISTER_COLUMNS } from './register-csv';
import { RegisterCsvService } from './register-csv.service';

const CSV = (register: keyof typeof REGISTER_COLUMNS) => ({
  status: 200,
  description: `RFC 4180 CSV with a header row (${REGISTER_COLUMNS[register].join(', ')}): the JSON rows of the register, flattened; a cell starting with = + - @ is prefixed with '. Without \`limit\`, every row from \`after\` on. The same as \`Accept: text/csv\` on the register's own route.`,
  content: { 'text/csv': { schema: { type: 'string' } } },
});

/** The registers as CSV for auditors and spreadsheets, at the registers' routes with `.csv`. */
@ApiTags('registers')
@Controller()
export class RegisterCsvController {
  constructor(private readonly csv: RegisterCsvService) {}

  @Get('decisions.csv')
  @ApiOperation({ operationId: 'listDecisionsCsv', summary: 'The decisions register as CSV' })
  @ApiProduces('text/csv')
  @ApiResponse(CSV('decisions'))
  @ApiProblems(400, 404, 429, 503)
  async decisions(
    @Query() q: ListDecisionsQueryDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Readable> {
    return this.sent(reply, 'decisions', await this.csv.decisions(q, caller));
  }

  @Get('people/:personId/decisions.csv')
  @ApiOperation({
    operationId: 'listDecisionsByPersonCsv',
    summary: "A person's decisions as CSV: those they made, signed, or took under delegation",
  })
  @ApiProduces('text/csv')
  @ApiResponse(CSV('decisions'))
  @ApiProblems(400, 404, 429, 503)
  async personDecisions(
    @Param('personId', IdParamPipe) id: string,
    @Query() q: DateRangeQueryDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Readable> {
    return this.sent(reply, 'decisions', await this.csv.decisions({ ...q, personId: id }, caller));
  }

  @Get('recommendations.csv')
  @ApiOperation({ operationId: 'listRecommendationsCsv', summary: 'The recommendations register as CSV' })
  @ApiProduces('text/csv')
  @ApiResponse(CSV('recommendations'))
  @ApiProblems(400, 429, 503)
  async recommendations(
    @Query() q: ListRecommendationsQueryDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Readable> {
    return this.sent(reply, 'recommendations', await this.csv.recommendations(q, caller));
  }

  @Get('meetings.csv')
  @ApiOperation({ operationId: 'listMeetingsCsv', summary: 'The meetings register as CSV' })
  @ApiProduces('text/csv')
  @ApiResponse(CSV('meetings'))
  @ApiProblems(400, 429, 503)
  async meetings(
    @Query() q: ListMeetingsQueryDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Readable> {
    return this.sent(reply, 'meetings', await this.csv.meetings(q, caller));
  }

  @Get('people/:personId/votes.csv')
  @ApiOperation({
    operationId: 'listVotesByPersonCsv',
    summary: "A person's votes as CSV, one row per ballot",
  })
  @ApiProduces('text/csv')
  @ApiResponse(CSV('votes'))
  @ApiProblems(400, 404, 429, 503)
  async votes(
    @Param('personId', IdParamPipe) id: string,
    @Query() q: PageQueryDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Readable> {
    return this.sent(reply, 'votes', await this.csv.votes(id, q, caller));
  }

  @Get('audit/:entity/:id.csv')
  @ApiOperation({ operationId: 'getAuditTrailCsv', summary: 'An audit trail as CSV, one row per event' })
  @ApiParam(AUDIT_ENTITY_PARAM)
  @ApiProduces('text/csv')
  @ApiResponse(CSV('audit'))
  @ApiProblems(400, 404, 429, 503)
  async audit(
    @Param('entity') entity: string,
    @Param('id', IdParamPipe) id: string,
    @Query() q: PageQueryDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Readable> {
    return this.sent(reply, 'audit', await this.csv.audit(entity, id, q, caller));
  }

  private sent(reply: FastifyReply, register: keyof typeof REGISTER_COLUMNS, csv: Readable): Readable {
    setCsvHeaders(reply, register);
    return csv;
  }
}
