import type { EventStore } from '../event-store.port';
import { collect, newEvent, type ContractSuite } from './event-store.contract.fixtures';

/** The contract on importEvents: an export imported again, and one that was changed. */
export function importCases(suite: ContractSuite): void {
  const { stream } = suite;
  let store: EventStore;
  beforeEach(() => ({ store } = suite));

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
}
