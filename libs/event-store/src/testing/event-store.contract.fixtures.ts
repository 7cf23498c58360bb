import { randomUUID } from 'node:crypto';
import type { EventStore, NewEvent } from '../event-store.port';

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

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * What the contract's cases share within one test, set afresh before each by eventStoreContract
 * (event-store.contract.ts); each group of cases binds it in a beforeEach of its own.
 */
export interface ContractSuite {
  readonly harness: ContractHarness;
  readonly store: EventStore;
  /** This test's own category: its streams are `${category}-<id>`. */
  readonly category: string;
  /** A stream of this test's category. */
  readonly stream: (id: string) => string;
}
