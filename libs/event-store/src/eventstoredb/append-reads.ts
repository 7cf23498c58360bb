import type { EventStoreDBClient, ResolvedEvent } from '@eventstore/db-client';
import type { AppendResult, StoredEvent } from '../event-store.port';
import type { NormalisedEvent } from '../validation';
import { readStreamRaw } from './client-calls';
import { idempotentReplay, type StreamHead } from './append-plan';
import { parseLedgerRecord, toStoredEvent } from './mapping';

/**
 * The reads around an append, all from the leader: the head to chain onto with the ids a retry
 * may have stored already, and the batch read back once written.
 */

/** The stream's last event, or null when the stream does not exist. */
export async function readHead(client: EventStoreDBClient, stream: string): Promise<StreamHead | null> {
  for await (const resolved of readStreamRaw(client, stream, 'end', 'backwards', 1, true)) {
    if (resolved.event) return headOf(stream, resolved.event);
  }
  return null;
}

/** A stream's last record as the head to chain onto; a record the ledger did not write has no hash. */
function headOf(stream: string, record: NonNullable<ResolvedEvent['event']>): StreamHead {
  const last = parseLedgerRecord(record);
  if (!last) {
    throw new Error(
      `Stream ${stream}: its last event (revision ${record.revision}, type ${record.type}) was not written by the ledger, ` +
        `so there is no hash to chain onto; refusing to write`,
    );
  }
  return { revision: last.revision, hash: last.hash, recordedAt: last.metadata.recordedAt };
}

/**
 * The stream's last event and, among its last `idempotencyWindow` events, those whose ids are
 * in the batch. One backwards read, stopped as soon as every id is found.
 */
export async function readAppendWindow(
  client: EventStoreDBClient,
  stream: string,
  batch: readonly NormalisedEvent[],
  idempotencyWindow: number,
): Promise<{ head: StreamHead | null; found: Map<string, StoredEvent> }> {
  const ids = new Set(batch.map((e) => e.id));
  const found = new Map<string, StoredEvent>();
  let head: StreamHead | null = null;
  let first = true;
  for await (const resolved of readStreamRaw(client, stream, 'end', 'backwards', idempotencyWindow, true)) {
    const record = resolved.event;
    if (!record) continue;
    if (first) {
      first = false;
      head = headOf(stream, record);
    }
    const id = record.id.toLowerCase();
    if (ids.has(id)) {
      const event = toStoredEvent(resolved);
      if (event) found.set(id, event);
      if (found.size === ids.size) break;
    }
  }
  return { head, found };
}

/**
 * Reads the batch back from the leader: the port returns each event's position, which a
 * multi-event append does not report. If the events at those revisions are not the ones just
 * prepared (the server took the write as a duplicate of a concurrent retry with the same ids),
 * they are checked and returned as a replay, like any other.
 */
export async function confirmAppend(
  client: EventStoreDBClient,
  stream: string,
  batch: NormalisedEvent[],
  prepared: StoredEvent[],
  previousRevision: number,
  nextExpectedRevision: number,
): Promise<AppendResult> {
  const stored: StoredEvent[] = [];
  for await (const resolved of readStreamRaw(
    client,
    stream,
    BigInt(previousRevision + 1),
    'forwards',
    batch.length,
    true,
  )) {
    const event = toStoredEvent(resolved);
    if (event) stored.push(event);
  }
  if (
    stored.some(
      (e, i) => prepared[i] !== undefined && e.id === prepared[i].id && e.revision !== prepared[i].revision,
    )
  ) {
    // Only if the stream was deleted or truncated behind the ledger's back: ESDB numbers on.
    throw new Error(
      `Stream ${stream}: EventStoreDB stored the batch at other revisions than the ledger hashed; was the stream deleted?`,
    );
  }
  const same =
    stored.length === prepared.length &&
    stored.every((e, i) => e.id === prepared[i].id && e.hash === prepared[i].hash);
  if (!same) {
    const found = new Map(stored.filter((e) => batch.some((b) => b.id === e.id)).map((e) => [e.id, e]));
    const replay = idempotentReplay(stream, batch, found, nextExpectedRevision);
    if (replay) return replay;
    throw new Error(
      `Stream ${stream}: the append was acknowledged but its events are not at revisions ${previousRevision + 1}…`,
    );
  }
  const last = stored[stored.length - 1];
  return {
    stream,
    nextExpectedRevision: last.revision,
    position: last.position,
    events: stored.map(({ id, revision, position, hash }) => ({ id, revision, position, hash })),
    idempotentReplay: false,
  };
}
