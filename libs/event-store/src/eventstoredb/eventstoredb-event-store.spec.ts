import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { Readable } from 'node:stream';
import {
  MaxAppendSizeExceededError,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AppendExpectedRevision,
  type EventStoreDBClient,
  type Filter,
  type ReadPosition,
  type ReadRevision,
} from '@eventstore/db-client';
import { InvalidInput, StoreClosed, WrongExpectedRevision } from '../errors';
import { eventHash } from '../hashing';
import { collect, eventStoreContract, newEvent } from '../testing/event-store.contract';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

interface FakeRecord {
  streamId: string;
  id: string;
  revision: bigint;
  type: string;
  data: string;
  metadata: string;
  position: bigint;
}

interface FakeEventData {
  id: string;
  type: string;
  data: unknown;
  metadata?: unknown;
}

/**
 * An in-memory stand-in for the parts of the gRPC client the adapter uses, modelled on the
 * server's documented behaviour: positions ordered but not dense (commit = prepare), a $all read
 * inclusive of its start forwards and exclusive backwards, a subscription exclusive of its start,
 * StreamNotFound for a missing stream, WrongExpectedVersion with the current revision, link events
 * in $ce- streams and system events in $-streams. It is not EventStoreDB: it runs the adapter's
 * own logic (paging, idempotency, revision retries, chaining, subscriptions) where no server is.
 */
class FakeEventStoreDb {
  readonly log: FakeRecord[] = [];
  private readonly streams = new Map<string, FakeRecord[]>();
  private nextPosition = 4096n;
  private readonly appended = new EventEmitter().setMaxListeners(0);
  /** Events a subscription has handed to its Readable: how far it ran ahead of its consumer. */
  delivered = 0;

  constructor() {
    this.write('$users', [{ id: randomUUID(), type: '$UserCreated', data: { loginName: 'admin' } }]);
  }

  private write(streamId: string, events: readonly FakeEventData[]): void {
    const list = this.streams.get(streamId) ?? [];
    this.streams.set(streamId, list);
    for (const e of events) {
      const record: FakeRecord = {
        streamId,
        id: e.id,
        revision: BigInt(list.length),
        type: e.type,
        data: JSON.stringify(e.data),
        metadata: e.metadata === undefined ? '' : JSON.stringify(e.metadata),
        position: this.nextPosition,
      };
      this.nextPosition += 128n + BigInt(record.data.length + record.metadata.length);
      list.push(record);
      this.log.push(record);
    }
  }

  private resolved(r: FakeRecord) {
    const position = { commit: r.position, prepare: r.position };
    return {
      event: {
        streamId: r.streamId,
        id: r.id,
        revision: r.revision,
        type: r.type,
        isJson: true,
        data: JSON.parse(r.data),
        metadata: r.metadata ? JSON.parse(r.metadata) : undefined,
        created: new Date(),
        position,
      },
      commitPosition: r.position,
    };
  }

  private reading(records: FakeRecord[]) {
    const readable = Readable.from(
      records.map((r) => this.resolved(r)),
      { objectMode: true },
    );
    return Object.assign(readable, { cancel: async () => void readable.destroy() });
  }

  private failing(error: Error) {
    const readable = new Readable({
      objectMode: true,
      read() {
        this.destroy(error);
      },
    });
    return Object.assign(readable, { cancel: async () => undefined });
  }

  async appendToStream(
    streamName: string,
    events: FakeEventData[],
    options: { expectedRevision?: AppendExpectedRevision } = {},
  ) {
    // Let other appends run between the caller's read and this write, as on a real server.
    await new Promise((resolve) => setImmediate(resolve));
    const expected = options.expectedRevision ?? 'any';
    const list = this.streams.get(streamName);
    const current = list ? list.length - 1 : -1;
    const ok =
      expected === 'any' ||
      (expected === 'no_stream'
        ? current === -1
        : expected === 'stream_exists'
          ? current >= 0
          : BigInt(current) === expected);
    if (!ok) {
      throw new WrongExpectedVersionError(undefined, {
        streamName,
        expected,
        current: current < 0 ? 'no_stream' : BigInt(current),
      });
    }
    const bytes = events.reduce(
      (n, e) => n + JSON.stringify(e.data).length + JSON.stringify(e.metadata ?? '').length,
      0,
    );
    if (bytes > 1024 * 1024) throw MaxAppendSizeExceededError.fromMaxAppendSize(1024 * 1024);
    this.write(streamName, events);
    const written = this.streams.get(streamName)!;
    const category = streamName.slice(0, streamName.indexOf('-'));
    // What the $by_category system projection writes: links, in a $-stream.
    this.write(
      `$ce-${category}`,
      events.map((e, i) => ({
        id: randomUUID(),
        type: '$>',
        data: `${written.length - events.length + i}@${streamName}`,
      })),
    );
    this.appended.emit('appended');
    const last = written[written.length - 1];
    return {
      success: true,
      nextExpectedRevision: last.revision,
      position: { commit: last.position, prepare: last.position },
    };
  }

