import { randomUUID } from 'node:crypto';
import { InvalidInput, StoreClosed } from '../errors';
import { eventHash } from '../hashing';
import { collect, eventStoreContract, newEvent } from '../testing/event-store.contract';
import { EventStoreDbEventStore } from './eventstoredb-event-store';
import { eventStoreDbHarness } from './testing/eventstoredb-harness';

// The adapter on the real EventStoreDB client: checks that must fail before any network call, then,
// with a server, the contract and the adapter's own cases (eventstoredb-event-store.fake-client.spec.ts
// runs both on an in-memory fake of the client).

/**
 * The contract suite runs against a real server when EVENTSTORE_CONNECTION_STRING is set, e.g.
 *   docker run -d --name ledger-esdb -p 2113:2113 eventstore/eventstore:24.10 --insecure
 *   EVENTSTORE_CONNECTION_STRING='esdb://localhost:2113?tls=false' npx jest libs/event-store/src/eventstoredb
 * Each test uses streams of its own, so a shared server (or the three-node cluster) is fine.
 */
const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;

describe('EventStoreDbEventStore without a server', () => {
  // Port 9 (discard): nothing may be sent there; these tests must fail before any network call.
  const open = () => new EventStoreDbEventStore({ connectionString: 'esdb://127.0.0.1:9?tls=false' });

  it('refuses bad input with the typed error before it talks to the server', async () => {
    const store = open();
    await expect(store.append('proposal-1', [newEvent({ id: 'vote-1' })])).rejects.toMatchObject({
      constructor: InvalidInput,
      code: 'invalid-event-id',
      field: 'events[0].id',
    });
    await expect(
      store.append('proposal-1', [], { expectedRevision: 'latest' as never }),
    ).rejects.toMatchObject({
      code: 'invalid-expected-revision',
    });
    await expect(store.importEvents([])).rejects.toMatchObject({ code: 'empty-batch' });
    expect(() => store.readAll({ limit: 0 })).toThrow(InvalidInput);
    expect(() => store.readStream('proposal-1', { fromRevision: 1.5 })).toThrow(InvalidInput);
    await store.close();
  });

  it('says what it is, and refuses work once closed', async () => {
    const store = open();
    expect(store.kind).toBe('eventstoredb');
    await store.close();
    await store.close(); // twice is fine
    await expect(store.append('proposal-1', [newEvent()])).rejects.toBeInstanceOf(StoreClosed);
    await expect(store.head()).rejects.toBeInstanceOf(StoreClosed);
    await expect(collect(store.readStream('proposal-1'))).rejects.toBeInstanceOf(StoreClosed);
  });

  it('refuses a page size or idempotency window below 1', () => {
    expect(
      () => new EventStoreDbEventStore({ connectionString: 'esdb://127.0.0.1:9?tls=false', pageSize: 0 }),
    ).toThrow(RangeError);
    expect(
      () =>
        new EventStoreDbEventStore({
          connectionString: 'esdb://127.0.0.1:9?tls=false',
          idempotencyWindow: -1,
        }),
    ).toThrow(RangeError);
  });
});

if (connectionString) {
  eventStoreContract('EventStoreDB', async () =>
    eventStoreDbHarness(() => new EventStoreDbEventStore({ connectionString })),
  );

  describe('EventStoreDbEventStore on a server', () => {
    let store: EventStoreDbEventStore;
    let category: string;
    const stream = (id: string) => `${category}-${id}`;
    beforeEach(() => {
      store = new EventStoreDbEventStore({ connectionString });
      category = `t${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    });
    afterEach(() => store.close());

    it("chains concurrent 'any' appends to one stream without forking: the loser re-reads and retries", async () => {
      const s = stream('busy');
      await store.append(s, [newEvent()]);
      const other = new EventStoreDbEventStore({ connectionString });
      try {
        await Promise.all(
          Array.from({ length: 6 }, (_, i) =>
            (i % 2 ? other : store).append(s, [newEvent({ data: { i } })], { expectedRevision: 'any' }),
          ),
        );
      } finally {
        await other.close();
      }
      const events = await collect(store.readStream(s));
      expect(events.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4, 5, 6]);
      events.forEach((e, i) => {
        expect(eventHash(e)).toBe(e.hash);
        expect(e.prevHash).toBe(i === 0 ? null : events[i - 1].hash);
      });
    });

    it('returns a replay for a retried batch even after the stream has moved on', async () => {
      const s = stream('retry');
      const batch = [newEvent(), newEvent()];
      const first = await store.append(s, batch);
      await store.append(s, [newEvent()]);
      const retry = await store.append(s, batch);
      expect(retry).toMatchObject({ idempotentReplay: true, nextExpectedRevision: 2, events: first.events });
    });

    it('reports commit positions: ordered, the head among them, and a live subscription from the end', async () => {
      const before = await store.head();
      const appended = await store.append(stream('pos'), [newEvent(), newEvent()]);
      expect(appended.events[0].position).toBeGreaterThan(before);
      expect(appended.events[1].position).toBeGreaterThan(appended.events[0].position);
      expect(await store.head()).toBeGreaterThanOrEqual(appended.position);
      expect((await store.info()).kind).toBe('eventstoredb');

      const abort = new AbortController();
      const seen: string[] = [];
      const live = (async () => {
        for await (const e of store.subscribe({
          from: 'end',
          filter: { streamPrefix: `${category}-` },
          signal: abort.signal,
        })) {
          seen.push(e.id);
          abort.abort();
        }
      })();
      await new Promise((r) => setTimeout(r, 200));
      const next = newEvent();
      await store.append(stream('pos'), [next]);
      await live;
      expect(seen).toEqual([next.id]);
    });
  });
} else {
  const reason = 'EventStoreDB contract skipped: EVENTSTORE_CONNECTION_STRING is not set';
  process.stdout.write(
    `${reason} (e.g. esdb://localhost:2113?tls=false); see libs/event-store/src/eventstoredb/README.md\n`,
  );
  describe('EventStore contract: EventStoreDB', () => {
    it.skip(reason, () => undefined);
  });
}
