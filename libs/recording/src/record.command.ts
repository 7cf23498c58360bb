import type { CorrectionCommand, LedgerCommand } from '@ledger/domain';
import { storedSource, type SourceRef, type StoredSource } from '@ledger/event-store';

/** Who records, when it happened, and on what evidence: required of every entry. */
export interface RecordingContext {
  /**
   * When it happened in the world; may lie in the past. A year (2013), a month (2013-01), a day
   * or a timestamp: stored as given.
   */
  occurredAt: string;
  /** The date is approximate ("early 2013" given as 2013). */
  occurredAtApproximate?: boolean;
  /** Who records it (an API key's or user's name). */
  actor: string;
  /** One source: shorthand for `sources: [source]` (older clients and commands). */
  source?: SourceRef;
  /** Every source the entry cites; at least one of `source` and `sources` is given. */
  sources?: readonly SourceRef[];
  correlationId?: string;
  causationId?: string;
  /** Makes a retried request return the first result and record nothing new. */
  idempotencyKey?: string;
  /**
   * What the request asked (a hash of its content): stored with the events under the key, so
   * that the same key with another request is refused rather than answered as a replay.
   */
  fingerprint?: string;
  /** The stream revision the caller last saw (HTTP If-Match); a different one is a conflict. */
  expectedRevision?: number;
}

export type RecordableCommand = LedgerCommand | (CorrectionCommand & { stream: string });

export interface RecordedEventRef {
  id: string;
  type: string;
  revision: number;
  position: number;
  hash: string;
}

export interface RecordResult {
  stream: string;
  events: RecordedEventRef[];
  /** The stream's revision after the write: the ETag of the aggregate. */
  revision: number;
  /** The global position of the last event written: read models can be awaited up to it. */
  position: number;
  /** True when this was a retry of a request already recorded. */
  replayed: boolean;
}

/** The metadata.source stored for an entry: its sources (both forms) and its date's approximation. */
export function contextSource(context: RecordingContext): StoredSource {
  const sources = [...(context.source ? [context.source] : []), ...(context.sources ?? [])];
  return storedSource(sources, context.occurredAtApproximate === true);
}
