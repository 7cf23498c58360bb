import type { EventStore, ProjectedEvent, SqliteEventStore } from '@ledger/event-store';
import { RebuiltRows, type AggregateCache, type Entry } from './aggregate-cache';
import type { ReadModelDb } from './read-model/read-model.db';
import { indexesBuiltAfterARebuild, PROJECTION_VERSION, SET_META } from './read-model/read-model.schema';
import { RebuildVersions } from './read-model/rebuild-versions';
import { connectionWrites, type Writes } from './read-model/writes';
import { WriterThread } from './rebuild/writer-thread';

/** How many pages of a rebuild one commit takes (see rebuildPages). */
const PAGES_PER_COMMIT = 50;

/** A store that serves a rebuild whole pages of the log (the SQLite store does). */
type PagedStore = EventStore & Partial<Pick<SqliteEventStore, 'readProjectedPages' | 'file' | 'assertOpen'>>;

/** What a rebuild drives in the projector: its read models, its aggregates, and where its writes go. */
export interface RebuildHost {
  readonly rm: ReadModelDb;
  readonly store: EventStore;
  readonly aggregates: AggregateCache;
  /** Where writes go: the writer thread during a rebuild from scratch into a file, else the connection. */
  out: Writes;
  /** Register versions of a rebuild from scratch: written as they come, found by rowid while the keys are down (register-versions.ts). */
  rebuiltVersions?: RebuildVersions;
  /** Set when a rebuild applies an event that changes how proposals are judged. */
  reshapedInRebuild: boolean;
  /** How the last rebuild from scratch into a file shared its work with its writer thread. */
  lastRebuild?: WriterThread['stats'];
  /** Folds a page with its writes deferred to the end of the rebuild. */
  applyDeferred(page: readonly ProjectedEvent[]): Promise<void>;
  write(stream: string, entry: Entry): void;
  writeEvicted(): void;
}

/**
 * A rebuild of the read models from the log, page by page, into one long transaction: the
 * aggregates' rows are written once at the end (the deferred write strategy of projector.ts), the
 * checkpoint moves only then, and from scratch into a file the SQLite work runs on a writer thread.
 */
export class ProjectorRebuild {
  constructor(private readonly host: RebuildHost) {}

  /** Writes every deferred aggregate, and moves the checkpoint to `position`. */
  private flushDeferred(position: number, rerender: ReadonlyArray<[string, Entry]> = []): void {
    const out = this.host.out;
    this.host.writeEvicted();
    this.host.rebuiltVersions = undefined;
    // In key order: rows go in one after another, not at random places in the tables.
    for (const stream of [...this.host.aggregates.deferred.keys()].sort())
      this.host.write(stream, this.host.aggregates.deferred.get(stream)!);
    for (const [stream, entry] of rerender) this.host.write(stream, entry);
    this.host.aggregates.deferred.clear();
    out.run(SET_META, ['checkpoint', position]);
  }

  /** The log from `fromPosition` on, in pages: as the store serves them, or grouped from readAll. */
  private async *pages(fromPosition: number, pageSize: number): AsyncGenerator<readonly ProjectedEvent[]> {
    const store = this.host.store as PagedStore;
    if (store.readProjectedPages) {
      yield* store.readProjectedPages(fromPosition, pageSize);
      return;
    }
    let page: ProjectedEvent[] = [];
    for await (const event of this.host.store.readAll({ fromPosition, pageSize })) {
      page.push(event);
      if (page.length === pageSize) {
        yield page;
        page = [];
      }
    }
    if (page.length > 0) yield page;
  }