  readStream(
    streamName: string,
    options: { fromRevision?: ReadRevision; direction?: string; maxCount?: number | bigint } = {},
  ) {
    const { fromRevision = 'start', direction = 'forwards', maxCount = Number.MAX_SAFE_INTEGER } = options;
    const list = this.streams.get(streamName);
    if (!list) return this.failing(new StreamNotFoundError(undefined, streamName));
    const selected =
      direction === 'forwards'
        ? list.filter(
            (r) => fromRevision === 'start' || (fromRevision !== 'end' && r.revision >= fromRevision),
          )
        : [...list]
            .reverse()
            .filter(
              (r) => fromRevision === 'end' || (fromRevision !== 'start' && r.revision <= fromRevision),
            );
    return this.reading(selected.slice(0, Number(maxCount)));
  }

  readAll(options: { fromPosition?: ReadPosition; direction?: string; maxCount?: number | bigint } = {}) {
    const { fromPosition, direction = 'forwards', maxCount = Number.MAX_SAFE_INTEGER } = options;
    const from = fromPosition ?? (direction === 'forwards' ? 'start' : 'end');
    const selected =
      direction === 'forwards'
        ? this.log.filter((r) => from === 'start' || (from !== 'end' && r.position >= from.commit))
        : [...this.log]
            .reverse()
            .filter((r) => from === 'end' || (from !== 'start' && r.position < from.commit));
    return this.reading(selected.slice(0, Number(maxCount)));
  }

  subscribeToAll(options: { fromPosition?: ReadPosition; filter?: Filter } = {}) {
    const { fromPosition = 'start', filter } = options;
    let index =
      fromPosition === 'start'
        ? 0
        : fromPosition === 'end'
          ? this.log.length
          : (() => {
              const i = this.log.findIndex((r) => r.position > fromPosition.commit);
              return i < 0 ? this.log.length : i;
            })();
    const matches = (r: FakeRecord) => {
      if (!filter) return true;
      const subject = filter.filterOn === 'streamName' ? r.streamId : r.type;
      return 'prefixes' in filter
        ? filter.prefixes.some((p) => subject.startsWith(p))
        : new RegExp(filter.regex).test(subject);
    };
    let waiting: (() => void) | undefined;
    let ended = false;
    const pump = () => {
      if (ended || readable.destroyed) return;
      while (index < this.log.length) {
        const r = this.log[index++];
        if (!matches(r)) continue;
        this.delivered += 1;
        readable.push(this.resolved(r));
        return;
      }
      if (!waiting) {
        waiting = () => {
          waiting = undefined;
          pump();
        };
        this.appended.once('appended', waiting);
      }
    };
    const stop = () => {
      ended = true;
      if (waiting) this.appended.off('appended', waiting);
      waiting = undefined;
    };
    const readable: Readable = new Readable({
      objectMode: true,
      highWaterMark: 4,
      read: pump,
      destroy(error, callback) {
        stop();
        callback(error);
      },
    });
    return Object.assign(readable, {
      unsubscribe: async () => {
        if (!ended) {
          stop();
          readable.push(null);
        }
      },
    });
  }

  async dispose(): Promise<void> {}

  asClient(): EventStoreDBClient {
    return this as unknown as EventStoreDBClient;
  }
}

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

/** The contract and the adapter's own cases on the in-memory fake: the adapter's logic, no server. */
eventStoreContract('EventStoreDB adapter on an in-memory fake client (no server)', async () => {
  const fake = new FakeEventStoreDb();
  const open = () =>
    new EventStoreDbEventStore(
      { connectionString: 'esdb://fake:2113?tls=false', pageSize: 97 },
      fake.asClient(),
    );
  let store = open();
  return {
    get store() {
      return store;
    },
    async reopen() {
      await store.close();
      store = open();
      return store;
    },
    async dispose() {
      await store.close();
    },
  };
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

if (connectionString) {
  eventStoreContract('EventStoreDB', async () => {
    let store = new EventStoreDbEventStore({ connectionString });
    return {
      get store() {
        return store;
      },
      async reopen() {
        await store.close();
        store = new EventStoreDbEventStore({ connectionString });
        return store;
      },
      async dispose() {
        await store.close();
      },
    };
  });

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
