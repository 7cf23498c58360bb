import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type StoredEvent, type TransactionHook } from '@ledger/event-store';
import { collect, newEvent } from '@ledger/event-store/testing';
import { MemoryNodeStore, MerkleLog } from '../merkle/merkle-log';
import { toHex, verifyConsistency, verifyInclusion, leafHash } from '../merkle/rfc9162';
import { verifyInclusionProof } from '../verify-proof';
import {
  catchUpSqliteStore,
  enableMerkleLog,
  integrateEvents,
  merkleLogFor,
  merkleTransactionHook,
} from './merkle-integration';
import { MerkleLogOutOfStep } from './merkle-leaves';
import { SqliteMerkleLog } from './sqlite-merkle-log';

function tempDir(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-merkle-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Appends `count` events over a few streams, several appends per event-loop turn (group commit). */
async function fill(store: SqliteEventStore, count: number, streams = 7): Promise<void> {
  let written = 0;
  while (written < count) {
    const turn: Promise<unknown>[] = [];
    for (let s = 0; s < streams && written < count; s += 1) {
      const size = Math.min(count - written, 1 + ((written + s) % 3));
      turn.push(
        store.append(
          `proposal-${s}`,
          Array.from({ length: size }, (_, i) => newEvent({ data: { n: written + i } })),
        ),
      );
      written += size;
    }
    await Promise.all(turn);
  }
}

/** The in-memory tree over the events' hashes in position order. */
function memoryTree(events: StoredEvent[]): MerkleLog {
  const log = new MerkleLog(new MemoryNodeStore());
  log.appendEventHashes(events.map((e) => e.hash));
  return log;
}

describe('SqliteMerkleLog with the transaction hook on a SqliteEventStore', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => (tmp = tempDir()));
  afterEach(() => tmp.cleanup());

  it('makes every appended event a leaf, and its roots and proofs match the in-memory tree', async () => {
    const store = new SqliteEventStore({ path: join(tmp.dir, 'ledger.db') });
    store.addTransactionHook(merkleTransactionHook());
    await fill(store, 150);
    const events = await collect(store.readAll());
    const log = merkleLogFor(store.db);
    const memory = memoryTree(events);
    expect(log.size).toBe(150);
    for (let n = 0; n <= 150; n += 1) expect(log.rootHash(n)).toBe(toHex(memory.root(n)));

    events.forEach((e, i) =>
      expect(log.leafByEventId(e.id)).toEqual({
        leafIndex: i,
        position: e.position,
        eventId: e.id,
        eventHash: e.hash,
      }),
    );
    for (const n of [1, 2, 3, 64, 99, 150]) {
      for (const i of [0, Math.floor(n / 3), n - 1]) {
        const proof = log.inclusionProofForEvent(events[i].id, { treeSize: n, includeEvent: true });
        expect(proof.path).toEqual(memory.inclusionProof(i, n).map(toHex));
        expect(proof.event).toEqual(events[i]);
        expect(
          verifyInclusion(i, n, toHex(leafHash(events[i].hash)), proof.path, toHex(memory.root(n))),
        ).toBe(true);
        expect(verifyInclusionProof(proof, log.treeHead(n))).toEqual({ ok: true });
      }
    }
    for (const [m, n] of [
      [1, 150],
      [64, 150],
      [100, 101],
      [37, 128],
      [150, 150],
    ]) {
      const proof = log.consistencyProof(m, n);
      expect(proof.path).toEqual(memory.consistencyProof(m, n).map(toHex));
      expect(verifyConsistency(m, n, toHex(memory.root(m)), toHex(memory.root(n)), proof.path)).toBe(true);
    }
    await store.close();
  });

  it('keeps the log on reopen and goes on from the last leaf', async () => {
    const path = join(tmp.dir, 'ledger.db');
    let store = new SqliteEventStore({ path });
    store.addTransactionHook(merkleTransactionHook());
    await fill(store, 20);
    await store.close();
    store = new SqliteEventStore({ path });
    store.addTransactionHook(merkleTransactionHook());
    await fill(store, 20);
    const events = await collect(store.readAll());
    expect(merkleLogFor(store.db).rootHash()).toBe(toHex(memoryTree(events).root()));
    await store.close();
  });

  it('writes nothing when a hook throws: the append is rolled back, the others of the group commit', async () => {
    const store = new SqliteEventStore({ path: join(tmp.dir, 'ledger.db') });
    store.addTransactionHook(merkleTransactionHook());
    const failing: TransactionHook = {
      component: 'failing-test',
      migrations: [],
      onAppend(_db, events) {
        if (events.some((e) => (e.data as { fail?: boolean }).fail)) throw new Error('read model refused');
      },
    };
    store.addTransactionHook(failing);
    await fill(store, 10);
    const log = merkleLogFor(store.db);
    const before = { head: await store.head(), size: log.size, root: log.rootHash() };

    const outcomes = await Promise.allSettled([
      store.append('proposal-a', [newEvent()]),
      store.append('proposal-b', [newEvent(), newEvent({ data: { fail: true } })]),
      store.append('proposal-c', [newEvent()]),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const events = await collect(store.readAll());
    expect(events).toHaveLength(before.head + 2);
    expect(events.some((e) => e.stream === 'proposal-b')).toBe(false);
    expect(log.size).toBe(before.size + 2);
    expect(log.rootHash()).toBe(toHex(memoryTree(events).root()));
    expect(log.rootHash(before.size)).toBe(before.root);
    await store.close();
  });

  it.each([
    {
      shape: 'a lone append',
      refuse: (store: SqliteEventStore) => [
        store.append('proposal-b', [newEvent(), newEvent({ data: { fail: true } })]),
      ],
    },
    {
      // Refused with the group's hooks, then again in its own savepoint when committed append by append.
      shape: 'an append of a group commit, in its savepoint',
      refuse: (store: SqliteEventStore) => [
        store.append('proposal-a', [newEvent()]),
        store.append('proposal-b', [newEvent(), newEvent({ data: { fail: true } })]),
      ],
    },
  ])(
    'forgets the right edge of $shape rolled back: another connection may then write as many leaves',
    async ({ refuse }) => {
      const path = join(tmp.dir, 'ledger.db');
      const first = new SqliteEventStore({ path });
      first.addTransactionHook(merkleTransactionHook());
      first.addTransactionHook({
        component: 'failing-test',
        migrations: [],
        onAppend(_db, events) {
          if (events.some((e) => (e.data as { fail?: boolean }).fail)) throw new Error('read model refused');
        },
      });
      await fill(first, 10);
      // proposal-b's two leaves are hashed into the first connection's tree, then rolled back.
      const outcomes = await Promise.allSettled(refuse(first));
      expect(outcomes.at(-1)).toMatchObject({
        status: 'rejected',
        reason: { message: 'read model refused' },
      });
      // Another connection (another instance of the service) writes two other leaves in their
      // place: the size is again the one the first connection's edge was kept for.
      const second = new SqliteEventStore({ path });
      second.addTransactionHook(merkleTransactionHook());
      await second.append('proposal-c', [newEvent(), newEvent()]);
      await second.close();
      // The next leaves climb over subtrees that hold those two: the ones written, not the ones rolled back.
      await first.append('proposal-d', [newEvent(), newEvent(), newEvent(), newEvent()]);
      const events = await collect(first.readAll());
      expect(events).toHaveLength(10 + outcomes.length - 1 + 2 + 4);
      expect(merkleLogFor(first.db).rootHash()).toBe(toHex(memoryTree(events).root()));
      await first.close();
    },
  );

  it('checks the odd last leaf against its event when it starts from the kept edge', async () => {
    const path = join(tmp.dir, 'ledger.db');
    const store = new SqliteEventStore({ path });
    store.addTransactionHook(merkleTransactionHook());
    await fill(store, 10);
    // Two events written without the log (a process with the hook off): leaf 10 is in the tree
    // as soon as its event is, and the kept edge is the one of 10 leaves.
    const plain = new SqliteEventStore({ path });
    await plain.append('proposal-x', [newEvent(), newEvent()]);
    await plain.close();
    const [eleventh, twelfth] = (await collect(store.readAll())).slice(10);
    const log = merkleLogFor(store.db);
    const root = log.rootHash();
    expect(() => log.appendEvents([{ ...eleventh, hash: 'ab'.repeat(32) }, twelfth])).toThrow(
      MerkleLogOutOfStep,
    );
    expect(log.rootHash()).toBe(root);
    expect(log.appendEvents([eleventh, twelfth])).toEqual({ integrated: 1, skipped: 1, treeSize: 12 });
    expect(log.rootHash()).toBe(toHex(memoryTree(await collect(store.readAll())).root()));
    await store.close();
  });

  it('rejects the append when the Merkle log itself fails, and writes no event', async () => {
    const store = new SqliteEventStore({ path: join(tmp.dir, 'ledger.db') });
    store.addTransactionHook(merkleTransactionHook());
    await fill(store, 5);
    // A stray node where leaf 7 will complete the subtree over leaves 4..7.
    store.db
      .prepare('INSERT INTO merkle_nodes (completed_by, level, idx, hash) VALUES (7, 2, 1, ?)')
      .run(Buffer.alloc(32));
    // (Not rejects.toThrow: better-sqlite3's native addon keeps the SqliteError class of the first
    // jest sandbox that loaded it, so in another test file it is not an `Error` of this realm.)
    const error = await store.append('proposal-x', [newEvent(), newEvent(), newEvent()]).then(
      () => null,
      (e: { message?: string }) => e,
    );
    expect(error?.message).toMatch(/UNIQUE constraint failed: merkle_nodes/);
    expect(await store.head()).toBe(5);
    expect(merkleLogFor(store.db).size).toBe(5);
    await store.close();
  });

  it('the Merkle tables are append-only', async () => {
    const store = new SqliteEventStore({ path: join(tmp.dir, 'ledger.db') });
    store.addTransactionHook(merkleTransactionHook());
    await fill(store, 3);
    expect(() => store.db.prepare('UPDATE merkle_nodes SET hash = hash').run()).toThrow(/append-only/);
    expect(() => store.db.prepare('DELETE FROM merkle_nodes').run()).toThrow(/append-only/);
    // The events are the leaves: no leaf table repeats them.
    expect(store.db.prepare(`SELECT name FROM sqlite_master WHERE name LIKE 'merkle_leaves%'`).all()).toEqual(
      [],
    );
    await store.close();
  });
});

describe('integrating events the hook did not see', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => (tmp = tempDir()));
  afterEach(() => tmp.cleanup());

  it('enableMerkleLog catches up a store that ran without the hook', async () => {
    const store = new SqliteEventStore({ path: join(tmp.dir, 'ledger.db') });
    await fill(store, 60);
    const log = enableMerkleLog(store, { batchSize: 7 });
    await fill(store, 15);
    const events = await collect(store.readAll());
    expect(log.size).toBe(75);
    expect(log.rootHash()).toBe(toHex(memoryTree(events).root()));
    await store.close();
  });

  it('the hook fills the gap itself when it is turned on over existing events', async () => {
    const path = join(tmp.dir, 'ledger.db');
    let store = new SqliteEventStore({ path });
    await fill(store, 30);
    await store.close();
    store = new SqliteEventStore({ path });
    store.addTransactionHook(merkleTransactionHook());
    await fill(store, 4);
    const events = await collect(store.readAll());
    expect(merkleLogFor(store.db).size).toBe(34);
    expect(merkleLogFor(store.db).rootHash()).toBe(toHex(memoryTree(events).root()));
    await store.close();
  });

  it('importEvents goes through the hook too: an imported copy has the same tree as its source', async () => {
    const source = new SqliteEventStore({ path: join(tmp.dir, 'source.db') });
    source.addTransactionHook(merkleTransactionHook());
    await fill(source, 30);
    const exported = await collect(source.readAll());
    const copy = new SqliteEventStore({ path: join(tmp.dir, 'copy.db') });
    copy.addTransactionHook(merkleTransactionHook());
    await copy.importEvents(exported.slice(0, 12));
    await copy.importEvents(exported); // the first 12 are skipped
    expect(merkleLogFor(copy.db).size).toBe(30);
    expect(merkleLogFor(copy.db).rootHash()).toBe(merkleLogFor(source.db).rootHash());
    await source.close();
    await copy.close();
  });

  it('catchUpSqliteStore is idempotent and resumes from the last leaf', async () => {
    const store = new SqliteEventStore({ path: join(tmp.dir, 'ledger.db') });
    await fill(store, 40);
    // The first event is a leaf as soon as it is written (a tree of one leaf has no node), and
    // so is the one after an even tree: catching up integrates the rest.
    const first = await catchUpSqliteStore(store, { batchSize: 16 });
    expect(first).toEqual({ integrated: 39, skipped: 0, treeSize: 40 });
    await fill(store, 10);
    const second = await catchUpSqliteStore(store);
    expect(second).toEqual({ integrated: 9, skipped: 0, treeSize: 50 });
    const events = await collect(store.readAll());
    const log = merkleLogFor(store.db);
    const again = await integrateEvents(log, events, { batchSize: 9 });
    expect(again).toEqual({ integrated: 0, skipped: 50, treeSize: 50 });
    expect(log.rootHash()).toBe(toHex(memoryTree(events).root()));
    await store.close();
  });

  it('integrates any ordered source into a separate log (the EventStoreDB integrator), resuming after a partial run', async () => {
    const db = new Database(':memory:');
    const log = new SqliteMerkleLog(db);
    // Commit positions, not dense, as EventStoreDB gives them.
    const events = Array.from({ length: 100 }, (_, i) => ({
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      position: 1000 + i * 137,
      hash: toHex(leafHash(Buffer.alloc(32, i))),
    }));
    await integrateEvents(log, events.slice(0, 61), { batchSize: 10 });
    expect(log.lastPosition()).toBe(events[60].position);
    // Replayed from well before the last leaf: the overlap is skipped.
    const resumed = await integrateEvents(
      log,
      (async function* () {
        yield* events.slice(40);
      })(),
    );
    expect(resumed).toEqual({ integrated: 39, skipped: 21, treeSize: 100 });
    const memory = new MerkleLog(new MemoryNodeStore());
    memory.appendEventHashes(events.map((e) => e.hash));
    expect(log.rootHash()).toBe(toHex(memory.root()));
    // A different event at an integrated position means the source and the log disagree.
    await expect(integrateEvents(log, [{ ...events[50], hash: events[51].hash }])).rejects.toThrow(
      MerkleLogOutOfStep,
    );
    expect(log.size).toBe(100);
    db.close();
  });
});
