import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { stringify } from 'csv-stringify/sync';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProblemException } from '@ledger/http';
import { AUDIT_ENTITIES, isAuditEntity } from '@ledger/projections';
import { LedgerReader, type TrailEntry } from '../view-models/ledger-reader';
import { isNamedKind, PageNames } from '../view-models/names';
import { summaryOf } from '../view-models/timeline.view';
import { PageRenderer } from './page-renderer';
import { AuditIndexPageQuery, AuditTrailPageQuery, pageId, pageQuery } from './page-query';
import { text as asText } from './template-filters';

/**
 * The auditor's view: any entity's audit trail as a table, filterable, with a CSV download of what
 * the filter shows. The kinds are the API's own (AUDIT_ENTITIES, the domain's registry), so the
 * pages take every kind `/audit/{entity}/{id}` takes, with no second list to keep.
 */
@ApiExcludeController()
@Controller('register/audit')
export class AuditPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly reader: LedgerReader,
  ) {}

  @Get()
  index(@Query() query: Record<string, unknown>, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    if (!this.pages.allow(request, reply, ['auditor', 'clerk'])) return reply;
    return this.pages.page(request, reply, () => {
      const { entity, id } = pageQuery(AuditIndexPageQuery, query);
      if (entity !== undefined && id !== undefined) {
        void reply.redirect(`/register/audit/${encodeURIComponent(entity)}/${encodeURIComponent(id)}`, 303);
        return undefined;
      }
      return { template: 'audit-index', context: { pageTitle: 'Audit trail', entities: AUDIT_ENTITIES } };
    });
  }

  @Get(':entity/:id')
  trail(
    @Param('entity') entity: string,
    @Param('id') id: string,
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const caller = this.pages.caller(request);
    if (!this.pages.allow(request, reply, ['auditor', 'clerk'])) return reply;
    return this.pages.page(request, reply, async () => {
      if (!isAuditEntity(entity))
        throw new ProblemException(
          'validation-failed',
          `There is no audit trail of "${entity.slice(0, 40)}": choose one of ${AUDIT_ENTITIES.join(', ')}`,
          { errors: [{ field: 'entity', messages: ['unknown entity'] }] },
        );
      const { asOf, knownAt, ...filters } = pageQuery(AuditTrailPageQuery, query);
      const entityId = pageId(id, 'Entity');
      const trail = await this.reader.trail(entity, entityId, { asOf, knownAt }, caller);
      const filter = {
        type: text(filters.type),
        recordedBy: text(filters.recordedBy),
        contains: text(filters.contains),
      };
      const rows = trail.items.filter(
        (e) =>
          (!filter.type || e.type === filter.type) &&
          (!filter.recordedBy || (e.recordedBy ?? '').includes(filter.recordedBy)) &&
          (!filter.contains ||
            JSON.stringify([e.data, e.source]).toLowerCase().includes(filter.contains.toLowerCase())),
      );
      if (filters.format === 'csv') {
        void reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="audit-${entity}-${id}.csv"`)
          .send(csvOf(rows));
        return undefined;
      }
      // Headed by its name where the pages name its kind and the reader may see it; titled as headed.
      const name = isNamedKind(entity)
        ? (await new PageNames(this.reader, caller).book({ [entity]: [entityId] }))[entity][entityId]
        : undefined;
      const heading = `Audit trail: ${name ?? `${entity} ${id}`}`;
      return {
        template: 'audit',
        context: {
          pageTitle: heading,
          heading,
          entity,
          id,
          rows: rows.map((e) => ({ ...e, summary: summaryOf(e.data) })),
          types: [...new Set(trail.items.map((e) => e.type))].sort(),
          filter,
          total: trail.items.length,
          truncated: trail.truncated,
          cut: { asOf, knownAt },
        },
      };
    });
  }
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, 200) : undefined;
}

/** One row an event, corrections named beside it, as the table shows it. */
export function csvOf(rows: TrailEntry[]): string {
  return stringify(
    rows.map((e) => [
      e.position,
      e.occurredAt,
      e.recordedAt,
      e.recordedBy ?? '',
      e.type,
      e.stream,
      e.eventId,
      summaryOf(e.data),
      e.source?.kind ?? '',
      e.source?.reference ?? '',
      e.correctedBy.map((c) => `${c.type} ${c.eventId}: ${asText(c.data?.reason)}`).join(' | '),
      JSON.stringify(e.data),
      e.hash,
    ]),
    {
      header: true,
      columns: [
        'position',
        'occurredAt',
        'recordedAt',
        'recordedBy',
        'type',
        'stream',
        'eventId',
        'summary',
        'sourceKind',
        'sourceReference',
        'correctedBy',
        'data',
        'hash',
      ],
    },
  );
}
