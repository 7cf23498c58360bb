import type { EventStoreDBClient } from '@eventstore/db-client';
import { WrongExpectedRevision } from '../errors';
import type { ImportResult, StoredEvent } from '../event-store.port';
import { isWrongExpectedVersion, readStreamRaw } from './client-calls';
import type { StreamHead } from './append-plan';
import { chunkByBytes, eventDataBytes, planImport, storedAtKey, type StoredAt } from './import-plan';
import { exactExpectedRevision, fromCurrentRevision, parseLedgerRecord, toEventData } from './mapping';

/** Import appends stay well under the server's default MaxAppendSize (1 MiB). */
const IMPORT_CHUNK_BYTES = 512 * 1024;

/** What an import reads through the store: each stream's head, and the last ledger event of `$all`. */
export interface ImportReads {
  readHead(stream: string): Promise<StreamHead | null>;
  lastLedgerEvent(): Promise<StoredEvent | undefined>;
}

/**
 * Writes a checked import: the events already stored (same id and hash at their revision) are
 * skipped, the others appended in runs per stream with the exact expected revision, in chunks
 * under the server's append size. Answers the counts and the last recordedAt imported.
 */
export async function importInRuns(
  client: EventStoreDBClient,
  events: StoredEvent[],
  reads: ImportReads,
): Promise<ImportResult & { lastRecordedAt: string | undefined }> {
  const byStream = new Map<string, StoredEvent[]>();
  for (const e of events) {
    const list = byStream.get(e.stream);
    if (list) list.push(e);
    else byStream.set(e.stream, [e]);
  }
  const heads = new Map<string, StreamHead | null>();
  const existing = new Map<string, StoredAt>();
  for (const [stream, streamEvents] of byStream) {
    const head = await reads.readHead(stream);
    heads.set(stream, head);
    const wanted = streamEvents
      .filter((e) => head !== null && e.revision <= head.revision)
      .map((e) => e.revision);
    if (wanted.length === 0) continue;
    const wantedSet = new Set(wanted);
    const from = wanted.reduce((a, b) => Math.min(a, b));
    const count = wanted.reduce((a, b) => Math.max(a, b)) - from + 1;
    for await (const resolved of readStreamRaw(client, stream, BigInt(from), 'forwards', count, true)) {
      const record = resolved.event;
      if (!record || !wantedSet.has(Number(record.revision))) continue;
      const parsed = parseLedgerRecord(record);
      existing.set(storedAtKey(stream, Number(record.revision)), {
        id: record.id.toLowerCase(),
        hash: parsed?.hash ?? '',
      });
    }
  }
  const plan = planImport(events, heads, existing, (await reads.lastLedgerEvent())?.metadata.recordedAt);
  let imported = 0;
  for (const run of plan.writes) {
    const items = run.events.map((event) => ({ event, data: toEventData(event) }));
    for (const chunk of chunkByBytes(items, (item) => eventDataBytes(item.data), IMPORT_CHUNK_BYTES)) {
      const expected = chunk[0].event.revision - 1;
      try {
        await client.appendToStream(
          run.stream,
          chunk.map((item) => item.data),
          { expectedRevision: exactExpectedRevision(expected), requiresLeader: true },
        );
      } catch (error) {
        // Another writer appended to the stream after the checks: this chunk was not written
        // (earlier ones were; running the import again skips them).
        if (isWrongExpectedVersion(error)) {
          throw new WrongExpectedRevision(
            run.stream,
            expected < 0 ? 'no_stream' : expected,
            fromCurrentRevision(error.actualVersion),
          );
        }
        throw error;
      }
      imported += chunk.length;
    }
  }
  return { imported, skipped: plan.skipped, lastRecordedAt: plan.lastRecordedAt };
}
