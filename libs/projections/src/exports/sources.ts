import type { QueryBus } from '@nestjs/cqrs';
import { NotFoundError } from '../queries/not-found.error';
import { GetAuditTrailQuery, type AuditEntity } from '../queries/registers.query';
import type { TimeCut } from '../time-travel/time-cut';
import type { Viewer } from '../visibility';

/** A link to where an object's facts come from (Popolo's Link, OCD's source). */
export interface SourceLink {
  url: string;
  note: string;
}

/** An audit trail entry, as GetAuditTrailQuery answers it: the fields the exports read. */
export interface AuditEntry {
  eventId: string;
  stream: string;
  type: string;
  data: Record<string, unknown>;
  source: ExportedSource;
  /** Every source the entry cites (issue 16); `source` is the first. */
  sources?: ExportedSource[];
}

interface ExportedSource {
  kind: string;
  reference: string;
  url?: string;
  quote?: string;
}

/**
 * Every entry of an entity's audit trail the viewer may see at the cut, page after page, through
 * the same query as `/audit/{entity}/{id}`: nothing (not an error) for a thing the viewer may not
 * see or that did not exist at the cut.
 */
export async function auditTrail(
  queries: QueryBus,
  entity: AuditEntity,
  id: string,
  cut: TimeCut,
  viewer: Viewer,
): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  let after: number | undefined;
  try {
    do {
      const page = await queries.execute<GetAuditTrailQuery, { items: AuditEntry[]; next?: string }>(
        new GetAuditTrailQuery(entity, id, { after, limit: 100 }, cut, viewer),
      );
      entries.push(...page.items);
      after = page.next === undefined ? undefined : Number(page.next);
    } while (after !== undefined);
  } catch (error) {
    if (error instanceof NotFoundError) return [];
    throw error;
  }
  return entries;
}

/**
 * A source as a link: its own URL, or else the ledger event that carries it (the evidence is the
 * entry), with what and where in `note`.
 */
const linksOf = (e: AuditEntry): SourceLink[] =>
  (e.sources ?? [e.source]).map((source) => ({
    url: source.url ?? `urn:ledger:event:${e.eventId}`,
    note: `${source.kind}: ${source.reference}${source.quote ? `: “${source.quote}”` : ''}`,
  }));

/** The entries' sources (every source of each), each once. */
export function distinctLinks(entries: AuditEntry[]): SourceLink[] {
  const seen = new Map<string, SourceLink>();
  for (const link of entries.flatMap(linksOf)) seen.set(`${link.url}\n${link.note}`, link);
  return [...seen.values()];
}

/**
 * An instant the ledger holds (when a meeting was held, a ballot cast) at the precision it was
 * given: the ledger stores a date as midnight UTC, which the exports show as the date itself.
 */
export const exportDate = (instant: string) =>
  instant.endsWith('T00:00:00.000Z') ? instant.slice(0, 10) : instant;
