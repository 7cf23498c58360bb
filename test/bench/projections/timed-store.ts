/** The store as the measured rebuild sees it, with the time spent reading the log counted. */
import { performance } from 'node:perf_hooks';
import type { ProjectedEvent, ReadAllOptions, SqliteEventStore, StoredEvent } from '@ledger/event-store';

/** Where the rebuild's time goes, as its writer thread reports it (and around the store, if the main thread reads). */
export interface Split {
  /** Inside the store's readAll or readProjectedPages iterator, when the main thread reads the log itself. */
  readSeconds: number;
  /** The writer thread's time reading pages of the ledger and executing SQLite writes (rebuild/writer-thread.ts), on the other core. */
  writerBusySeconds: number;
  /** The main thread's time waiting for the writer thread to catch up, or to finish at the end. */
  waitedSeconds: number;
  /** The main thread's time waiting for the next page from the writer thread. */
  pagesWaitedSeconds: number;
}

/** The store, with the time spent inside its readers' iterators counted. */
export function timedStore(store: SqliteEventStore, split: Split): SqliteEventStore {
  async function* timed(events: AsyncIterable<StoredEvent>): AsyncGenerator<StoredEvent> {
    const iterator = events[Symbol.asyncIterator]();
    for (;;) {
      const t0 = performance.now();
      const next = await iterator.next();
      split.readSeconds += (performance.now() - t0) / 1000;
      if (next.done) return;
      yield next.value;
    }
  }
  function* timedPages(pages: Iterator<ProjectedEvent[]>): Generator<ProjectedEvent[]> {
    for (;;) {
      const t0 = performance.now();
      const next = pages.next();
      split.readSeconds += (performance.now() - t0) / 1000;
      if (next.done) return;
      yield next.value;
    }
  }
  return new Proxy(store, {
    get(target, property) {
      if (property === 'readAll') return (options: ReadAllOptions) => timed(target.readAll(options));
      if (property === 'readProjectedPages')
        return (from: number, size: number) => timedPages(target.readProjectedPages(from, size));
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
