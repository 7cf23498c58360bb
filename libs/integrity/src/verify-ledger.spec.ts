import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventHash, rowToEvent, SqliteEventStore, type StoredEvent } from '@ledger/event-store';
import { collect, newEvent } from '@ledger/event-store/testing';
import { generateCheckpointKeys, signCheckpoint, type Checkpoint } from './checkpoint';
import { merkleLogFor, merkleTransactionHook } from './sqlite/merkle-integration';
import { repairLedger } from './sqlite/repair-ledger';
import { SqliteMerkleLog } from './sqlite/sqlite-merkle-log';
import { verifyLedger, type LedgerVerificationReport } from './verify-ledger';

type Row = Parameters<typeof rowToEvent>[0];

/*
 * One ledger of 80 events over 5 streams, with the Merkle hook on and signed checkpoints at 40
 * and 80 events. Each tamper test works on a copy with the append-only triggers dropped.
 */
describe('verifyLedger', () => {
  const keys = generateCheckpointKeys();
  let dir: string;
  let original: string;
  let events: StoredEvent[];
  let early: Checkpoint;
  let latest: Checkpoint;
  let copies = 0;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-verify-'));
    original = join(dir, 'ledger.db');
    const store = new SqliteEventStore({ path: original });
    store.addTransactionHook(merkleTransactionHook());
    let i = 0;
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
    early = signCheckpoint(merkleLogFor(store.db).treeHead(), keys.privateKeyPem);
    await appendUpTo(80);
    latest = signCheckpoint(merkleLogFor(store.db).treeHead(), keys.privateKeyPem);
    events = await collect(store.readAll());
    await store.close();
    expect(early?.treeSize).toBe(40);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** The triggers' definitions, to put back what a tamperer dropped (covering the tracks). */
  const triggerSql = (db: Database.Database) =>
    db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'trigger'`).pluck().all() as string[];

  /** A copy of the ledger changed by `change` with the append-only triggers dropped, then put back (`keepTriggersDropped`: left dropped). */
  function tampered(change: (db: Database.Database) => void, { keepTriggersDropped = false } = {}): string {
    const path = join(dir, `copy-${(copies += 1)}.db`);
    copyFileSync(original, path);
    if (existsSync(`${original}-wal`)) copyFileSync(`${original}-wal`, `${path}-wal`);
    const db = new Database(path);
    const triggers = triggerSql(db);
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
  }

  const row = (db: Database.Database, position: number) =>
    db.prepare('SELECT * FROM events WHERE position = ?').get(position) as Row & { category: string };
  const insert = (db: Database.Database, r: Row & { category: string }) =>
    db
      .prepare(
        `INSERT INTO events (position, id, stream, category, revision, type, schema_version, data, occurred_at, recorded_at,
           actor, correlation_id, causation_id, source, prev_hash, hash)
         VALUES (@position, @id, @stream, @category, @revision, @type, @schema_version, @data, @occurred_at, @recorded_at,
           @actor, @correlation_id, @causation_id, @source, @prev_hash, @hash)`,
      )
      .run(r);
  const named = (report: LedgerVerificationReport) =>
    report.firstBadEvent && { ...report.firstBadEvent, message: undefined };
  const ref = (e: StoredEvent) => ({
    position: e.position,
    id: e.id,
    stream: e.stream,
    revision: e.revision,
  });

  it('passes an untouched ledger, with the checkpoints consistent and signed, streaming page by page', () => {
    const progress: number[] = [];
    const report = verifyLedger(original, {
      checkpoints: [early, latest],
      publicKey: keys.publicKeyBase64,
      pageSize: 7,
      onProgress: ({ checked, total }) => {
        expect(total).toBe(80);
        progress.push(checked);
      },
    });
    expect(report).toMatchObject({
      ok: true,
      eventsChecked: 80,
      streams: 5,
      head: 80,
      tree: { treeSize: 80, rootHash: latest.rootHash },
      storedTree: { treeSize: 80, rootHash: latest.rootHash },
      firstBadEvent: null,
      problems: [],
      warnings: [],
    });
    expect(report.checkpoints).toEqual([
      expect.objectContaining({
        treeSize: 40,
        signature: 'valid',
        rootMatches: true,
        consistencyProof: 'valid',
      }),
      expect.objectContaining({
        treeSize: 80,
        signature: 'valid',
        rootMatches: true,
        consistencyProof: 'valid',
      }),
    ]);
    expect(progress).toEqual([7, 14, 21, 28, 35, 42, 49, 56, 63, 70, 77, 80]);
  });

  it('detects one changed byte of one event, and names it', () => {
    const target = events[16];
    const path = tampered((db) => {
      const data = row(db, target.position).data.replace('carried', 'carrieD');
      db.prepare('UPDATE events SET data = ? WHERE position = ?').run(data, target.position);
    });
    const report = verifyLedger(path, { checkpoints: [early] });
    expect(report.ok).toBe(false);
    expect(named(report)).toEqual({ ...ref(target), code: 'hash-mismatch', message: undefined });
    expect(report.problems.map((p) => p.code)).toEqual(
      expect.arrayContaining(['hash-mismatch', 'node-mismatch', 'checkpoint-root-mismatch']),
    );
  });

  it('detects two events whose contents were swapped, and names the first', () => {
    const [a, b] = [events[9], events[29]];
    const path = tampered((db) => {
      const [ra, rb] = [row(db, a.position), row(db, b.position)];
      db.prepare('DELETE FROM events WHERE position IN (?, ?)').run(a.position, b.position);
      insert(db, { ...rb, position: a.position });
      insert(db, { ...ra, position: b.position });
    });
    const report = verifyLedger(path);
    expect(report.ok).toBe(false);
    // Each event's own hash still holds: the Merkle leaves are what place it.
    expect(report.problems.map((p) => p.code)).not.toContain('hash-mismatch');
    expect(named(report)).toMatchObject({
      position: a.position,
      id: b.id,
      stream: b.stream,
      revision: b.revision,
    });
  });

  it('detects the deletion of the last event, and names its place', () => {
    const last = events[79];
    const path = tampered((db) => db.prepare('DELETE FROM events WHERE position = ?').run(last.position));
    const report = verifyLedger(path, { checkpoints: [early, latest] });
    expect(report.ok).toBe(false);
    // The event was its own leaf: what is left of it is its place in the stored tree.
    expect(report.problems).toContainEqual(
      expect.objectContaining({
        code: 'leaf-without-event',
        leafIndex: 79,
        positions: { from: last.position, to: last.position },
      }),
    );
    expect(report.problems.map((p) => p.code)).toContain('checkpoint-beyond-ledger');
  });

  it('detects the deletion of the last event even when the Merkle log is rebuilt to match, through the checkpoint', () => {
    const path = tampered((db) => {
      db.prepare('DELETE FROM events WHERE position = ?').run(80);
      rebuildMerkleLog(db);
    });
    expect(verifyLedger(path).ok).toBe(true); // without a checkpoint, a consistent rewrite goes unseen
    const report = verifyLedger(path, { checkpoints: [early, latest] });
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([
      expect.objectContaining({ code: 'checkpoint-beyond-ledger', treeSize: 80 }),
    ]);
  });

  it('detects an event inserted in the middle (positions shifted), and narrows it to two', () => {
    const before = events[18];
    let forged: StoredEvent | undefined;
    const path = tampered((db) => {
      db.exec(
        'UPDATE events SET position = -position WHERE position >= 20; UPDATE events SET position = 1 - position WHERE position < 0;',
      );
      const e: StoredEvent = {
        ...before,
        id: '6f1d2a4e-0000-4000-8000-000000000001',
        stream: 'proposal-forged',
        revision: 0,
        position: 20,
        data: { n: -1, outcome: 'rejected', votes: [0, 16, 0] },
        prevHash: null,
        hash: '',
      };
      e.hash = eventHash(e);
      forged = e;
      insert(db, {
        position: 20,
        id: e.id,
        stream: e.stream,
        category: 'proposal',
        revision: 0,
        type: e.type,
        schema_version: e.schemaVersion,
        data: JSON.stringify(e.data),
        occurred_at: e.metadata.occurredAt,
        recorded_at: e.metadata.recordedAt,
        actor: e.metadata.actor,
        correlation_id: e.metadata.correlationId,
        causation_id: e.metadata.causationId,
        source: JSON.stringify(e.metadata.source),
        prev_hash: null,
        hash: e.hash,
      });
    });
    const report = verifyLedger(path);
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => p.code)).not.toContain('hash-mismatch');
    // Its own chain holds: the stored nodes narrow it to the pair of events it now sits in.
    expect(report.problems[0]).toMatchObject({ code: 'node-mismatch', positions: { from: 19, to: 20 } });
    expect(forged!.position).toBe(20);
  });

  /** Rewrites every event of a stream, recomputing its hashes and chain so each event checks out alone. */
  function rewriteStream(db: Database.Database, stream: string): StoredEvent[] {
    const rows = db.prepare('SELECT * FROM events WHERE stream = ? ORDER BY revision').all(stream) as Row[];
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

  function rebuildMerkleLog(db: Database.Database): void {
    db.exec('DELETE FROM merkle_nodes');
    new SqliteMerkleLog(db).catchUpFromEventsTable();
  }

  it('detects a whole stream rewritten with a correct chain through the global tree, and narrows where it starts', () => {
    let rewritten: StoredEvent[] = [];
    const path = tampered((db) => (rewritten = rewriteStream(db, 'proposal-3')));
    const report = verifyLedger(path);
    expect(report.ok).toBe(false);
    const codes = new Set(report.problems.map((p) => p.code));
    for (const chainCode of ['hash-mismatch', 'prev-hash-mismatch', 'revision-gap', 'position-gap'] as const)
      expect(codes).not.toContain(chainCode);
    const first = report.problems[0];
    expect(first.code).toBe('node-mismatch');
    expect(first.positions!.from).toBeLessThanOrEqual(rewritten[0].position);
    expect(first.positions!.to).toBeGreaterThanOrEqual(rewritten[0].position);
    expect(codes).toContain('stored-root-mismatch');
    // The stored tree agrees with itself above the rewrite: the events changed, not the log, and
    // the way out is a restore (a rebuild from these events would erase the evidence).
    const changed = report.problems.find((p) => p.code === 'logged-event-changed');
    expect(changed?.positions!.from).toBeLessThanOrEqual(rewritten[0].position);
    expect(changed?.positions!.to).toBeGreaterThanOrEqual(rewritten[0].position);
    expect(report.remedy).toMatch(/do not verify from position \d+ .*Restore the ledger from a backup/);
    expect(() => repairLedger(path)).toThrow(/cannot be repaired in place/);
  });

  it('detects a stream rewritten with the Merkle log rebuilt too, through the checkpoint, and narrows where', () => {
    let rewritten: StoredEvent[] = [];
    const path = tampered((db) => {
      rewritten = rewriteStream(db, 'proposal-3');
      rebuildMerkleLog(db);
    });
    expect(verifyLedger(path).ok).toBe(true); // every check inside the file holds: only an outside checkpoint can tell
    const report = verifyLedger(path, { checkpoints: [early], publicKey: keys.publicKeyPem });
    expect(report.ok).toBe(false);
    expect(report.checkpoints[0]).toMatchObject({
      signature: 'valid',
      rootMatches: false,
      consistencyProof: 'invalid',
    });
    const mismatch = report.problems.find((p) => p.code === 'checkpoint-root-mismatch')!;
    expect(mismatch.positions!.from).toBeLessThanOrEqual(rewritten[0].position);
    expect(mismatch.positions!.to).toBe(40);
  });

  it('reports an unreadable row and a broken chain', () => {
    const path = tampered((db) => {
      db.prepare('UPDATE events SET data = ? WHERE position = 5').run('{"n":');
      db.prepare('UPDATE events SET prev_hash = ? WHERE position = 60').run('00'.repeat(32));
      db.prepare('UPDATE events SET data = ?, hash = ? WHERE position = 70').run('not json', 'not a hash');
    });
    const report = verifyLedger(path);
    expect(report.firstBadEvent).toMatchObject({ position: 5, code: 'unreadable-event' });
    expect(report.problems).toContainEqual(
      expect.objectContaining({
        code: 'prev-hash-mismatch',
        event: expect.objectContaining({ position: 60 }),
      }),
    );
    expect(report.problems).toContainEqual(
      expect.objectContaining({ code: 'unreadable-event', event: expect.objectContaining({ position: 70 }) }),
    );
    expect(report.eventsChecked).toBe(80);
  });

  it('checks a file that never had a Merkle log (hashes and chains only); once the log exists, an event without a leaf is a problem', async () => {
    const path = join(dir, 'no-hook.db');
    let store = new SqliteEventStore({ path });
    await store.append('proposal-1', [newEvent(), newEvent()]);
    await store.close();
    expect(verifyLedger(path)).toMatchObject({
      ok: true,
      eventsChecked: 2,
      storedTree: null,
      warnings: [expect.stringMatching(/no Merkle log/)],
    });
    store = new SqliteEventStore({ path });
    const log = new SqliteMerkleLog(store.db); // tables created, nothing integrated yet
    // The first event is a leaf already: a tree of one leaf has no node to write.
    expect(log.size).toBe(1);
    await store.close();
    const report = verifyLedger(path);
    expect(report).toMatchObject({
      ok: false,
      storedTree: { treeSize: 1 },
      firstBadEvent: { position: 2, code: 'leaf-missing' },
    });
    expect(report.remedy).toMatch(/ledger -- repair/);
  });

  it('names a dropped append-only trigger, and the way out', () => {
    const report = verifyLedger(tampered(() => undefined, { keepTriggersDropped: true }));
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => p.code)).toEqual(Array(4).fill('append-only-trigger-missing'));
    expect(report.problems[0].message).toMatch(/events_no_update/);
    expect(report.remedy).toMatch(/recreates the append-only triggers/);
  });

  it('refuses a damaged Merkle log (nodes truncated, a node deleted, the nodes dropped) and says to rebuild the log from the events', () => {
    const cases: Array<[string, (db: Database.Database) => void, string]> = [
      // The nodes from leaf 40 on gone: the tree is 41 leaves, the events after them are missing.
      [
        'nodes truncated',
        (db) => db.exec('DELETE FROM merkle_nodes WHERE (idx << level) >= 40'),
        'leaf-missing',
      ],
      [
        'a node deleted',
        (db) => db.exec('DELETE FROM merkle_nodes WHERE level = 2 AND idx = 3'),
        'node-mismatch',
      ],
      ['nodes dropped', (db) => db.exec('DROP TABLE merkle_nodes'), 'merkle-log-missing'],
      // One node overwritten: the nodes above it still match, so it is the node, not the events.
      [
        'a node overwritten',
        (db) => db.exec('UPDATE merkle_nodes SET hash = zeroblob(32) WHERE level = 1 AND idx = 4'),
        'node-mismatch',
      ],
    ];
    for (const [what, change, code] of cases) {
      const report = verifyLedger(tampered(change));
      expect([what, report.ok, report.problems[0]?.code]).toEqual([what, false, code]);
      expect(report.remedy).toMatch(/rebuilds the Merkle log from the events/);
    }
    const changed = verifyLedger(
      tampered((db) =>
        db.prepare(`UPDATE events SET data = replace(data, '1', '2') WHERE position = 7`).run(),
      ),
    );
    expect(changed.remedy).toMatch(/do not verify from position 7 .*Restore the ledger from a backup/);
  });

  it('reports a forged checkpoint signature', () => {
    const report = verifyLedger(original, {
      checkpoints: [{ ...early, treeSize: 41 }],
      publicKey: keys.publicKeyPem,
    });
    expect(report.ok).toBe(false);
    expect(report.checkpoints[0]).toMatchObject({ signature: 'invalid', rootMatches: false });
  });
});
