import type { JSONEventData } from '@eventstore/db-client';
import type { StoredEvent } from '../event-store.port';
import { alreadyImported, assertImportContinues } from '../validation';
import type { StreamHead } from './append-plan';

/**
 * An import planned before anything is written (which events to skip, which runs to append), and
 * the chunks its appends are sent in. Pure: import-events.ts does the reads and the writes.
 */

/** An event stored at a stream revision, as far as the import check needs it. */
export interface StoredAt {
  id: string;
  hash: string;
}

export const storedAtKey = (stream: string, revision: number): string => `${stream}@${revision}`;

export interface ImportPlan {
  skipped: number;
  /** Runs of events of one stream, in the order given; each run continues its stream's chain. */
  writes: Array<{ stream: string; events: StoredEvent[] }>;
  /** The latest recordedAt among the events to write. */
  lastRecordedAt: string | undefined;
}

/**
 * The checks of the SQLite adapter's importEvents, made before anything is written: an event
 * already at its revision with the same id and hash is skipped (the same id with another hash is
 * refused), every other one must continue its stream's chain, and recordedAt must not go back
 * from the ledger's last event. EventStoreDB has no index of event ids, so "already stored" is
 * looked up at the event's own stream and revision (`existing`, keyed by storedAtKey).
 */
export function planImport(
  events: readonly StoredEvent[],
  heads: ReadonlyMap<string, StreamHead | null>,
  existing: ReadonlyMap<string, StoredAt>,
  ledgerLastRecordedAt: string | undefined,
): ImportPlan {
  const current = new Map(heads);
  const planned = new Map<string, string>();
  const writes: ImportPlan['writes'] = [];
  let lastRecorded = ledgerLastRecordedAt;
  let skipped = 0;
  events.forEach((e, i) => {
    const earlier = planned.get(e.id); // the same id twice in one import
    const stored =
      earlier !== undefined ? { id: e.id, hash: earlier } : existing.get(storedAtKey(e.stream, e.revision));
    if (alreadyImported(stored?.id === e.id ? stored : undefined, e, i)) {
      skipped += 1;
      return;
    }
    const head = current.get(e.stream) ?? null;
    assertImportContinues(e, i, head, lastRecorded);
    lastRecorded = e.metadata.recordedAt;
    current.set(e.stream, { revision: e.revision, hash: e.hash, recordedAt: e.metadata.recordedAt });
    planned.set(e.id, e.hash);
    const run = writes[writes.length - 1];
    if (run && run.stream === e.stream) run.events.push(e);
    else writes.push({ stream: e.stream, events: [e] });
  });
  return { skipped, writes, lastRecordedAt: writes.length > 0 ? lastRecorded : undefined };
}

/** Splits `items` into runs of at most `maxBytes` (by `size`), each holding at least one item. */
export function chunkByBytes<T>(items: readonly T[], size: (item: T) => number, maxBytes: number): T[][] {
  const chunks: T[][] = [];
  let chunk: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const n = size(item);
    if (chunk.length > 0 && bytes + n > maxBytes) {
      chunks.push(chunk);
      chunk = [];
      bytes = 0;
    }
    chunk.push(item);
    bytes += n;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

/** Roughly what an event weighs in an append request: its data and its metadata as JSON. */
export function eventDataBytes(data: JSONEventData): number {
  return Buffer.byteLength(JSON.stringify(data.data)) + Buffer.byteLength(JSON.stringify(data.metadata)) + 64;
}
