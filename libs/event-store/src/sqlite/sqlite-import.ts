import type { ImportResult, StoredEvent } from '../event-store.port';
import { alreadyImported, assertImportContinues, categoryOf } from '../validation';
import { INSERT_EVENT_SQL, lastRecordedAt, type Statements } from './sqlite-append';
import { HEAD_SQL } from './stream-heads';

/**
 * Writes checked imported events (a backup restored, a ledger copied) inside the caller's
 * transaction: an event already stored with the same hash is skipped, with another hash refused,
 * and each new one must continue its stream's chain and the log's recorded_at order.
 */
export function insertImported(
  statement: Statements,
  checked: readonly StoredEvent[],
): ImportResult & { written: StoredEvent[] } {
  const written: StoredEvent[] = [];
  let skipped = 0;
  let lastRecorded = lastRecordedAt(statement);
  const insert = statement(INSERT_EVENT_SQL);
  checked.forEach((e, i) => {
    const existing = statement('SELECT hash FROM events WHERE id = ?').get(e.id) as
      { hash: string } | undefined;
    if (alreadyImported(existing, e, i)) {
      skipped += 1;
      return;
    }
    const head = statement(HEAD_SQL).get(e.stream) as { revision: number; hash: string } | undefined;
    assertImportContinues(e, i, head ?? null, lastRecorded);
    lastRecorded = e.metadata.recordedAt;
    const m = e.metadata;
    const info = insert.run(
      e.id,
      e.stream,
      categoryOf(e.stream),
      e.revision,
      e.type,
      e.schemaVersion,
      JSON.stringify(e.data),
      m.occurredAt,
      m.recordedAt,
      m.actor,
      m.correlationId,
      m.causationId,
      JSON.stringify(m.source),
      e.prevHash,
      e.hash,
    );
    written.push({ ...e, position: Number(info.lastInsertRowid) });
  });
  return { imported: written.length, skipped, written };
}
