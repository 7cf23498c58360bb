import Database from 'better-sqlite3';
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@ledger/event-store';
import { collect, newEvent } from '@ledger/event-store/testing';
import { MemoryNodeStore, MerkleLog } from '../merkle/merkle-log';
import { sha256, toHex } from '../merkle/rfc9162';
import { integrateEvents, merkleLogFor, merkleTransactionHook } from './merkle-integration';
import { SqliteMerkleLog } from './sqlite-merkle-log';

/**
 * The SQLite log (the events as leaves, nodes written a batch at a time) against the pure
 * MerkleLog over the same event hashes: the same root at every size, the same inclusion and
 * consistency proofs, whatever the shape of the appends.
 */

/** Each turn of the event loop: the appends issued together (one group commit), each of so many events. */
const turns = fc.array(fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 6 }), {
  minLength: 1,
  maxLength: 8,
});

function pureTree(hashes: readonly string[]): MerkleLog {
  const tree = new MerkleLog(new MemoryNodeStore());
  tree.appendEventHashes(hashes);
  return tree;
}

/** Every root, and the proofs at a few sizes, of both logs are the same. */
function expectSameLog(log: SqliteMerkleLog, pure: MerkleLog, n: number): void {
  expect(log.size).toBe(n);
  for (let size = 0; size <= n; size += 1) expect(log.rootHash(size)).toBe(toHex(pure.root(size)));
  for (const size of new Set([1, Math.ceil(n / 2), n - 1, n].filter((s) => s >= 1))) {
    for (const leaf of new Set([0, Math.floor(size / 3), size - 1]))
      expect(log.inclusionProof(leaf, size).path).toEqual(pure.inclusionProof(leaf, size).map(toHex));
    for (const first of new Set([0, 1, Math.floor(size / 2), size].filter((m) => m <= size)))
      expect(log.consistencyProof(first, size).path).toEqual(pure.consistencyProof(first, size).map(toHex));
  }
}

describe('the SQLite Merkle log against the pure MerkleLog', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'ledger-merkle-contract-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let files = 0;

  it('a ledger file, whatever the appends and group commits: the same roots and proofs', async () => {
    await fc.assert(
      fc.asyncProperty(turns, fc.boolean(), async (shape, hookOffFirst) => {
        const path = join(dir, `ledger-${(files += 1)}.db`);
        const store = new SqliteEventStore({ path });
        // Sometimes the hook comes on after the first turn: it must fill the gap from the events table.
        if (!hookOffFirst) store.addTransactionHook(merkleTransactionHook());
        for (const [t, appends] of shape.entries()) {
          await Promise.all(
            appends.map((count, a) =>
              store.append(
                `proposal-${a}`,
                Array.from({ length: count }, (_, i) => newEvent({ data: { t, a, i } })),
              ),
            ),
          );
          if (hookOffFirst && t === 0) store.addTransactionHook(merkleTransactionHook());
        }
        const events = await collect(store.readAll());
        const log = merkleLogFor(store.db);
        if (hookOffFirst && shape.length === 1) log.catchUpFromEventsTable();
        expectSameLog(log, pureTree(events.map((e) => e.hash)), events.length);
        events.forEach((e, i) => expect(log.leafByEventId(e.id)?.leafIndex).toBe(i));
        await store.close();
        rmSync(path, { force: true });
      }),
      { numRuns: 25 },
    );
  });

  it('a copy of a log kept elsewhere (positions not dense), integrated in any batches: the same roots and proofs', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 8 }),
        async (batches) => {
          const db = new Database(':memory:');
          const log = new SqliteMerkleLog(db);
          const total = batches.reduce((a, b) => a + b, 0);
          const events = Array.from({ length: total }, (_, i) => ({
            id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
            position: 100 + i * 7,
            hash: toHex(sha256(Buffer.from(`event ${i}`))),
          }));
          let from = 0;
          for (const size of batches) {
            await integrateEvents(log, events.slice(from, from + size));
            from += size;
          }
          expectSameLog(log, pureTree(events.map((e) => e.hash)), total);
          db.close();
        },
      ),
      { numRuns: 40 },
    );
  });
});
