import Database from 'better-sqlite3';
import {
  EVENT_COLUMNS,
  eventHash,
  PostgresEventStore,
  rowToEvent,
  SqliteEventStore,
  type EventRow,
  type EventStore,
  type StoredEvent,
} from '@ledger/event-store';
import { newEvent } from '@ledger/event-store/testing';
import { enablePostgresMerkleLog } from '../postgres/postgres-merkle-log';
import { verifyPostgresLedger } from '../postgres/verify-postgres-ledger';
import { merkleTransactionHook } from '../sqlite/merkle-integration';
import { repairLedger } from '../sqlite/repair-ledger';
import { verifyLedger } from '../verify-ledger';
import type { Problem } from '../verify-ledger.types';

/*
 * The same small ledger in a SQLite file or a PostgreSQL database, and the same tampering behind
 * the append-only triggers' backs, for the verifiers' contract and for the CLI's tests of them.
 */

export interface TamperableLedger {
  /** Where it is: the file's path, or the database's URL (as DATABASE_URL). */
  location: string;
  verify(): Promise<{ findings: Problem[]; remedy: string | null }>;
  /** The event at `position` rewritten, its hash and its stream's chain after it recomputed: each row checks out alone. */
  rewriteFrom(position: number): Promise<void>;
  /** The event at `position` changed, its stored hash left as it was. */
  changeData(position: number): Promise<void>;
  /** One stored Merkle node overwritten with zeros. */
  overwriteNode(level: number, index: number): Promise<void>;
  /** The events table's trigger that refuses UPDATE (and, on PostgreSQL, DELETE) dropped. */
  dropUpdateTrigger(): Promise<void>;
  /** The store's repair, where it has one. */
  repair?(): void;
  dispose(): Promise<void>;
}

/** The number of events `appendLedger` writes. */
export const TAMPERABLE_EVENTS = 24;

/** 24 events over 3 streams, one or two an append, one append at a time: the same positions in every store. */
async function appendLedger(store: EventStore): Promise<void> {
  for (let i = 0; i < 16; i += 1)
    await store.append(
      `proposal-${i % 3}`,
      Array.from({ length: 1 + (i % 2) }, (_, k) => newEvent({ data: { i, k, outcome: 'carried' } })),
    );
}

/** The rows of a stream from `position` on, rewritten: the first one's outcome changed, every hash and prevHash recomputed. */
function rewritten(rows: readonly EventRow[], position: number): StoredEvent[] {
  let prev = rowToEvent(rows[0]).prevHash;
  return rows.map((row) => {
    const e = rowToEvent(row);
    if (e.position === position) e.data = { ...(e.data as object), outcome: 'rejected' };
    e.prevHash = prev;
    e.hash = eventHash(e);
    prev = e.hash;
    return e;
  });
}

const STREAM_FROM = `SELECT ${EVENT_COLUMNS} FROM events
  WHERE stream = (SELECT stream FROM events WHERE position = $1) AND position >= $1 ORDER BY revision`;

/** A SQLite ledger file at `path` (which must not exist), with its Merkle log. */
export async function sqliteLedger(path: string): Promise<TamperableLedger> {
  const store = new SqliteEventStore({ path });
  store.addTransactionHook(merkleTransactionHook());
  await appendLedger(store);
  await store.close();
  /** Drops the triggers, changes the file, and puts them back (covering the tracks). */
  const behindTheTriggers = async (change: (db: Database.Database) => void) => {
    const db = new Database(path);
    const triggers = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger'`).all() as Array<{
      name: string;
      sql: string;
    }>;
    for (const t of triggers) db.exec(`DROP TRIGGER ${t.name}`);
    change(db);
    for (const t of triggers) db.exec(t.sql);
    db.close();
    return Promise.resolve();
  };
  return {
    location: path,
    verify: () =>
      Promise.resolve(verifyLedger(path)).then((r) => ({ findings: r.problems, remedy: r.remedy })),
    rewriteFrom: (position) =>
      behindTheTriggers((db) => {
        const rows = db.prepare(STREAM_FROM.replaceAll('$1', '@position')).all({ position }) as EventRow[];
        for (const e of rewritten(rows, position))
          db.prepare('UPDATE events SET data = ?, prev_hash = ?, hash = ? WHERE id = ?').run(
            JSON.stringify(e.data),
            e.prevHash,
            e.hash,
            e.id,
          );
      }),
    changeData: (position) =>
      behindTheTriggers((db) =>
        db
          .prepare(`UPDATE events SET data = replace(data, 'carried', 'rejected') WHERE position = ?`)
          .run(position),
      ),
    overwriteNode: (level, index) =>
      behindTheTriggers((db) =>
        db
          .prepare('UPDATE merkle_nodes SET hash = zeroblob(32) WHERE level = ? AND idx = ?')
          .run(level, index),
      ),
    dropUpdateTrigger: () => {
      const db = new Database(path);
      db.exec('DROP TRIGGER events_no_update');
      db.close();
      return Promise.resolve();
    },
    repair: () => repairLedger(path),
    dispose: () => Promise.resolve(),
  };
}

/** A PostgreSQL ledger in the (empty) database at `url`, with its Merkle log; the URL's user must be a superuser to tamper. */
export async function postgresLedger(url: string): Promise<TamperableLedger> {
  const store = new PostgresEventStore({ url });
  enablePostgresMerkleLog(store);
  await appendLedger(store);
  const sql = store.sql;
  /** As the superuser, with the triggers off for the transaction only. */
  const behindTheTriggers = (change: (tx: typeof sql) => Promise<unknown>) =>
    sql.begin(async (tx) => {
      await tx`SET LOCAL session_replication_role = replica`;
      await change(tx as unknown as typeof sql);
    });
  return {
    location: url,
    verify: () => verifyPostgresLedger(sql).then((r) => ({ findings: r.findings, remedy: r.remedy })),
    rewriteFrom: (position) =>
      behindTheTriggers(async (tx) => {
        const rows = await tx.unsafe<EventRow[]>(STREAM_FROM, [position]);
        for (const e of rewritten(rows, position))
          await tx`UPDATE events SET data = ${JSON.stringify(e.data)}, prev_hash = ${e.prevHash}, hash = ${e.hash} WHERE id = ${e.id}`;
      }),
    changeData: (position) =>
      behindTheTriggers(
        (tx) =>
          tx`UPDATE events SET data = replace(data, 'carried', 'rejected') WHERE position = ${position}`,
      ),
    overwriteNode: (level, index) =>
      behindTheTriggers(
        (tx) =>
          tx`UPDATE merkle_nodes SET hash = ${Buffer.alloc(32)} WHERE level = ${level} AND idx = ${index}`,
      ),
    dropUpdateTrigger: () => sql`DROP TRIGGER events_no_update ON events`.then(() => undefined),
    dispose: () => store.close(),
  };
}
