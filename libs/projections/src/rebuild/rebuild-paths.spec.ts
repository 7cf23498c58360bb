import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, StoreClosed, type EventStore } from '@ledger/event-store';
import { Projector } from '../projector';
import { ReadModelDb } from '../read-model/read-model.db';
import { startLedger, type LedgerHarness } from '../testing/ledger-harness';

/**
 * A rebuild from scratch writes the same rows whichever way it runs: on the read-model connection
 * (an in-memory file), through the writer thread with the thread reading the ledger file, and
 * through the writer thread with the main thread reading a store the thread cannot open (as the
 * EventStoreDB adapter is: it has no file and serves readAll only).
 */
describe('the ways a rebuild runs', () => {
  let ledger: LedgerHarness;
  let dir: string;
  beforeAll(async () => {
    ledger = await startLedger();
    await ledger.recordStory();
    await ledger.settle();
    dir = mkdtempSync(join(tmpdir(), 'ledger-paths-'));
  });
  afterAll(async () => {
    await ledger.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const rebuilt = async (rm: ReadModelDb, store: EventStore, { cache = 10_000, page = 7 } = {}) => {
    const projector = new Projector(rm, store, () => new Date('2026-01-01T00:00:00Z'), cache);
    const applied = await projector.rebuildFromScratch(undefined, page);
    const { rm_meta: _meta, ...rows } = rm.dump();
    rm.close();
    return { applied, rows, thread: projector.lastRebuild };
  };

  it('gives the same rows on the connection, with the thread reading, and with the main thread reading', async () => {
    const head = await ledger.store.head();
    const inMemory = await rebuilt(ReadModelDb.open(':memory:', 1), ledger.store);
    const threadReads = await rebuilt(ReadModelDb.open(join(dir, 'thread-reads.db'), 1), ledger.store);
    // Only the port's readAll: no file for the thread to open, no pages served whole.
    const portOnly: EventStore = new Proxy(ledger.store, {
      get: (target, property) =>
        property === 'file' || property === 'readProjectedPages'
          ? undefined
          : (Reflect.get(target, property, target) as unknown),
    });
    const mainReads = await rebuilt(ReadModelDb.open(join(dir, 'main-reads.db'), 1), portOnly);

    expect([inMemory.applied, threadReads.applied, mainReads.applied]).toEqual([head, head, head]);
    expect(inMemory.thread).toBeUndefined();
    expect(threadReads.thread?.busySeconds).toBeGreaterThan(0);
    expect(mainReads.thread?.busySeconds).toBeGreaterThan(0);
    expect(inMemory.rows.rm_proposals.length).toBeGreaterThan(1);
    expect(inMemory.rows.rm_entity_events.length).toBeGreaterThan(head);
    expect(threadReads.rows).toEqual(inMemory.rows);
    expect(mainReads.rows).toEqual(inMemory.rows);
  });

  // A page that touches more aggregates than the cache holds evicts some it changed, and may load
  // them again: what is written is their latest state, on either path (found by a review).
  it.each([
    [2, 5],
    [1, 7],
    [3, 9],
  ])('gives the same rows through a cache of %i aggregates, in pages of %i events', async (cache, page) => {
    const expected = (await rebuilt(ReadModelDb.open(':memory:', 1), ledger.store)).rows;
    expect((await rebuilt(ReadModelDb.open(':memory:', 1), ledger.store, { cache, page })).rows).toEqual(
      expected,
    );
    expect(
      (
        await rebuilt(ReadModelDb.open(join(dir, `small-${cache}-${page}.db`), 1), ledger.store, {
          cache,
          page,
        })
      ).rows,
    ).toEqual(expected);
  });

  it('stops when the store closes, even with the writer thread reading the file, and leaves nothing half-written', async () => {
    const store = new SqliteEventStore({ path: ledger.path });
    const rm = ReadModelDb.open(join(dir, 'closed.db'), 1);
    try {
      let pages = 0;
      const projector = new Projector(rm, store);
      const closing = projector.rebuildFromScratch(() => {
        if (++pages === 2) void store.close();
      }, 5);
      await expect(closing).rejects.toBeInstanceOf(StoreClosed);
      expect(pages).toBe(2);
      expect(rm.checkpoint).toBe(0);
      expect(rm.db.prepare('SELECT count(*) AS n FROM rm_proposals').get()).toEqual({ n: 0 });
      expect(rm.db.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      rm.close();
      await store.close();
    }
  });

  it('turns the event loop between pages, so a Ctrl-C (a macrotask) is seen before the rebuild ends', async () => {
    // Pages read from the store here come as resolved promises, as pages read ahead do.
    const projector = new Projector(
      ReadModelDb.open(':memory:', 1),
      ledger.store,
      () => new Date('2026-01-01T00:00:00Z'),
    );
    const head = await ledger.store.head();
    let applied = 0;
    let turnedAt: number | undefined;
    await projector.rebuildFromScratch((position) => {
      if (applied === 0) setImmediate(() => (turnedAt = applied));
      applied = position;
    }, 5);
    projector.rm.close();
    expect(turnedAt).toBeDefined();
    expect(turnedAt).toBeLessThan(head);
  });
});
