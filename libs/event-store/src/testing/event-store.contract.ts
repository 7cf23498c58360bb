import { randomUUID } from 'node:crypto';
import { InvalidInput, PartlyAppended, WrongExpectedRevision } from '../errors';
import type { EventStore, NewEvent, StoredEvent } from '../event-store.port';
import { eventHash } from '../hashing';

/**
 * The behaviour every adapter owes the ledger. Run it with an adapter factory; each test uses
 * streams of its own, so it can run against a shared EventStoreDB server.
 */
export interface ContractHarness {
  store: EventStore;
  /** Closes the store and opens a new one on the same data: a restart. */
  reopen(): Promise<EventStore>;
  dispose(): Promise<void>;
}

export function newEvent(overrides: Partial<NewEvent> & { occurredAt?: string } = {}): NewEvent {
  const { occurredAt, ...rest } = overrides;
  return {
    id: randomUUID(),
    type: 'TestRecorded',
    data: { n: 1 },
    metadata: {
      occurredAt: occurredAt ?? '2012-07-20T10:00:00.000Z',
      actor: 'clerk:test',
      source: { kind: 'report', reference: 'contract test', url: 'https://example.org/report' },
    },
    ...rest,
  };
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function eventStoreContract(adapter: string, open: () => Promise<ContractHarness>): void {
  describe(`EventStore contract: ${adapter}`, () => {
    let harness: ContractHarness;
    let store: EventStore;
    /** A fresh category per test keeps tests apart on a shared server. */
    let category: string;
    const stream = (id: string) => `${category}-${id}`;

    beforeEach(async () => {
      harness = await open();
      store = harness.store;
      category = `t${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    });
    afterEach(async () => harness.dispose());

    it('stores what it is given, sets recordedAt itself, and chains each stream by hash', async () => {
      const before = new Date().toISOString();
      const events = [newEvent({ data: { a: 1 } }), newEvent({ data: { b: [1, 'x', null] } })];
      const result = await store.append(stream('1'), events, { expectedRevision: 'no_stream' });
      expect(result.nextExpectedRevision).toBe(1);
      expect(result.events.map((e) => e.revision)).toEqual([0, 1]);
      const read = await collect(store.readStream(stream('1')));
      expect(read.map((e) => e.id)).toEqual(events.map((e) => e.id));
      expect(read[1].data).toEqual({ b: [1, 'x', null] });
      expect(read[0].metadata).toMatchObject({ actor: 'clerk:test', source: events[0].metadata.source });
      expect(read[0].metadata.correlationId).toBe(events[0].id);
      expect(read[0].metadata.recordedAt >= before).toBe(true);
      expect(read[0].position).toBeLessThan(read[1].position);
      expect(read[0].prevHash).toBeNull();
      expect(read[1].prevHash).toBe(read[0].hash);
      for (const e of read) expect(eventHash(e)).toBe(e.hash);
      expect(result.events.map((e) => e.hash)).toEqual(read.map((e) => e.hash));
    });

    it('checks every form of expected revision and reports the actual one', async () => {
      const s = stream('rev');
      await expect(
        store.append(s, [newEvent()], { expectedRevision: 'stream_exists' }),
      ).rejects.toMatchObject({
        constructor: WrongExpectedRevision,
        expected: 'stream_exists',
        actual: -1,
      });
      await store.append(s, [newEvent()], { expectedRevision: 'no_stream' });
      await expect(store.append(s, [newEvent()], { expectedRevision: 'no_stream' })).rejects.toMatchObject({
        expected: 'no_stream',
        actual: 0,
      });
      await expect(store.append(s, [newEvent()], { expectedRevision: 5 })).rejects.toBeInstanceOf(
        WrongExpectedRevision,
      );
      await store.append(s, [newEvent()], { expectedRevision: 0 });
      await store.append(s, [newEvent()], { expectedRevision: 'stream_exists' });
      await store.append(s, [newEvent()], { expectedRevision: 'any' });
      expect((await store.streamInfo(s)).revision).toBe(3);
    });

    it('lets exactly one of two concurrent writers with the same expected revision win', async () => {
      const s = stream('race');
      await store.append(s, [newEvent()]);
      const outcomes = await Promise.allSettled([
        store.append(s, [newEvent({ data: { writer: 'a' } })], { expectedRevision: 0 }),
        store.append(s, [newEvent({ data: { writer: 'b' } })], { expectedRevision: 0 }),
      ]);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const lost = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
      expect(lost.reason).toBeInstanceOf(WrongExpectedRevision);
      expect(lost.reason).toMatchObject({ expected: 0, actual: 1 });
      expect(await collect(store.readStream(s))).toHaveLength(2);
    });

    it('treats a retried batch as the same append: the original result, nothing written twice', async () => {
      const s = stream('vote');
      const vote = [newEvent({ type: 'VoteCast', data: { person: 'p1', option: 'yes' } })];
      const first = await store.append(s, vote, { expectedRevision: 'no_stream' });
      const headAfterFirst = await store.head();
      const retry = await store.append(s, vote, { expectedRevision: 'no_stream' });
      expect(retry.idempotentReplay).toBe(true);
      expect(retry.events).toEqual(first.events);
      expect(await store.head()).toBe(headAfterFirst);
      expect(await collect(store.readStream(s))).toHaveLength(1);
      await expect(
        store.append(s, [{ ...vote[0], data: { person: 'p1', option: 'no' } }]),
      ).rejects.toMatchObject({ code: 'duplicate-event-id' });
    });

    it('appends a batch atomically: one bad event and nothing of the batch is stored', async () => {
      const s = stream('atomic');
      const bad = [newEvent(), newEvent({ data: { when: new Date() } })];
      await expect(store.append(s, bad)).rejects.toMatchObject({
        code: 'data-not-json',
        field: 'events[1].data.when',
      });
      expect((await store.streamInfo(s)).exists).toBe(false);
    });

    describe('appends to several streams as one (appendToStreams)', () => {
      it('writes every part in the order given, each chained on its own stream, with one correlation', async () => {
        await store.append(stream('entry'), [newEvent()]);
        const register = [newEvent({ type: 'Reserved', data: { value: 'PCC/D/001' } })];
        const entry = [newEvent({ type: 'Taken' }), newEvent({ type: 'Noted' })];
        const results = await store.appendToStreams([
          { stream: stream('register'), events: register, expectedRevision: 'no_stream' },
          { stream: stream('entry'), events: entry, expectedRevision: 0 },
        ]);
        expect(results.map((r) => [r.stream, r.nextExpectedRevision, r.idempotentReplay])).toEqual([
          [stream('register'), 0, false],
          [stream('entry'), 2, false],
        ]);
        const [reserved] = await collect(store.readStream(stream('register')));
        const [before, ...taken] = await collect(store.readStream(stream('entry')));
        expect(reserved.prevHash).toBeNull();
        expect(taken.map((e) => e.prevHash)).toEqual([before.hash, taken[0].hash]);
        expect(reserved.position).toBeLessThan(taken[0].position);
        expect(new Set([reserved, ...taken].map((e) => e.metadata.correlationId))).toEqual(
          new Set([register[0].id]),
        );
        for (const e of [reserved, ...taken]) expect(eventHash(e)).toBe(e.hash);
      });

      it('refuses the whole append when its first part fails its expected revision: nothing is written', async () => {
        await store.append(stream('taken'), [newEvent()]);
        const head = await store.head();
        await expect(
          store.appendToStreams([
            { stream: stream('taken'), events: [newEvent()], expectedRevision: 'no_stream' },
            { stream: stream('other'), events: [newEvent()], expectedRevision: 'no_stream' },
          ]),
        ).rejects.toMatchObject({ constructor: WrongExpectedRevision, stream: stream('taken'), actual: 0 });
        expect((await store.streamInfo(stream('other'))).exists).toBe(false);
        expect(await store.head()).toBe(head);
      });

      it('writes nothing when a later part fails, or (a store that is not atomic) says which parts it wrote', async () => {
        await store.append(stream('late'), [newEvent()]);
        const first = newEvent();
        const error = await store
          .appendToStreams([
            { stream: stream('first'), events: [first], expectedRevision: 'no_stream' },
            { stream: stream('late'), events: [newEvent()], expectedRevision: 'no_stream' },
          ])
          .catch((e: unknown) => e);
        if (store.atomicMultiStreamAppend) {
          expect(error).toBeInstanceOf(WrongExpectedRevision);
          expect(error).toMatchObject({ stream: stream('late'), actual: 0 });
          expect((await store.streamInfo(stream('first'))).exists).toBe(false);
        } else {
          expect(error).toBeInstanceOf(PartlyAppended);
          expect((error as PartlyAppended).written.map((w) => w.stream)).toEqual([stream('first')]);
          expect((error as PartlyAppended).cause).toBeInstanceOf(WrongExpectedRevision);
          expect((await collect(store.readStream(stream('first')))).map((e) => e.id)).toEqual([first.id]);
        }
        expect(await collect(store.readStream(stream('late')))).toHaveLength(1);
      });

      it('lets exactly one of two concurrent appends taking the same register win; the loser writes nothing', async () => {
        const outcomes = await Promise.allSettled(
          ['a', 'b'].map((writer) =>
            store.appendToStreams([
              {
                stream: stream('value'),
                events: [newEvent({ data: { writer } })],
                expectedRevision: 'no_stream',
              },
              {
                stream: stream(`entry${writer}`),
                events: [newEvent({ data: { writer } })],
                expectedRevision: 'no_stream',
              },
            ]),
          ),
        );
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        const lost = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
        expect(lost.reason).toBeInstanceOf(WrongExpectedRevision);
        const [held] = await collect(store.readStream(stream('value')));
        const winner = (held.data as { writer: string }).writer;
        const loser = winner === 'a' ? 'b' : 'a';
        expect((await store.streamInfo(stream(`entry${winner}`))).exists).toBe(true);
        expect((await store.streamInfo(stream(`entry${loser}`))).exists).toBe(false);
      });

      it('treats a retried append as a replay of every part, and refuses a stream named twice', async () => {
        const parts = [
          { stream: stream('r1'), events: [newEvent()], expectedRevision: 'no_stream' as const },
          { stream: stream('r2'), events: [newEvent()], expectedRevision: 'no_stream' as const },
        ];
        const first = await store.appendToStreams(parts);
        const head = await store.head();
        const retry = await store.appendToStreams(parts);
        expect(retry.map((r) => r.idempotentReplay)).toEqual([true, true]);
        expect(retry.map((r) => r.events)).toEqual(first.map((r) => r.events));
        expect(await store.head()).toBe(head);
        await expect(
          store.appendToStreams([
            { stream: stream('twice'), events: [newEvent()] },
            { stream: stream('twice'), events: [newEvent()] },
          ]),
        ).rejects.toMatchObject({ code: 'invalid-parts', field: 'parts[1].stream' });
        await expect(store.appendToStreams([])).rejects.toMatchObject({ code: 'invalid-parts' });
        await expect(
          store.appendToStreams([
            { stream: stream('ok'), events: [newEvent()] },
            { stream: stream('bad'), events: [newEvent({ id: 'not-a-uuid' })] },
          ]),
        ).rejects.toMatchObject({ code: 'invalid-event-id', field: 'parts[1].events[0].id' });
        expect((await store.streamInfo(stream('ok'))).exists).toBe(false);
      });
    });

    it('reads a 10,000-event stream back in order, in pages, both ways', async () => {
      const s = stream('long');
      for (let batch = 0; batch < 20; batch++) {
        const events = Array.from({ length: 500 }, (_, i) => newEvent({ data: { i: batch * 500 + i } }));
        await store.append(s, events);
      }
      let expected = 0;
      for await (const e of store.readStream(s, { pageSize: 333 })) {
        expect(e.revision).toBe(expected);
        expect((e.data as { i: number }).i).toBe(expected);
        expected += 1;
      }
      expect(expected).toBe(10_000);
      const tail = await collect(store.readStream(s, { direction: 'backwards', limit: 3, pageSize: 2 }));
      expect(tail.map((e) => e.revision)).toEqual([9999, 9998, 9997]);
      const middle = await collect(store.readStream(s, { fromRevision: 5000, limit: 2 }));
      expect(middle.map((e) => e.revision)).toEqual([5000, 5001]);
    });

    it('filters readAll by type, stream prefix, position and the occurredUntil cut', async () => {
      await store.append(stream('a'), [
        newEvent({ type: 'Tabled', occurredAt: '2012-07-01' }),
        newEvent({ type: 'Deferred', occurredAt: '2012-08-01' }),
      ]);
      await store.append(stream('b'), [newEvent({ type: 'Tabled', occurredAt: '2012-09-01' })]);
      await store.append(`other${category}-x`, [newEvent({ type: 'Tabled' })]);
      const mine = { streamPrefix: `${category}-` };
      const all = await collect(store.readAll(mine));
      expect(all.map((e) => e.type)).toEqual(['Tabled', 'Deferred', 'Tabled']);
      expect((await collect(store.readAll({ ...mine, types: ['Tabled'] }))).map((e) => e.stream)).toEqual([
        stream('a'),
        stream('b'),
      ]);
      expect(await collect(store.readAll({ ...mine, occurredUntil: '2012-08-01' }))).toHaveLength(2);
      const fromSecond = await collect(store.readAll({ ...mine, fromPosition: all[1].position }));
      expect(fromSecond.map((e) => e.id)).toEqual([all[1].id, all[2].id]);
      const backwards = await collect(store.readAll({ ...mine, direction: 'backwards', limit: 2 }));
      expect(backwards.map((e) => e.id)).toEqual([all[2].id, all[1].id]);
      const twoPrefixes = await collect(store.readAll({ streamPrefix: [stream('b'), `other${category}-`] }));
      expect(twoPrefixes).toHaveLength(2);
    });

    it('cuts readAll at recordedUntil: what the ledger knew at a moment', async () => {
      await store.append(stream('k'), [newEvent(), newEvent()]);
      const known = await collect(store.readStream(stream('k')));
      const knownAt = known[1].metadata.recordedAt;
      await sleep(15);
      await store.append(stream('k'), [newEvent()]);
      const atThatMoment = await collect(
        store.readAll({ streamPrefix: `${category}-`, recordedUntil: knownAt }),
      );
      expect(atThatMoment.map((e) => e.id)).toEqual(known.map((e) => e.id));
      expect(await collect(store.readAll({ streamPrefix: `${category}-` }))).toHaveLength(3);
    });

    it('subscribes: catches up, goes live, and resumes from its checkpoint after a restart', async () => {
      const filter = { streamPrefix: `${category}-` };
      await store.append(stream('s'), [newEvent(), newEvent(), newEvent()]);
      const abort = new AbortController();
      const seen: StoredEvent[] = [];
      const live = (async () => {
        for await (const e of store.subscribe({ from: 'start', filter, signal: abort.signal })) {
          seen.push(e);
          if (seen.length === 5) abort.abort();
        }
      })();
      while (seen.length < 3) await sleep(5);
      await store.append(stream('s'), [newEvent()]);
      await store.append(stream('t'), [newEvent()]);
      await live;
      expect(seen.map((e) => e.position)).toEqual([...seen.map((e) => e.position)].sort((a, b) => a - b));
      const checkpoint = seen[4].position;

      const missed = [newEvent(), newEvent()];
      await store.append(stream('u'), missed);
      store = await harness.reopen();
      const resumed: StoredEvent[] = [];
      const again = new AbortController();
      for await (const e of store.subscribe({ from: { after: checkpoint }, filter, signal: again.signal })) {
        resumed.push(e);
        if (resumed.length === 2) again.abort();
      }
      expect(resumed.map((e) => e.id)).toEqual(missed.map((e) => e.id));
    });

    it('checks the event a checkpoint names: the same one goes on, another is SubscriptionDiverged', async () => {
      const filter = { streamPrefix: `${category}-` };
      const [first, second] = (await store.append(stream('d'), [newEvent(), newEvent()])).events;
      const resumed: StoredEvent[] = [];
      const abort = new AbortController();
      for await (const e of store.subscribe({
        from: { after: first.position, eventId: first.id },
        filter,
        signal: abort.signal,
      })) {
        resumed.push(e);
        abort.abort();
      }
      expect(resumed.map((e) => e.id)).toEqual([second.id]);
      // A read model kept beside another ledger than the one it was built from.
      const elsewhere = randomUUID();
      await expect(
        collect(store.subscribe({ from: { after: first.position, eventId: elsewhere }, filter })),
      ).rejects.toMatchObject({
        code: 'subscription-diverged',
        position: first.position,
        expectedEventId: elsewhere,
        message: expect.stringContaining(`now holds event ${first.id}`),
      });
    });

    it('imports exported events idempotently and refuses any that were changed', async () => {
      await store.append(stream('imp'), [newEvent(), newEvent()]);
      const exported = await collect(store.readStream(stream('imp')));
      expect(await store.importEvents(exported)).toEqual({ imported: 0, skipped: 2 });
      const changed = { ...exported[1], data: { n: 2 } };
      await expect(store.importEvents([changed])).rejects.toMatchObject({
        code: 'hash-mismatch',
        field: 'events[0].hash',
      });
      expect(await collect(store.readStream(stream('imp')))).toHaveLength(2);
    });

    describe('refuses bad input with a typed error and writes nothing', () => {
      const cases: Array<[string, () => [string, NewEvent[], unknown], string, string]> = [
        [
          'an expected revision in an unknown form',
          () => [stream('x'), [newEvent()], 'latest'],
          'invalid-expected-revision',
          'expectedRevision',
        ],
        [
          'a negative expected revision',
          () => [stream('x'), [newEvent()], -1],
          'invalid-expected-revision',
          'expectedRevision',
        ],
        [
          'a non-UUID id',
          () => [stream('x'), [newEvent({ id: 'vote-1' })], 'any'],
          'invalid-event-id',
          'events[0].id',
        ],
        ['an empty batch', () => [stream('x'), [], 'any'], 'empty-batch', 'events'],
        [
          'an event over the size limit',
          () => [stream('x'), [newEvent({ data: { text: 'x'.repeat(300 * 1024) } })], 'any'],
          'event-too-large',
          'events[0].data',
        ],
        [
          'data with a function',
          () => [stream('x'), [newEvent({ data: { f: () => 1 } })], 'any'],
          'data-not-json',
          'events[0].data.f',
        ],
        [
          'data with a BigInt',
          () => [stream('x'), [newEvent({ data: { n: BigInt(1) } })], 'any'],
          'data-not-json',
          'events[0].data.n',
        ],
        [
          'data with NaN',
          () => [stream('x'), [newEvent({ data: { n: NaN } })], 'any'],
          'data-not-json',
          'events[0].data.n',
        ],
        [
          'a stream name without a category',
          () => ['proposal', [newEvent()], 'any'],
          'invalid-stream-name',
          'stream',
        ],
        [
          'a stream name with spaces',
          () => ['proposal-g4s plan', [newEvent()], 'any'],
          'invalid-stream-name',
          'stream',
        ],
        [
          'an occurredAt that is not a date',
          () => [stream('x'), [newEvent({ occurredAt: 'last Monday' })], 'any'],
          'invalid-metadata',
          'events[0].metadata.occurredAt',
        ],
      ];
      it.each(cases)('%s', async (_label, make, code, field) => {
        const head = await store.head();
        const [s, events, expectedRevision] = make();
        const error = await store
          .append(s, events, { expectedRevision: expectedRevision as never })
          .catch((e) => e);
        expect(error).toBeInstanceOf(InvalidInput);
        expect(error).toMatchObject({ code, field });
        expect(error.message.toLowerCase()).toContain(field.split('.')[0].toLowerCase());
        expect(await store.head()).toBe(head);
      });

      it('data that refers back to itself', async () => {
        const data: Record<string, unknown> = {};
        data.self = data;
        await expect(store.append(stream('x'), [newEvent({ data })])).rejects.toMatchObject({
          code: 'data-not-json',
        });
        expect((await store.streamInfo(stream('x'))).exists).toBe(false);
      });
    });
  });
}
