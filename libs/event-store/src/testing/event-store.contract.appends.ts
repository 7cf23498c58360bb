import { WrongExpectedRevision } from '../errors';
import type { EventStore } from '../event-store.port';
import { eventHash } from '../hashing';
import { collect, newEvent, type ContractSuite } from './event-store.contract.fixtures';

/** The contract on append: what is stored, expected revisions, races, retries and atomic batches. */
export function appendCases(suite: ContractSuite): void {
  const { stream } = suite;
  let store: EventStore;
  beforeEach(() => ({ store } = suite));

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
    await expect(store.append(s, [newEvent()], { expectedRevision: 'stream_exists' })).rejects.toMatchObject({
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
}
