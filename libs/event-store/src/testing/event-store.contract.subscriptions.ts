import { randomUUID } from 'node:crypto';
import type { EventStore, StoredEvent } from '../event-store.port';
import {
  collect,
  newEvent,
  sleep,
  type ContractHarness,
  type ContractSuite,
} from './event-store.contract.fixtures';

/** The contract on subscribe: catching up, going live, resuming from a checkpoint and checking it. */
export function subscriptionCases(suite: ContractSuite): void {
  const { stream } = suite;
  let harness: ContractHarness;
  let store: EventStore;
  let category: string;
  beforeEach(() => ({ harness, store, category } = suite));

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
}
