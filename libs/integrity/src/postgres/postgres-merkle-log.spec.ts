import {
  EVENT_COLUMNS,
  eventHash,
  PostgresEventStore,
  rowToEvent,
  type EventRow,
  type StoredEvent,
} from '@ledger/event-store';
import { collect, eventStoreContract, newEvent, PostgresServer } from '@ledger/event-store/testing';
import { generateCheckpointKeys, signCheckpoint } from '../checkpoint';
import { MemoryNodeStore, MerkleLog } from '../merkle/merkle-log';
import { leafHash, toHex } from '../merkle/rfc9162';
import { edgeLevels, enablePostgresMerkleLog, type PostgresMerkleLog } from './postgres-merkle-log';
import { verifyPostgresLedger } from './verify-postgres-ledger';

let server: PostgresServer;
beforeAll(async () => {
  server = await PostgresServer.primary('merkle');
}, 120_000);
afterAll(async () => server?.stop());

function openWithLog(url: string): { store: PostgresEventStore; log: PostgresMerkleLog } {
  const store = new PostgresEventStore({ url });
  return { store, log: enablePostgresMerkleLog(store) };
}

/** The reference: the tree over the same events, in memory. */
function reference(events: readonly StoredEvent[]): MerkleLog {
  const tree = new MerkleLog(new MemoryNodeStore());
  tree.appendMany(events.map((e) => leafHash(e.hash)));
  return tree;
}

// The store as the service runs it: with its Merkle log in every append transaction.
eventStoreContract('PostgreSQL with its Merkle log (a real server)', async () => {
  const url = server.createDatabase();
  let store = openWithLog(url).store;
  return {
    get store() {
      return store;
    },
    async reopen() {
      await store.close();
      store = openWithLog(url).store;
      return store;
    },
    async dispose() {
      await store.close();
    },
  };
});

