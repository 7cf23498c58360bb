import { Injectable } from '@nestjs/common';
import {
  GetAuditTrailQuery,
  type AuditEntity,
  type TimeCut,
  type Viewer,
  LedgerQueries,
} from '@ledger/projections';

/** An entry of an audit trail, as GetAuditTrailQuery answers it. */
export interface TrailEntry {
  position: number;
  eventId: string;
  stream: string;
  revision: number;
  type: string;
  /** As given: a year, a month, a day or a timestamp. */
  occurredAt: string;
  occurredAtPrecision?: 'year' | 'month' | 'day' | 'time';
  occurredAtApproximate?: boolean;
  recordedAt: string;
  recordedBy?: string;
  source?: SourceShown;
  sources?: SourceShown[];
  data: Record<string, unknown>;
  hash: string;
  correctedBy: Array<{
    eventId: string;
    type: string;
    occurredAt: string;
    recordedAt: string;
    recordedBy?: string;
    data: Record<string, unknown>;
    source?: SourceShown;
    sources?: SourceShown[];
  }>;
}

/** One source as the pages show it. */
export interface SourceShown {
  kind: string;
  reference: string;
  url?: string;
  quote?: string;
  accessedAt?: string;
}

/** The most entries a page draws from one trail: a page, not an export (the API pages further). */
export const MAX_TRAIL = 1000;
const TRAIL_PAGE = 200;

/**
 * The pages' one way to the ledger: LedgerQueries, with the same queries, visibility and time
 * cut as the JSON API. Only what a page needs and a single query does not give is composed here.
 */
@Injectable()
export class LedgerReader {
  constructor(private readonly queries: LedgerQueries) {}

  /** `T`: the part of the answer the caller reads (see read-shapes.ts). */
  ask<T>(query: object): Promise<T> {
    return this.queries.execute<T>(query);
  }

  /** Every entry of an entity's audit trail at the cut, up to MAX_TRAIL, in order. */
  async trail(
    entity: AuditEntity,
    id: string,
    cut: TimeCut,
    viewer: Viewer,
  ): Promise<{ items: TrailEntry[]; truncated: boolean }> {
    const items: TrailEntry[] = [];
    let after: number | undefined;
    for (;;) {
      const page = await this.ask<{ items: TrailEntry[]; next?: string | number }>(
        new GetAuditTrailQuery(entity, id, { after, limit: TRAIL_PAGE }, cut, viewer),
      );
      items.push(...page.items);
      if (page.next === undefined || page.items.length === 0) return { items, truncated: false };
      if (items.length >= MAX_TRAIL) return { items: items.slice(0, MAX_TRAIL), truncated: true };
      after = Number(page.next);
    }
  }

  /** Every item of a paged register, up to `max`. */
  async all<T>(make: (page: { after?: string; limit: number }) => object, max = 500): Promise<T[]> {
    const items: T[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await this.ask<{ items: T[]; next?: string }>(make({ after, limit: 100 }));
      items.push(...page.items);
      if (!page.next || page.items.length === 0 || items.length >= max) return items.slice(0, max);
      after = page.next;
    }
  }
}
