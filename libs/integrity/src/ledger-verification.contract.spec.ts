import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
import { newEvent, PostgresServer } from '@ledger/event-store/testing';
import { eventsIntact } from './ledger-structure';
import { enablePostgresMerkleLog } from './postgres/postgres-merkle-log';
import { verifyPostgresLedger } from './postgres/verify-postgres-ledger';
import { merkleTransactionHook } from './sqlite/merkle-integration';
import { repairLedger } from './sqlite/repair-ledger';
import { verifyLedger } from './verify-ledger';
import type { Problem } from './verify-ledger.types';

/*
 * The same ledger in a SQLite file and in a PostgreSQL database (a real server), the same
 * tampering behind the append-only triggers' backs, and each store's own verifier: the same
 * findings, by code and position, and the same way out. Where SQLite has a repair, it is held to
 * it too: it rebuilds a damaged log and refuses events changed after they were logged.
 */

interface TamperableLedger {
  verify(): Promise<{ findings: Problem[]; remedy: string | null }>;
  /** The event at `position` rewritten, its hash and its stream's chain after it recomputed: each row checks out alone. */
  rewriteFrom(position: number): Promise<void>;
  /** The event at `position` changed, its stored hash left as it was. */
  changeData(position: number): Promise<void>;
  /** One stored Merkle node overwritten with zeros. */
  overwriteNode(level: number, index: number): Promise<void>;
  /** The store's repair, where it has one. */
  repair?(): void;
  dispose(): Promise<void>;
}

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

let dir: string;
let server: PostgresServer;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-verification-contract-'));
  server = await PostgresServer.primary('verification');
}, 120_000);
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

let files = 0;
async function sqliteLedger(): Promise<TamperableLedger> {
  const path = join(dir, `ledger-${(files += 1)}.db`);
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
    repair: () => repairLedger(path),
    dispose: () => Promise.resolve(),
  };
}

async function postgresLedger(): Promise<TamperableLedger> {
  const store = new PostgresEventStore({ url: server.createDatabase() });
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
    dispose: () => store.close(),
  };
}

const codes = (findings: readonly Problem[]) => [...new Set(findings.map((p) => p.code))].sort();

describe.each([
  ['SQLite', sqliteLedger],
  ['PostgreSQL', postgresLedger],
])('verifying a %s ledger', (_name, create) => {
  let ledger: TamperableLedger;
  beforeEach(async () => (ledger = await create()));
  afterEach(() => ledger.dispose());

  it('finds nothing in an untouched ledger', async () => {
    expect(await ledger.verify()).toEqual({ findings: [], remedy: null });
  });

  it('names an event changed with its hash left as it was, and the restore', async () => {
    await ledger.changeData(5);
    const { findings, remedy } = await ledger.verify();
    expect(findings[0]).toMatchObject({ code: 'hash-mismatch', leafIndex: 4, event: { position: 5 } });
    expect(remedy).toMatch(/do not verify from position 5 .*Restore the ledger from a backup/);
  });

  it('tells an event rewritten with its hash and chain recomputed: logged-event-changed, named by position, and no repair', async () => {
    await ledger.rewriteFrom(7);
    const { findings, remedy } = await ledger.verify();
    // No row check sees it: only the Merkle log still holds the events as they were.
    expect(codes(findings)).toEqual(['logged-event-changed', 'node-mismatch', 'stored-root-mismatch']);
    expect(findings[0]).toMatchObject({ code: 'node-mismatch', leafIndex: 6, positions: { from: 7, to: 8 } });
    expect(findings.find((p) => p.code === 'logged-event-changed')).toMatchObject({
      leafIndex: 6,
      positions: { from: 7, to: 8 },
      event: { position: 7 },
    });
    expect(eventsIntact(findings)).toBe(false);
    expect(remedy).toMatch(/do not verify from position 7 .*Restore the ledger from a backup/);
    if (ledger.repair) expect(() => ledger.repair!()).toThrow(/cannot be repaired in place/);
  });

  it('tells a damaged node (the nodes and root above it still match): the log is at fault, and it is rebuilt', async () => {
    await ledger.overwriteNode(1, 3);
    const { findings, remedy } = await ledger.verify();
    expect(findings).toEqual([
      expect.objectContaining({ code: 'node-mismatch', leafIndex: 6, positions: { from: 7, to: 8 } }),
    ]);
    expect(eventsIntact(findings)).toBe(true);
    expect(remedy).toMatch(/^The events are intact/);
    if (ledger.repair) {
      ledger.repair();
      expect(await ledger.verify()).toEqual({ findings: [], remedy: null });
    }
  });
});
