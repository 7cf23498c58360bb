import type { EventStore } from '../event-store.port';
import { collect, newEvent, sleep, type ContractSuite } from './event-store.contract.fixtures';

/** The contract on reading: a long stream in pages, readAll's filters and its recordedUntil cut. */
export function readCases(suite: ContractSuite): void {
  const { stream } = suite;
  let store: EventStore;
  let category: string;
  beforeEach(() => ({ store, category } = suite));

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
}
