import type { JSONEventData } from '@eventstore/db-client';
import type { AppendResult, StoredEvent } from '../event-store.port';
import { idempotentReplay as replayOf, type StoredIdRow } from '../event-rows';
import { chainBatch } from '../hashing';
import type { NormalisedEvent } from '../validation';
import { toEventData } from './mapping';

/**
 * What an append makes of its batch before writing it, without a server: the recordedAt it
 * stamps, the events numbered, chained and hashed on top of the stream's head, or the original
 * result when the batch is a retry of one stored already.
 */

/** The last event of a stream as the append path needs it. */
export interface StreamHead {
  revision: number;
  hash: string;
  recordedAt: string;
}

/** recordedAt for a new batch: the service clock, never before `floors` (ISO 8601, UTC, ms). */
export function nextRecordedAt(now: Date, ...floors: Array<string | undefined>): string {
  let recordedAt = now.toISOString();
  for (const floor of floors) if (floor !== undefined && floor > recordedAt) recordedAt = floor;
  return recordedAt;
}

export interface PreparedAppend {
  /** The events as they will be stored, hashed and chained; position is not known yet (0). */
  events: StoredEvent[];
  /** The same events in the client's form. */
  eventData: JSONEventData[];
}

/**
 * Numbers, chains and hashes a batch on top of `head` (null: the stream does not exist), exactly
 * as the SQLite adapter does, and builds what the client appends.
 */
export function prepareAppend(
  stream: string,
  batch: readonly NormalisedEvent[],
  head: StreamHead | null,
  recordedAt: string,
): PreparedAppend {
  const events = chainBatch(stream, batch, head, recordedAt);
  const eventData: JSONEventData[] = events.map(toEventData);
  return { events, eventData };
}

/** The stored events of a batch, found by id in the stream. */
export type FoundEvents = ReadonlyMap<string, StoredEvent>;

/**
 * The port's idempotency rule, the one the SQL adapters apply (../event-rows.ts): when every id
 * of the batch is stored already with the same type and data, the original result
 * (idempotentReplay: true); when none is, null; a partial overlap, or an id stored with other
 * content, is refused. `found` holds the events of this stream whose ids are in the batch.
 */
export function idempotentReplay(
  stream: string,
  batch: readonly NormalisedEvent[],
  found: FoundEvents,
  headRevision: number,
): AppendResult | null {
  const rows = batch.map((e): StoredIdRow | undefined => {
    const event = found.get(e.id);
    // The shared rule compares data as stored text; ESDB stores JSON.stringify(data).
    return event && { ...event, data: JSON.stringify(event.data) };
  });
  return replayOf({ stream, batch }, rows, () => headRevision);
}
