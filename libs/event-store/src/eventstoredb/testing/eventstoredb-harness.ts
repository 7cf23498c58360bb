import type { ContractHarness } from '../../testing/event-store.contract';
import type { EventStoreDbEventStore } from '../eventstoredb-event-store';

/**
 * The contract's harness on EventStoreDbEventStore: `open` makes a store on the same data each
 * time (one fake client, or the server), so closing one and opening another is a restart.
 */
export function eventStoreDbHarness(open: () => EventStoreDbEventStore): ContractHarness {
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
}