  /** Builds a fresh generation from the whole log, page by page; returns the events applied. */
  async run(onProgress?: (position: number) => void, pageSize = 2000): Promise<number> {
    this.host.rm.setMeta('projection_version', PROJECTION_VERSION);
    const fromScratch = this.host.rm.checkpoint === 0;
    // Nothing reads this generation yet, so it needs no WAL meanwhile: with a rollback journal,
    // pages appended to the file are written once, not to the WAL and then again to the file.
    const db = this.host.rm.db;
    const wal = db.pragma('journal_mode', { simple: true }) === 'wal';
    if (wal) db.pragma('journal_mode = TRUNCATE');
    let thread: WriterThread | undefined;
    let count: number;
    let cleanUpError: unknown;
    try {
      // From scratch into a file, SQLite reads and writes on the other core (rebuild/writer-thread.ts)
      // while this thread folds; the rows and the order of the writes are the same either way.
      if (fromScratch && this.host.rm.path !== ':memory:')
        thread = new WriterThread(this.host.rm.path, [
          'journal_mode = TRUNCATE',
          'synchronous = OFF',
          'busy_timeout = 5000',
          // 32 MiB: as fast as 64 MiB within the noise of a shared machine, and the sorter that
          // builds the indexes at the end takes as much again.
          'cache_size = -32768',
        ]);
      if (thread) this.host.out = thread;
      if (fromScratch) this.host.aggregates.rebuilt = new RebuiltRows();
      count = await this.rebuildPages(fromScratch, thread, pageSize, onProgress);
    } finally {
      this.host.rebuiltVersions = undefined;
      this.host.aggregates.rebuilt = undefined;
      this.host.out = connectionWrites(this.host.rm);
      // Every step runs, and none hides why a rebuild failed (that error goes on out of the finally).
      const steps = [
        () => thread?.close(),
        () => db.inTransaction && db.exec('ROLLBACK'),
        () => wal && db.pragma('journal_mode = WAL'),
      ];
      for (const step of steps)
        await Promise.resolve()
          .then(step)
          .catch((error: unknown) => (cleanUpError ??= error));
      if (thread) this.host.lastRebuild = thread.stats;
    }
    // The rebuild itself succeeded: a step that failed to clean up is the error.
    if (cleanUpError !== undefined)
      throw cleanUpError instanceof Error
        ? cleanUpError
        : new Error('The rebuild could not clean up after itself', { cause: cleanUpError });
    return count;
  }

  /**
   * The pages of a rebuild, into one long transaction committed every so many pages: a commit
   * writes every page of the file it changed, and the same pages (the tails of tables and
   * indexes) would otherwise be written again at every page of events.
   */
  private async rebuildPages(
    fromScratch: boolean,
    thread: WriterThread | undefined,
    pageSize: number,
    onProgress?: (position: number) => void,
  ): Promise<number> {
    const out = this.host.out;
    let count = 0;
    let last = this.host.rm.checkpoint;
    // Read from the file before the writes begin (the writer thread drops them).
    const deferredIndexes = fromScratch ? indexesBuiltAfterARebuild(this.host.rm.db) : [];
    out.exec('BEGIN');
    if (fromScratch) {
      this.host.rebuiltVersions = new RebuildVersions(out);
      for (const index of deferredIndexes) out.exec(`DROP INDEX IF EXISTS ${index.name}`);
    }
    let pagesApplied = 0;
    // A ledger file is read on the writer thread's core too.
    const file = (this.host.store as PagedStore).file;
    const pages =
      thread && file
        ? thread.readPages(file, this.host.rm.checkpoint + 1, pageSize)
        : this.pages(this.host.rm.checkpoint + 1, pageSize);
    for await (const page of pages) {
      // Pages read on the other thread go on after the store closes: the rebuild stops as it would reading them here.
      (this.host.store as PagedStore).assertOpen?.();
      await this.host.applyDeferred(page);
      count += page.length;
      last = page[page.length - 1].position;
      onProgress?.(last);
      if (++pagesApplied % PAGES_PER_COMMIT === 0) out.exec('COMMIT; BEGIN');
      await thread?.drained();
      // Pages read ahead come as resolved promises: without a turn of the event loop a Ctrl-C
      // (a signal, a macrotask) would wait for the whole rebuild. One turn per page costs nothing.
      await new Promise<void>((turn) => setImmediate(turn));
    }
    let rerender: Array<[string, Entry]> = [];
    if (this.host.reshapedInRebuild) {
      // Proposals written before a successor or a change of members, during this rebuild or an
      // earlier part of it, are rendered again with the final states: read from the proposals
      // written so far, once they are committed.
      out.exec('COMMIT');
      await thread?.settled();
      rerender = (await this.host.aggregates.openProposals()).filter(
        ([stream]) => !this.host.aggregates.deferred.has(stream),
      );
      out.exec('BEGIN');
    }
    this.host.reshapedInRebuild = false;
    // The entity index and the indexes left until the end (BUILT_AFTER_A_REBUILD) can be made:
    // the writer thread builds them while this thread renders what was deferred.
    out.writeEntityIndex();
    for (const index of deferredIndexes) out.exec(index.sql);
    await thread?.drained();
    this.flushDeferred(last, rerender);
    out.exec('COMMIT');
    await thread?.settled();
    return count;
  }
}
