import { datePrecision, type DatePrecision } from '@ledger/domain';
import { isApproximate, sourcesOf, type EventMetadata, type SourceRef } from '@ledger/event-store';

/** How a read shows where an entry comes from and how well its date is known. */
export interface Provenance {
  /** The first source: what reads served before entries could cite several (kept for old clients). */
  source: SourceRef;
  /** Every source the entry cites, the first included. */
  sources: SourceRef[];
}

export interface DateAsGiven {
  /** As recorded: a year, a month, a day or a timestamp; never widened to a fake midnight. */
  occurredAt: string;
  occurredAtPrecision: DatePrecision;
  occurredAtApproximate: boolean;
}

export function provenanceOf(metadata: Pick<EventMetadata, 'source'>): Provenance {
  const sources = sourcesOf(metadata);
  return { source: sources[0], sources };
}

/** An event written before issue 16 holds a timestamp: its precision reads as 'time', not approximate. */
export function dateAsGiven(metadata: Pick<EventMetadata, 'source' | 'occurredAt'>): DateAsGiven {
  return {
    occurredAt: metadata.occurredAt,
    occurredAtPrecision: datePrecision(metadata.occurredAt),
    occurredAtApproximate: isApproximate(metadata),
  };
}
