import { PartlyAppended, WrongExpectedRevision } from '../errors';
import type { EventStore } from '../event-store.port';
import { eventHash } from '../hashing';
import { collect, newEvent, type ContractSuite } from './event-store.contract.fixtures';

/** The contract on appendToStreams: several streams written as one append, or not at all. */
export function multiStreamAppendCases(suite: ContractSuite): void {
  const { stream } = suite;
  let store: EventStore;
  beforeEach(() => ({ store } = suite));

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
}
