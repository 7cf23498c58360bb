import type { Sql } from 'postgres';
import type { ImportResult, StoredEvent } from '../event-store.port';
import { alreadyImported, assertImportContinues } from '../validation';
import { insertEvents } from './event-rows';
import type { PostgresTransactionHook } from './group-commit';
import { ADVISORY_NAMESPACE, APPEND_LOCK_KEY, APPENDED_CHANNEL } from './schema';

/**
 * Writes checked imported events (a backup restored, a ledger copied) in one transaction under
 * the append lock, after the log's last position: an event already stored with the same hash is
 * skipped, with another hash refused, and each new one must continue its stream's chain and the
 * log's recorded_at order. The hooks take in the events written, as they do an append's.
 */
export function importInTransaction(
  sql: Sql,
  hooks: readonly PostgresTransactionHook[],
  checked: readonly StoredEvent[],
): Promise<ImportResult> {
  return sql.begin(async (tx) => {
    await tx`SELECT pg_advisory_xact_lock(${ADVISORY_NAMESPACE}::int, ${APPEND_LOCK_KEY}::int)`;
    const [last] = await tx<
      { position: number; recorded_at: string }[]
    >`SELECT position, recorded_at FROM events ORDER BY position DESC LIMIT 1`;
    let position = last?.position ?? 0;
    let lastRecorded = last?.recorded_at;
    const heads = new Map<string, { revision: number; hash: string } | null>();
    const written: StoredEvent[] = [];
    let skipped = 0;
    for (const [i, e] of checked.entries()) {
      const [existing] = await tx<{ hash: string }[]>`SELECT hash FROM events WHERE id = ${e.id}`;
      const earlier = existing ?? written.find((w) => w.id === e.id);
      if (alreadyImported(earlier, e, i)) {
        skipped += 1;
        continue;
      }
      if (!heads.has(e.stream)) {
        const [head] = await tx<
          { revision: number; hash: string }[]
        >`SELECT revision, hash FROM events WHERE stream = ${e.stream} ORDER BY revision DESC LIMIT 1`;
        heads.set(e.stream, head ?? null);
      }
      assertImportContinues(e, i, heads.get(e.stream) ?? null, lastRecorded);
      lastRecorded = e.metadata.recordedAt;
      position += 1;
      written.push({ ...e, position });
      heads.set(e.stream, { revision: e.revision, hash: e.hash });
    }
    if (written.length > 0) {
      const reads: unknown[][] = [];
      for (const hook of hooks) reads.push(await hook.read(tx));
      await insertEvents(tx, written, APPENDED_CHANNEL);
      for (const [i, hook] of hooks.entries())
        for (const write of hook.write(tx, written, reads[i]).queries) await write;
    }
    return { imported: written.length, skipped };
  });
}
