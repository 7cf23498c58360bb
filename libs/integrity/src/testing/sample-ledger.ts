import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventHash, rowToEvent, SqliteEventStore, type StoredEvent } from '@ledger/event-store';
import { collect, newEvent } from '@ledger/event-store/testing';
import { generateCheckpointKeys, signCheckpoint, type Checkpoint } from '../checkpoint';
import { merkleLogFor, merkleTransactionHook } from '../sqlite/merkle-integration';
import { SqliteMerkleLog } from '../sqlite/sqlite-merkle-log';

/*
 * The ledger file the SQLite verifier's specs tamper with: 80 events over 5 streams, with the
 * Merkle hook on and signed checkpoints at 40 and 80 events. Each tamper works on a copy, with
 * the append-only triggers dropped, so the original stays untouched for every test.
 */

export type EventTableRow = Parameters<typeof rowToEvent>[0] & { category: string };

export interface SampleLedger {
  /** The untouched file. */
  original: string;
  events: StoredEvent[];
  keys: ReturnType<typeof generateCheckpointKeys>;
  /** Signed at 40 events, and at 80 (the whole ledger). */
  early: Checkpoint;
  latest: Checkpoint;
  /** A new file in the ledger's folder (for a ledger of a test's own). */
  path(name: string): string;
  /** A copy changed by `change` behind the dropped triggers, put back afterwards unless `keepTriggersDropped`. */
  tampered(change: (db: Database.Database) => void, options?: { keepTriggersDropped?: boolean }): string;
  cleanup(): void;
}

export async function sampleLedger(): Promise<SampleLedger> {
  const keys = generateCheckpointKeys();
  const dir = mkdtempSync(join(tmpdir(), 'ledger-verify-'));
  const original = join(dir, 'ledger.db');
  const store = new SqliteEventStore({ path: original });
  store.addTransactionHook(merkleTransactionHook());
  let i = 0;
  // Five streams appended to at once, one or two events an append: the positions interleave.
  const appendUpTo = async (until: number) => {
    while (i < until) {
      const turn: Promise<unknown>[] = [];
      for (let s = 0; s < 5 && i < until; s += 1) {
        const size = Math.min(until - i, 1 + (i % 2));
        const batch = Array.from({ length: size }, (_, k) =>
          newEvent({ type: 'MotionVoted', data: { n: i + k, outcome: 'carried', votes: [12, 3, 1] } }),
        );
        turn.push(store.append(`proposal-${s}`, batch));
        i += size;
      }
      await Promise.all(turn);
    }
  };
  await appendUpTo(40);
  const early = signCheckpoint(merkleLogFor(store.db).treeHead(), keys.privateKeyPem);
  await appendUpTo(80);
  const latest = signCheckpoint(merkleLogFor(store.db).treeHead(), keys.privateKeyPem);
  const events = await collect(store.readAll());
  await store.close();
  if (early.treeSize !== 40) throw new Error(`The early checkpoint is at ${early.treeSize}, not 40`);

  let copies = 0;
  return {
    original,
    events,
    keys,
    early,
    latest,
    path: (name) => join(dir, name),
    tampered(change, { keepTriggersDropped = false } = {}) {
      const path = join(dir, `copy-${(copies += 1)}.db`);
      copyFileSync(original, path);
      if (existsSync(`${original}-wal`)) copyFileSync(`${original}-wal`, `${path}-wal`);
      const db = new Database(path);
      // The triggers' definitions, to put back what a tamperer dropped (covering the tracks).
      const triggers = db
        .prepare(`SELECT sql FROM sqlite_master WHERE type = 'trigger'`)
        .pluck()
        .all() as string[];
      db.exec(`${triggers.map((sql) => `DROP TRIGGER ${/CREATE TRIGGER (\w+)/.exec(sql)![1]};`).join('\n')}`);
      change(db);
      const tables = new Set(
        db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all() as string[],
      );
      // Put back the triggers whose table is still there (a dropped table took its triggers along).
      if (!keepTriggersDropped)
        for (const sql of triggers) if (tables.has(/ ON (\w+)/.exec(sql)![1])) db.exec(sql);
      db.close();
      return path;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export function eventRowAt(db: Database.Database, position: number): EventTableRow {
  return db.prepare('SELECT * FROM events WHERE position = ?').get(position) as EventTableRow;
}

export function insertEventRow(db: Database.Database, row: EventTableRow): void {
  db.prepare(
    `INSERT INTO events (position, id, stream, category, revision, type, schema_version, data, occurred_at, recorded_at,
       actor, correlation_id, causation_id, source, prev_hash, hash)
     VALUES (@position, @id, @stream, @category, @revision, @type, @schema_version, @data, @occurred_at, @recorded_at,
       @actor, @correlation_id, @causation_id, @source, @prev_hash, @hash)`,
  ).run(row);
}

/** Rewrites every event of a stream, recomputing its hashes and chain so each event checks out alone. */
export function rewriteStream(db: Database.Database, stream: string): StoredEvent[] {
  const rows = db
    .prepare('SELECT * FROM events WHERE stream = ? ORDER BY revision')
    .all(stream) as EventTableRow[];
  let prev: string | null = null;
  return rows.map((r) => {
    const e = rowToEvent(r);
    e.data = { ...(e.data as object), outcome: 'rejected' };
    e.prevHash = prev;
    e.hash = eventHash(e);
    prev = e.hash;
    db.prepare('UPDATE events SET data = ?, prev_hash = ?, hash = ? WHERE id = ?').run(
      JSON.stringify(e.data),
      e.prevHash,
      e.hash,
      e.id,
    );
    return e;
  });
}

/** A Merkle log rebuilt to match the events as they now are: what a careful tamperer does. */
export function rebuildMerkleLog(db: Database.Database): void {
  db.exec('DELETE FROM merkle_nodes');
  new SqliteMerkleLog(db).catchUpFromEventsTable();
}
