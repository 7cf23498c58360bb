import type Database from 'better-sqlite3';
import type { SqliteEventStore, TransactionHook } from '@ledger/event-store';
import type { LeafSource } from './merkle-leaves';
import { MERKLE_COMPONENT, merkleMigrations } from './merkle-schema';
import { SqliteMerkleLog, type IntegrateResult } from './sqlite-merkle-log';

/**
 * How events reach a SQLite Merkle log: in each append's transaction (the hook), by catching up
 * with the events table, or from any ordered source (EventStoreDB's $all, into a local copy).
 */

const logs = new WeakMap<Database.Database, SqliteMerkleLog>();

/** The Merkle log of a connection, created (and migrated) once per connection. */
export function merkleLogFor(db: Database.Database): SqliteMerkleLog {
  let log = logs.get(db);
  if (!log) {
    log = new SqliteMerkleLog(db);
    logs.set(db, log);
  }
  return log;
}

/**
 * The hook that makes every appended event a leaf inside the append transaction, once for all
 * the events of a group commit. If the log lags (the hook was off for a while) it first
 * integrates the missing events from the events table; if the log disagrees with the events, it
 * throws and the append is rolled back.
 */
export function merkleTransactionHook(): TransactionHook {
  return {
    component: MERKLE_COMPONENT,
    migrations: merkleMigrations,
    onAppend(db, events) {
      merkleLogFor(db).appendEvents(events);
    },
    onRollback(db) {
      // The right edge kept in memory may hold nodes of the rolled-back leaves (none kept yet:
      // nothing to forget, and no log to make while a failure is handled).
      logs.get(db)?.tree.forgetRightEdge();
    },
  };
}

/** Adds the hook to a store and integrates what the store holds already. */
export function enableMerkleLog(
  store: SqliteEventStore,
  options: { batchSize?: number; onProgress?: (integrated: number) => void } = {},
): SqliteMerkleLog {
  store.addTransactionHook(merkleTransactionHook());
  const log = merkleLogFor(store.db);
  log.catchUpFromEventsTable(options);
  return log;
}

/**
 * Integrates events from any ordered source (a store's readAll, EventStoreDB's $all) into a
 * Merkle log, committing every `batchSize` events. Idempotent and resumable: events already in
 * the log are skipped, so the caller may start anywhere at or before `log.lastPosition() + 1`.
 */
export async function integrateEvents(
  log: SqliteMerkleLog,
  events: AsyncIterable<LeafSource> | Iterable<LeafSource>,
  options: { batchSize?: number; onProgress?: (result: IntegrateResult) => void } = {},
): Promise<IntegrateResult> {
  const batchSize = options.batchSize ?? 1000;
  const total: IntegrateResult = { integrated: 0, skipped: 0, treeSize: log.size };
  let batch: LeafSource[] = [];
  const flush = () => {
    if (batch.length === 0) return;
    const r = log.appendEvents(batch);
    total.integrated += r.integrated;
    total.skipped += r.skipped;
    total.treeSize = r.treeSize;
    batch = [];
    options.onProgress?.({ ...total });
  };
  for await (const event of events) {
    batch.push({ id: event.id, position: event.position, hash: event.hash });
    if (batch.length >= batchSize) flush();
  }
  flush();
  return total;
}

/** Catches the log of a SqliteEventStore up through its public read API, from the last leaf on. */
export function catchUpSqliteStore(
  store: SqliteEventStore,
  options: { batchSize?: number; onProgress?: (result: IntegrateResult) => void } = {},
): Promise<IntegrateResult> {
  const log = merkleLogFor(store.db);
  return integrateEvents(log, store.readAll({ fromPosition: log.lastPosition() + 1 }), options);
}
