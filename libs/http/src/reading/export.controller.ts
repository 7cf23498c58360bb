import { Readable } from 'node:stream';
import { Controller, Get, Header, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import { actorFor, dataFor, ProjectionService, seesEverything } from '@ledger/projections';
import { CurrentCaller, type Caller } from '../auth/caller';
import { ApiProblems } from '../problems/problem.dto';
import { ExportQueryDto } from './reading-query.dto';

/**
 * The event stream as NDJSON, one event a line in global order, resumable: pass the last
 * `position` received as `after`. The public sees only the events the projector judged public
 * (visibility.ts), and never who recorded them. It reads only as far as the read models have
 * judged: an event not yet projected is neither shown nor skipped, so a resumed export gets it.
 */
@ApiTags('export')
@Controller('events')
export class ExportController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projections: ProjectionService,
  ) {}

  @Get()
  @Header('content-type', 'application/x-ndjson')
  @ApiOperation({ operationId: 'exportEvents', summary: 'Export events as NDJSON, resumable with `after`' })
  @ApiResponse({
    status: 200,
    description:
      'One event a line: id, stream, revision, position, type, schemaVersion, data, metadata, prevHash, hash',
    content: { 'application/x-ndjson': { schema: { type: 'string' } } },
  })
  @ApiProblems(400, 429)
  export(@Query() q: ExportQueryDto, @CurrentCaller() caller: Caller): Readable {
    const everything = seesEverything(caller);
    const publicEvents = this.projections.readModels.publicEvents();
    const judgedUpTo = this.projections.readModels.checkpoint;
    const store = this.store;
    const limit = q.limit ?? 1000;
    async function* lines() {
      let sent = 0;
      for await (const e of store.readAll({
        fromPosition: (q.after ?? 0) + 1,
        streamPrefix: q.streamPrefix,
      })) {
        if (sent >= limit) break;
        if (!everything && e.position > judgedUpTo) break;
        if (!everything && !publicEvents.isPublic(e.position)) continue;
        const metadata = seesEverything(caller)
          ? e.metadata
          : {
              ...e.metadata,
              actor: actorFor(e.metadata.actor, caller),
              correlationId: undefined,
              causationId: undefined,
            };
        // The public's copy leaves out exempt fields and the ids of decisions it may not see (its
        // hash then covers the auditors' full copy).
        const data = dataFor(caller, e.type, e.data, publicEvents.decisionsNamedIn(e.stream));
        yield `${JSON.stringify({ ...e, data, metadata })}\n`;
        sent += 1;
      }
    }
    return Readable.from(lines());
  }
}
