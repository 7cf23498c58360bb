import { randomUUID } from 'node:crypto';
import type { EventStore } from '../event-store.port';
import { appendCases } from './event-store.contract.appends';
import { badInputCases } from './event-store.contract.bad-input';
import type { ContractHarness, ContractSuite } from './event-store.contract.fixtures';
import { importCases } from './event-store.contract.imports';
import { multiStreamAppendCases } from './event-store.contract.multi-stream-appends';
import { readCases } from './event-store.contract.reads';
import { subscriptionCases } from './event-store.contract.subscriptions';

export { collect, newEvent, type ContractHarness } from './event-store.contract.fixtures';

/**
 * The one contract suite every adapter runs. Its cases stand in the event-store.contract.*.ts
 * modules beside this file, each registering them in this describe, in this order.
 */
export function eventStoreContract(adapter: string, open: () => Promise<ContractHarness>): void {
  describe(`EventStore contract: ${adapter}`, () => {
    let harness: ContractHarness;
    let store: EventStore;
    /** A fresh category per test keeps tests apart on a shared server. */
    let category: string;
    const suite: ContractSuite = {
      get harness() {
        return harness;
      },
      get store() {
        return store;
      },
      get category() {
        return category;
      },
      stream: (id: string) => `${category}-${id}`,
    };

    beforeEach(async () => {
      harness = await open();
      store = harness.store;
      category = `t${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    });
    afterEach(async () => harness.dispose());

    appendCases(suite);
    multiStreamAppendCases(suite);
    readCases(suite);
    subscriptionCases(suite);
    importCases(suite);
    badInputCases(suite);
  });
}
