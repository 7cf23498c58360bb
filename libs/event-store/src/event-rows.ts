import { EventEmitter } from 'node:events';
import { InvalidInput } from './errors';
import type { AppendResult, StoredEvent } from './event-store.port';

/**
 * What the SQL adapters (SQLite, PostgreSQL) share: one row shape for the events table, the one
 * way to read it back, the idempotent replay of a batch stored already, and how a subscription
 * waits for the next append. Each adapter keeps only its own SQL.
 */

/** An events row as both drivers return it (PostgreSQL's int8 columns parsed as numbers). */
export interface EventRow {
  position: number;
  id: string;
  stream: string;
  revision: number;
  type: string;
  schema_version: number;
  data: string;
  occurred_at: string;
  recorded_at: string;
  actor: string;
  correlation_id: string;
  causation_id: string | null;
  source: string;
  prev_hash: string | null;
  hash: string;
}

export const EVENT_COLUMNS =
  'position, id, stream, revision, type, schema_version, data, occurred_at, recorded_at, actor, correlation_id, causation_id, source, prev_hash, hash';

export function rowToEvent(row: EventRow): StoredEvent {
  return {
    id: row.id,
    stream: row.stream,
    revision: row.revision,
    position: row.position,
    type: row.type,
    schemaVersion: row.schema_version,
    data: JSON.parse(row.data),
    metadata: {
      occurredAt: row.occurred_at,
      recordedAt: row.recorded_at,
      actor: row.actor,
      correlationId: row.correlation_id,
      causationId: row.causation_id,
      source: JSON.parse(row.source) as StoredEvent['metadata']['source'],
    },
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** The stored row of an id a batch names again. */
export type StoredIdRow = Pick<
  EventRow,
  'position' | 'id' | 'stream' | 'revision' | 'type' | 'data' | 'hash'
>;

/**
 * A batch whose ids are all stored already, with the same content, answers the original result
 * (a retry); none stored: null, append it; some, or other content under an id: refused.
 */
export function idempotentReplay(
  p: { stream: string; batch: ReadonlyArray<{ id: string; type: string; json: string }> },
  found: ReadonlyArray<StoredIdRow | undefined>,
  streamRevision: (stored: readonly StoredIdRow[]) => number,
): AppendResult | null {
  const stored = found.filter((row): row is StoredIdRow => row !== undefined);
  if (stored.length === 0) return null;
  p.batch.forEach((e, i) => {
    const row = found[i];
    if (row && (row.stream !== p.stream || row.type !== e.type || row.data !== e.json)) {
      throw new InvalidInput(
        'duplicate-event-id',
        `events[${i}].id`,
        `Event id ${e.id} is already stored (stream ${row.stream}, revision ${row.revision}) with other content`,
      );
    }
  });
  if (stored.length !== p.batch.length) {
    throw new InvalidInput(
      'duplicate-event-id',
      'events',
      `Some ids of this batch are stored already and others are not; a retry must resend the same batch`,
    );
  }
  return {
    stream: p.stream,
    nextExpectedRevision: streamRevision(stored),
    position: stored[stored.length - 1].position,
    events: stored.map(({ id, revision, position, hash }) => ({ id, revision, position, hash })),
    idempotentReplay: true,
  };
}

/** Resolves on a local commit ('appended'), on the poll interval (another process may write), on close, or on abort. */
export function waitForAppend(
  appended: EventEmitter,
  pollIntervalMs: number,
  signal?: AbortSignal,
): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      appended.off('appended', done);
      appended.off('closed', done);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, pollIntervalMs);
    appended.once('appended', done);
    appended.once('closed', done);
    signal?.addEventListener('abort', done, { once: true });
  });
}