describe('PostgresMerkleLog', () => {
  let url: string;
  let opened: Array<{ store: PostgresEventStore }>;
  const open = () => {
    const o = openWithLog(url);
    opened.push(o);
    return o;
  };
  beforeEach(() => {
    url = server.createDatabase();
    opened = [];
  });
  afterEach(async () => {
    for (const o of opened) await o.store.close();
  });

  it('splits a size into the perfect subtrees of its binary decomposition', () => {
    expect(edgeLevels(0)).toEqual([]);
    expect(edgeLevels(1)).toEqual([0]);
    expect(edgeLevels(6)).toEqual([2, 1]);
    expect(edgeLevels(13)).toEqual([3, 2, 0]);
  });

  it('has, at every size, the root of RFC 9162 over the events, written by two instances in group commits', async () => {
    const a = open();
    const b = open();
    for (let round = 0; round < 6; round++) {
      await Promise.all(
        Array.from({ length: 1 + round * 3 }, (_, i) =>
          (i % 2 ? a : b).store.append(
            `proposal-${i % 5}`,
            Array.from({ length: 1 + (i % 3) }, () => newEvent()),
          ),
        ),
      );
    }
    const events = await collect(a.store.readAll());
    const tree = reference(events);
    expect(await a.log.size()).toBe(events.length);
    for (let size = 0; size <= events.length; size++) {
      expect(await b.log.rootHash(size)).toBe(toHex(tree.root(size)));
    }
    const report = await verifyPostgresLedger(a.store.sql, { pageSize: 7 });
    expect(report).toMatchObject({
      ok: true,
      problems: [],
      eventCount: events.length,
      treeSize: events.length,
      rootHash: toHex(tree.root()),
    });
  });

  it('writes the log in the append transaction: when the log cannot take the events, the append is rolled back', async () => {
    const { store } = open();
    await store.append('proposal-1', [newEvent(), newEvent()]);
    // A tree head ahead of the events: the log and the events disagree.
    server.psql(
      `INSERT INTO merkle_heads VALUES (9, decode(repeat('00', 32), 'hex'), '\\x')`,
      new URL(url.replace('postgres:', 'http:')).pathname.slice(1),
    );
    const fresh = open().store;
    await expect(fresh.append('proposal-2', [newEvent()])).rejects.toThrow(
      /Merkle log holds 9 leaves, but the next event is at position 3/,
    );
    expect(await fresh.head()).toBe(2);
    expect((await fresh.streamInfo('proposal-2')).exists).toBe(false);
  });

  it('integrates, when it opens, the events appended while the log was off', async () => {
    const plain = new PostgresEventStore({ url });
    opened.push({ store: plain });
    await plain.append('proposal-1', [newEvent(), newEvent(), newEvent()]);
    const { store, log } = open();
    await store.ready;
    expect(await log.size()).toBe(3);
    await store.append('proposal-1', [newEvent()]);
    const events = await collect(store.readAll());
    expect(await log.size()).toBe(4);
    expect(await log.rootHash()).toBe(toHex(reference(events).root()));
    expect((await verifyPostgresLedger(store.sql)).ok).toBe(true);
  });

  it('holds the ledger to older checkpoints (`ledger verify --checkpoint`): each root at its size, each signature', async () => {
    const { store, log } = open();
    for (let i = 0; i < 6; i++) await store.append(`proposal-${i % 2}`, [newEvent({ data: { i } })]);
    const keys = generateCheckpointKeys();
    const atFour = signCheckpoint({ treeSize: 4, rootHash: await log.rootHash(4) }, keys.privateKeyPem);
    await store.append('proposal-0', [newEvent()]);
    const held = await verifyPostgresLedger(store.sql, {
      checkpoints: [atFour],
      publicKey: keys.publicKeyPem,
    });
    expect(held).toMatchObject({
      ok: true,
      checkpoints: [{ treeSize: 4, rootHash: atFour.rootHash, rootMatches: true, signature: 'valid' }],
    });

    // Another history of four events, the right root signed by another key, and more events than there are.
    const otherHistory = signCheckpoint({ treeSize: 4, rootHash: 'ab'.repeat(32) }, keys.privateKeyPem);
    const otherKey = signCheckpoint(
      { treeSize: 4, rootHash: atFour.rootHash },
      generateCheckpointKeys().privateKeyPem,
    );
    const beyond = signCheckpoint({ treeSize: 99, rootHash: atFour.rootHash }, keys.privateKeyPem);
    const failed = await verifyPostgresLedger(store.sql, {
      checkpoints: [otherHistory, otherKey, beyond],
      publicKey: keys.publicKeyPem,
    });
    expect(failed.ok).toBe(false);
    expect(failed.checkpoints.map((c) => [c.treeSize, c.rootMatches, c.signature])).toEqual([
      [4, false, 'valid'],
      [4, true, 'invalid'],
      [99, null, 'valid'],
    ]);
    expect(failed.problems).toEqual([
      expect.stringMatching(/^checkpoint-root-mismatch: The checkpoint of 4 leaves .* has root abab/),
      expect.stringMatching(/^checkpoint-signature-invalid: /),
      expect.stringMatching(/^checkpoint-beyond-ledger: The checkpoint of 99 leaves .*events were removed/),
    ]);
  });

  it('names the event that was changed behind the ledger’s back', async () => {
    const { store } = open();
    for (let i = 0; i < 5; i++) await store.append(`proposal-${i % 2}`, [newEvent({ data: { i } })]);
    const [, , third] = await collect(store.readAll());
    const database = new URL(url.replace('postgres:', 'http:')).pathname.slice(1);
    server.psql(
      `ALTER TABLE events DISABLE TRIGGER USER; UPDATE events SET data = '{"i":99}' WHERE position = 3; ALTER TABLE events ENABLE TRIGGER USER`,
      database,
    );
    const report = await verifyPostgresLedger(store.sql);
    expect(report.ok).toBe(false);
    // One line each, naming the event first, as `ledger verify` prints it; the findings as a file's verifier has them.
    expect(report.problems[0]).toBe(
      `hash-mismatch: event ${third.id} (position 3, ${third.stream} revision ${third.revision}): ${report.findings[0].message}`,
    );
    expect(report.firstBadEvent).toMatchObject({ position: 3, id: third.id, code: 'hash-mismatch' });
    expect(report.findings).toContainEqual(
      expect.objectContaining({ code: 'stored-root-mismatch', treeSize: 3 }),
    );
    expect(report.remedy).toMatch(/do not verify from position 3 .*Restore the ledger from a backup/);
  });

  /**
   * Rewrites an event and recomputes its hash and its stream's chain after it, behind the
   * triggers' backs: every row checks out alone, only the Merkle log still has the old events.
   */
  async function rewriteFrom(store: PostgresEventStore, position: number): Promise<StoredEvent[]> {
    return store.sql.begin(async (tx) => {
      await tx`SET LOCAL session_replication_role = replica`;
      const [{ stream }] = await tx<
        { stream: string }[]
      >`SELECT stream FROM events WHERE position = ${position}`;
      const rows = await tx.unsafe<EventRow[]>(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE stream = $1 AND position >= $2 ORDER BY revision`,
        [stream, position],
      );
      let prev = rowToEvent(rows[0]).prevHash;
      const rewritten: StoredEvent[] = [];
      for (const row of rows) {
        const e = rowToEvent(row);
        if (e.position === position) e.data = { ...(e.data as object), outcome: 'rejected' };
        e.prevHash = prev;
        e.hash = eventHash(e);
        prev = e.hash;
        await tx`UPDATE events SET data = ${JSON.stringify(e.data)}, prev_hash = ${e.prevHash}, hash = ${e.hash} WHERE id = ${e.id}`;
        rewritten.push(e);
      }
      return rewritten;
    });
  }

  /** 24 events over 3 streams, one or two an append, one append at a time (the same positions every run). */
  async function ledgerOf24(store: PostgresEventStore): Promise<void> {
    for (let i = 0; i < 16; i += 1)
      await store.append(
        `proposal-${i % 3}`,
        Array.from({ length: 1 + (i % 2) }, (_, k) => newEvent({ data: { i, k, outcome: 'carried' } })),
      );
  }

  // The same case on both stores, with a damaged node beside it: ledger-verification.contract.spec.ts.
  it('tells an event rewritten with its hash and chain recomputed from a damaged log, in the lines `ledger verify` prints', async () => {
    const { store } = open();
    await ledgerOf24(store);
    // Position 7 and the events of its stream after it: leaf 6, under the level-1 node over leaves 6..7.
    const rewritten = await rewriteFrom(store, 7);
    expect(rewritten.length).toBeGreaterThan(1);
    const report = await verifyPostgresLedger(store.sql);
    expect(report.ok).toBe(false);
    const codes = report.problems.map((line) => line.split(':')[0]);
    expect(codes).toContain('logged-event-changed');
    for (const chainCode of ['hash-mismatch', 'prev-hash-mismatch', 'revision-gap', 'position-gap'])
      expect(codes).not.toContain(chainCode);
    expect(report.problems).toContainEqual(
      `logged-event-changed: event ${rewritten[0].id} (position 7, ${rewritten[0].stream} revision ${rewritten[0].revision}): ${report.findings.find((p) => p.code === 'logged-event-changed')?.message}`,
    );
    expect(report.remedy).toMatch(/do not verify from position 7 .*Restore the ledger from a backup/);
  });
});
