import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import {
  GetAuditTrailQuery,
  ListDecisionsQuery,
  ListMeetingsQuery,
  ListRecommendationsQuery,
  ListVotesByPersonQuery,
  ProjectionService,
  LedgerQueries,
} from '@ledger/projections';
import type { Caller } from '../auth/caller';
import { afterPosition, auditEntity, cut } from '../reading/read-params';
import {
  MAX_PAGE,
  type ListDecisionsQueryDto,
  type ListMeetingsQueryDto,
  type ListRecommendationsQueryDto,
  type PageQueryDto,
} from '../reading/reading-query.dto';
import { registerCsv, type RegisterName, type RegisterPage } from './register-csv';

/**
 * The registers as CSV, asked of the same queries as their JSON (so the same visibility rule and
 * the same cut), page after page. Without `limit` it is the whole register from `after` on; with
 * `limit` it is that one page, as the JSON answers it.
 */
@Injectable()
export class RegisterCsvService {
  constructor(
    private readonly queries: LedgerQueries,
    private readonly projections: ProjectionService,
  ) {}

  decisions(q: ListDecisionsQueryDto, caller: Caller): Promise<Readable> {
    return this.csv(
      'decisions',
      q,
      (after, limit) =>
        new ListDecisionsQuery(
          { bodyId: q.bodyId, proposalId: q.proposalId, personId: q.personId, from: q.from, to: q.to },
          { after, limit },
          cut(q),
          caller,
        ),
    );
  }

  recommendations(q: ListRecommendationsQueryDto, caller: Caller): Promise<Readable> {
    return this.csv(
      'recommendations',
      q,
      (after, limit) =>
        new ListRecommendationsQuery(
          { proposalId: q.proposalId, byBodyId: q.byBodyId, toBodyId: q.toBodyId, from: q.from, to: q.to },
          { after, limit },
          cut(q),
          caller,
        ),
    );
  }

  meetings(q: ListMeetingsQueryDto, caller: Caller): Promise<Readable> {
    return this.csv(
      'meetings',
      q,
      (after, limit) =>
        new ListMeetingsQuery({ bodyId: q.bodyId, from: q.from, to: q.to }, { after, limit }, cut(q), caller),
    );
  }

  /** One row per ballot the person cast. */
  votes(personId: string, q: PageQueryDto, caller: Caller): Promise<Readable> {
    return this.csv(
      'votes',
      q,
      (after, limit) => new ListVotesByPersonQuery(personId, { after, limit }, cut(q), caller),
    );
  }

  audit(entity: string, id: string, q: PageQueryDto, caller: Caller): Promise<Readable> {
    const of = auditEntity(entity);
    return this.csv(
      'audit',
      q,
      (after, limit) =>
        new GetAuditTrailQuery(of, id, { after: afterPosition(after), limit }, cut(q), caller),
    );
  }

  private async csv(
    register: RegisterName,
    q: PageQueryDto,
    queryAfter: (after: string | undefined, limit: number) => object,
  ): Promise<Readable> {
    if (q.waitFor !== undefined) await this.projections.waitFor(q.waitFor);
    const ask = (after: string | undefined) =>
      this.queries.execute<RegisterPage>(queryAfter(after, q.limit ?? MAX_PAGE));
    // The first page is read before anything is sent: a 404 or a bad cursor answers as a problem.
    const first = await ask(q.after);
    return registerCsv(register, first, q.limit === undefined ? ask : undefined);
  }
}
