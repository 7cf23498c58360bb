import { randomUUID } from 'node:crypto';
import { SqliteEventStore, type NewEvent } from '@ledger/event-store';
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
});
