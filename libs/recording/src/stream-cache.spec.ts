import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type NewEvent, type StoredEvent } from '@ledger/event-store';
import { StreamCache } from './stream-cache';

const event = (n: number): NewEvent => ({
  id: randomUUID(),
  type: 'ClaimRecorded',
  data: { n },
  metadata: { occurredAt: '2013-01-01', actor: 'clerk:test', source: { kind: 'test', reference: 'cache' } },
});

describe('StreamCache', () => {
  it('sees what others append, reading only the new tail, and never duplicates a revision', async () => {
    const store = new SqliteEventStore({ path: ':memory:' });
    const cache = new StreamCache(store);
    await store.append('proposal-p', [event(0), event(1)]);
    expect((await cache.read('proposal-p')).revision).toBe(1);
    await store.append('proposal-p', [event(2)]); // another writer, behind the cache's back
    const [a, b] = await Promise.all([cache.read('proposal-p'), cache.read('proposal-p')]);
    for (const read of [a, b]) {
      expect(read.revision).toBe(2);
      expect(read.stored.map((e) => e.revision)).toEqual([0, 1, 2]);
      expect(read.events.map((e) => (e.data as { n: number }).n)).toEqual([0, 1, 2]);
    }
    expect((await cache.read('proposal-none')).revision).toBe(-1);
    await store.close();
  });

  it('adds what this process commits without reading it back, exactly as a read from the file gives it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-cache-'));
    const path = join(dir, 'ledger.db');
    const store = new SqliteEventStore({ path });
    const cache = new StreamCache(store);
    try {
      await store.append('vote-v', [event(0)]);
      expect((await cache.read('vote-v')).revision).toBe(0);
      const reads = jest.spyOn(store, 'readStream');
      await Promise.all([1, 2, 3].map((n) => store.append('vote-v', [event(n)])));
      const kept = await cache.read('vote-v');
      expect(reads).not.toHaveBeenCalled();
      expect(kept.revision).toBe(3);
      reads.mockRestore();
      const fromFile: StoredEvent[] = [];
      for await (const e of store.readStream('vote-v')) fromFile.push(e);
      expect(kept.stored).toEqual(fromFile);
      await expect(new StreamCache(store).read('vote-v')).resolves.toMatchObject({ events: kept.events });

      // Another connection's append (another process) is found by the head check, a turn later.
      const other = new SqliteEventStore({ path });
      await other.append('vote-v', [event(4)], { expectedRevision: 3 });
      await other.close();
      await new Promise((resolve) => setImmediate(resolve));
      const after = await cache.read('vote-v');
      expect(after.events.map((e) => (e.data as { n: number }).n)).toEqual([0, 1, 2, 3, 4]);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lets the least recently read stream go first, and hands out the same view while a stream stands still', async () => {
    const store = new SqliteEventStore({ path: ':memory:' });
    const cache = new StreamCache(store, 2);
    for (const stream of ['vote-a', 'vote-b', 'vote-c']) await store.append(stream, [event(0)]);
    const a = await cache.read('vote-a');
    await cache.read('vote-b');
    expect(await cache.read('vote-a')).toBe(a); // a is now the most recent
    await cache.read('vote-c'); // b goes
    const reads = jest.spyOn(store, 'readStream');
    expect(await cache.read('vote-a')).toBe(a);
    expect(reads).not.toHaveBeenCalled();
    await cache.read('vote-b');
    expect(reads.mock.calls.map(([stream]) => stream)).toEqual(['vote-b']);
    reads.mockRestore();
    await store.close();
  });
});
