import { WrongExpectedRevision } from '../errors';
import { eventHash } from '../hashing';
import { collect, eventStoreContract, newEvent } from '../testing/event-store.contract';
import { EventStoreDbEventStore } from './eventstoredb-event-store';
import { eventStoreDbHarness } from './testing/eventstoredb-harness';
import { FakeEventStoreDb } from './testing/fake-eventstoredb-client';

/** The contract and the adapter's own cases on the in-memory fake: the adapter's logic, no server. */
eventStoreContract('EventStoreDB adapter on an in-memory fake client (no server)', async () => {
  const fake = new FakeEventStoreDb();
  return eventStoreDbHarness(
    () =>
      new EventStoreDbEventStore(
        { connectionString: 'esdb://fake:2113?tls=false', pageSize: 97 },
        fake.asClient(),
      ),
  );
});

describe('EventStoreDbEventStore on the in-memory fake client (no server)', () => {
  let fake: FakeEventStoreDb;
  let store: EventStoreDbEventStore;
  const open = (options: { pageSize?: number; clock?: () => Date } = {}) =>
    new EventStoreDbEventStore(
      { connectionString: 'esdb://fake:2113?tls=false', ...options },
      fake.asClient(),
    );
  beforeEach(() => {
    fake = new FakeEventStoreDb();
    store = open();
  });
  afterEach(() => store.close());

  it("chains concurrent 'any' appends from two services without forking: the loser re-reads and retries", async () => {
    await store.append('proposal-busy', [newEvent()]);
    const other = open();
    await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        (i % 2 ? other : store).append('proposal-busy', [newEvent({ data: { i } })], {
          expectedRevision: 'any',
        }),
      ),
    );
    await other.close();
    const events = await collect(store.readStream('proposal-busy'));
    expect(events.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4]);
    events.forEach((e, i) => {
      expect(eventHash(e)).toBe(e.hash);
      expect(e.prevHash).toBe(i === 0 ? null : events[i - 1].hash);
    });
  });

  it('refuses an exact or no_stream expectation that another writer beat, with the actual revision', async () => {
    const other = open();
    const outcomes = await Promise.allSettled([
      store.append('proposal-new', [newEvent()], { expectedRevision: 'no_stream' }),
      other.append('proposal-new', [newEvent()], { expectedRevision: 'no_stream' }),
    ]);
    await other.close();
    const lost = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason).toBeInstanceOf(WrongExpectedRevision);
    expect(lost.reason).toMatchObject({ expected: 'no_stream', actual: 0 });
  });

  it('returns a replay for a retried batch after the stream has moved on, and writes nothing', async () => {
    const batch = [newEvent(), newEvent()];
    const first = await store.append('proposal-retry', batch);
    await store.append('proposal-retry', [newEvent()]);
    const logLength = fake.log.length;
    const retry = await store.append('proposal-retry', batch);
    expect(retry).toMatchObject({ idempotentReplay: true, nextExpectedRevision: 2, events: first.events });
    expect(fake.log.length).toBe(logLength);
  });

  it('never lets recordedAt go back on a stream, even when the clock does', async () => {
    let now = new Date('2026-01-02T00:00:00Z');
    const early = open({ clock: () => now });
    await early.append('proposal-clock', [newEvent()]);
    now = new Date('2026-01-01T00:00:00Z');
    const late = open({ clock: () => now });
    await late.append('proposal-clock', [newEvent()]);
    const [a, b] = await collect(store.readStream('proposal-clock'));
    expect(b.metadata.recordedAt).toBe(a.metadata.recordedAt);
    await Promise.all([early.close(), late.close()]);
  });

  it('restores an export into an empty store with the same hashes, and refuses a gap in a chain', async () => {
    for (let i = 0; i < 5; i++) await store.append(`proposal-${i % 2}`, [newEvent({ data: { i } })]);
    const exported = await collect(store.readAll());
    const targetFake = new FakeEventStoreDb();
    const target = new EventStoreDbEventStore(
      { connectionString: 'esdb://fake:2113?tls=false' },
      targetFake.asClient(),
    );
    expect(await target.importEvents(exported.slice(0, 3))).toEqual({ imported: 3, skipped: 0 });
    expect(await target.importEvents(exported)).toEqual({ imported: 2, skipped: 3 });
    const restored = await collect(target.readAll());
    expect(restored.map((e) => [e.id, e.revision, e.hash, e.metadata.recordedAt])).toEqual(
      exported.map((e) => [e.id, e.revision, e.hash, e.metadata.recordedAt]),
    );
    const other = new EventStoreDbEventStore(
      { connectionString: 'esdb://fake:2113?tls=false' },
      new FakeEventStoreDb().asClient(),
    );
    await expect(other.importEvents([exported[2]])).rejects.toMatchObject({ code: 'chain-break' });
    expect(await other.head()).toBe(0);
    await Promise.all([target.close(), other.close()]);
  });

  it('pages $all across system events and link events, and skips them', async () => {
    const small = open({ pageSize: 3 });
    for (let i = 0; i < 7; i++) await small.append(`proposal-${i}`, [newEvent({ data: { i } })]);
    const all = await collect(small.readAll());
    expect(all.map((e) => (e.data as { i: number }).i)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    const back = await collect(small.readAll({ direction: 'backwards', fromPosition: all[4].position }));
    expect(back.map((e) => (e.data as { i: number }).i)).toEqual([4, 3, 2, 1, 0]);
    expect(await small.head()).toBe(all[6].position);
    await small.close();
  });

  it('pulls a subscription at the pace of its consumer instead of buffering everything', async () => {
    for (let i = 0; i < 60; i++) await store.append(`proposal-${i}`, [newEvent()]);
    const abort = new AbortController();
    const iterator = store.subscribe({ from: 'start', signal: abort.signal })[Symbol.asyncIterator]();
    await iterator.next();
    await new Promise((r) => setTimeout(r, 50));
    expect(fake.delivered).toBeLessThan(15);
    abort.abort();
    await iterator.return?.(undefined);
  });

  it('ends a quiet live subscription at once on abort, and on close', async () => {
    const abort = new AbortController();
    const quiet = (async () => {
      for await (const e of store.subscribe({ from: 'end', signal: abort.signal })) void e;
    })();
    await new Promise((r) => setTimeout(r, 20));
    abort.abort();
    await quiet;
    const other = open();
    const untilClosed = (async () => {
      for await (const e of other.subscribe({ from: 'end' })) void e;
    })();
    await new Promise((r) => setTimeout(r, 20));
    await other.close();
    await untilClosed;
  });
});
