import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags, OmitType } from '@nestjs/swagger';
import {
  ExportOcdEventsQuery,
  ExportPopoloQuery,
  ProjectionService,
  LedgerQueries,
} from '@ledger/projections';
import { CurrentCaller, type Caller } from '../auth/caller';
import { ApiProblems } from '../problems/problem.dto';
import { cut } from '../reading/read-params';
import { OcdEventDto, PopoloExportDto } from '../reading/responses';
import { CutQueryDto, ListMeetingsQueryDto } from '../reading/reading-query.dto';

/** The meetings register's filters and cut, without its page: the export holds every meeting. */
class OcdEventsQueryDto extends OmitType(ListMeetingsQueryDto, ['after', 'limit'] as const) {}

/** Data out for civic-tech tools: the ledger as Popolo JSON and its meetings as Open Civic Data events, at any cut, as the caller may see them. */
@ApiTags('export')
@Controller('exports')
export class OpenDataExportController {
  constructor(
    private readonly queries: LedgerQueries,
    private readonly projections: ProjectionService,
  ) {}

  @Get('popolo.json')
  @ApiOperation({
    operationId: 'exportPopolo',
    summary: 'The ledger as Popolo JSON (popoloproject.com)',
    description:
      'Organizations (bodies with their dissolution date and a `links` entry to their successor, and alliances), persons, posts, memberships (office holders), motions (proposals, and the questions put to votes, with `requirement` from the decision rule and `result`), vote events (`counts`, `group_results` per voting body, `votes` per voter) and events (meetings), each with its `sources`. Dates keep the precision they were recorded with. `asOf`/`knownAt` cut it like any read; the public gets only what it may see.',
  })
  @ApiOkResponse({ type: PopoloExportDto })
  @ApiProblems(400, 429, 503)
  async popolo(@Query() q: CutQueryDto, @CurrentCaller() caller: Caller) {
    if (q.waitFor !== undefined) await this.projections.waitFor(q.waitFor);
    return this.queries.execute<unknown>(new ExportPopoloQuery(cut(q), caller));
  }

  @Get('ocd-events.json')
  @ApiOperation({
    operationId: 'exportOcdEvents',
    summary: 'Meetings as Open Civic Data events, as OCD scrapers write them',
    description:
      'Every meeting of the meetings register (filtered by `bodyId`, `from`, `to`) as an OCD Event: `start_date` at its precision, `status` (confirmed, tentative, cancelled, passed), `location`, `participants` (the bodies as hosts, the chair, the attendees), `agenda` items with their `order` and the proposal each concerns, `documents` (the minutes), `media` and `sources`. The public sees what the meetings register shows it.',
  })
  @ApiOkResponse({ type: [OcdEventDto] })
  @ApiProblems(400, 429, 503)
  async ocdEvents(@Query() q: OcdEventsQueryDto, @CurrentCaller() caller: Caller) {
    if (q.waitFor !== undefined) await this.projections.waitFor(q.waitFor);
    return this.queries.execute<unknown>(
      new ExportOcdEventsQuery({ bodyId: q.bodyId, from: q.from, to: q.to }, cut(q), caller),
    );
  }
}
