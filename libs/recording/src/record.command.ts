import type { CorrectionCommand, LedgerCommand } from '@ledger/domain';
import type { SourceRef } from '@ledger/event-store';

/** Who records, when it happened, and on what evidence: required of every entry. */
export interface RecordingContext {
  /** When it happened in the world; may lie in the past. */
  occurredAt: string;
  /** Who records it (an API key's or user's name). */
  actor: string;
  source: SourceRef;
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
