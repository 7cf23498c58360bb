import Database from 'better-sqlite3';
import { EventEmitter } from 'node:events';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { StoreClosed } from '../errors';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  ImportResult,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  StoreInfo,
  StoredEvent,
  StreamAppend,
  StreamInfo,
  SubscribeOptions,
} from '../event-store.port';
import { rowToEvent, waitForAppend, type EventRow } from '../event-rows';
import { pageQuery, streamPrefixWhere } from './page-query';
import { normaliseReadCuts, type ReadCutsNormalised } from '../read-options';
import { StreamHeads } from './stream-heads';
import {
  appendOne,
  asStorageFull,
  statementCache,
  GroupHooksRefused,
  lastRecordedAt,
  RefusedAppend,
  type Outcome,
  type PendingAppend,
  type Statements,
  type Written,
} from './sqlite-append';
import { insertImported } from './sqlite-import';
import { PROJECTED_PAGE_SQL, projectedPages, type ProjectedEvent } from './projected-pages';
import { checkpointEvent, expectEventAt } from '../subscription-check';
import {
  checkImportBatch,
  DEFAULT_MAX_EVENT_BYTES,
  normaliseBatch,
  normaliseParts,
  type NormalisedPart,
} from '../validation';
import { eventLogMigrations, migrate } from './migrations';
import { openLedgerFile, type SqliteEventStoreOptions, type TransactionHook } from './sqlite-options';

export class SqliteEventStore implements EventStore {
  readonly kind = 'sqlite' as const;
  readonly db: Database.Database;
  private readonly options: Required<Omit<SqliteEventStoreOptions, 'path' | 'serviceLock'>> &
    Pick<SqliteEventStoreOptions, 'path' | 'serviceLock'>;
  private readonly hooks: TransactionHook[] = [];
  private readonly appended = new EventEmitter();
  private queue: PendingAppend[] = [];
  private flushScheduled = false;
  private closed = false;
  private readonly statements: Statements;
  /** Transactions committed and the appends they carried: how well the group commit groups. */
  readonly commitStats = { commits: 0, appends: 0 };
  /** Stream heads without a query while the file is unchanged (streamInfo). */
  private readonly streamHeads: StreamHeads;

  /** The ledger file, for a reader on another thread; undefined in memory. */
  get file(): string | undefined {
    return this.options.path === ':memory:' ? undefined : resolve(this.options.path);
  }

  /** Refuses once the store is closed: what a reader of its file on another thread cannot see. */
  assertOpen(): void {
    if (this.closed) throw new StoreClosed();
  }

  constructor(options: SqliteEventStoreOptions) {
    this.options = {
      synchronous: 'FULL',
      groupCommit: true,
      maxEventBytes: DEFAULT_MAX_EVENT_BYTES,
      pageSize: 500,
      pollIntervalMs: 250,
      clock: () => new Date(),
      ...options,
    };
    this.db = openLedgerFile(options.path, this.options.synchronous);
    this.statements = statementCache(this.db);
    this.appended.setMaxListeners(0);
    this.streamHeads = new StreamHeads(this.db);
  }

  /** Registers work to run inside every append transaction; its migrations run now. */
  addTransactionHook(hook: TransactionHook): void {
    migrate(this.db, hook.component, hook.migrations, `Ledger database ${this.options.path}`);
    this.hooks.push(hook);
  }

  get schemaVersion(): number {
    return eventLogMigrations.length;
  }

  readonly atomicMultiStreamAppend = true;

  append(stream: string, events: readonly NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    let parts: NormalisedPart[];
    try {
      const batch = normaliseBatch(stream, events, options.expectedRevision, this.options.maxEventBytes);
      parts = [{ stream, batch, expected: options.expectedRevision ?? 'any' }];
    } catch (error) {
      return Promise.reject(error);
    }
    return this.enqueue(parts, options).then((results) => results[0]);
  }

  /** Every part in the same savepoint of the group commit: all are written, or none. */
  appendToStreams(parts: readonly StreamAppend[], options: AppendOptions = {}): Promise<AppendResult[]> {
    let normalised: NormalisedPart[];
    try {
      normalised = normaliseParts(parts, this.options.maxEventBytes);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.enqueue(normalised, options);
  }

  private enqueue(parts: NormalisedPart[], options: AppendOptions): Promise<AppendResult[]> {
    if (this.closed) return Promise.reject(new StoreClosed());
    return new Promise<AppendResult[]>((resolve, reject) => {
      this.queue.push({ parts, idempotency: options.idempotency, resolve, reject });
      if (!this.options.groupCommit) return this.flush();
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /**
   * Commits every queued append in one transaction and one fsync. Each append runs in its own
   * savepoint, so one that fails its expected-revision check is rejected alone.
   */
  private flush(): void {
    this.flushScheduled = false;
    const pending = this.queue;
    this.queue = [];
    if (pending.length === 0) return;
    let outcomes: Outcome[];
    try {
      try {
        outcomes = this.commitGroup(pending, false);
      } catch (error) {
        this.rolledBack();
        if (!(error instanceof GroupHooksRefused)) throw error;
        outcomes = this.commitGroup(pending, true);
      }
    } catch (error) {
      this.rolledBack();
      if (error instanceof RefusedAppend) {
        pending[0].reject(asStorageFull(error.cause));
        return;
      }
      // The commit itself failed (disk full, I/O error): nothing of this group was written.
      for (const p of pending) p.reject(asStorageFull(error));
      return;
    }
    this.commitStats.commits += 1;
    this.commitStats.appends += pending.length;
    const committed: StoredEvent[] = [];
    pending.forEach((p, i) => {
      const outcome = outcomes[i];
      if (outcome.ok) {
        committed.push(...outcome.events);
        p.resolve(outcome.results);
      } else p.reject(outcome.error);
    });
    if (committed.length === 0) return;
    this.streamHeads.committed(committed);
    this.appended.emit('committed', committed);
    this.appended.emit('appended');
  }

  onCommitted(listener: (events: readonly StoredEvent[]) => void): () => void {
    this.appended.on('committed', listener);
    return () => this.appended.off('committed', listener);
  }

  /**
   * One transaction for the whole group. With several appends, each runs in its own savepoint
   * so that one failing its checks is rolled back alone; a single append needs none. It begins
   * IMMEDIATE, taking the write lock first: a deferred transaction reads before it writes, and one
   * that has read cannot wait for another writer on the file (the CLI while the service runs), so
   * it failed at once with SQLITE_BUSY where this one waits its busy_timeout.
   */
  private get commitGroup(): (pending: PendingAppend[], hooksPerAppend: boolean) => Outcome[] {
    if (this.groupTransaction) return this.groupTransaction;
    const transaction = this.db.transaction(
      (pending: PendingAppend[], hooksPerAppend: boolean): Outcome[] => {
        const recordedAt = this.nextRecordedAt();
        if (pending.length === 1) {
          try {
            const outcome = appendOne(this.statements, pending[0], recordedAt);
            this.runHooks(outcome.events);
            return [{ ok: true, ...outcome }];
          } catch (error) {
            // Refused before or during the insert: roll the whole (single) append back.
            throw new RefusedAppend(error);
          }
        }
        const outcomes = pending.map((p): Outcome => {
          try {
            return { ok: true as const, ...this.appendInSavepoint(p, recordedAt, hooksPerAppend) };
          } catch (error) {
            if (hooksPerAppend) this.rolledBack(); // its savepoint, hooks and all
            return { ok: false as const, error };
          }
        });
        if (hooksPerAppend) return outcomes;
        try {
          this.runHooks(outcomes.flatMap((o) => (o.ok ? o.events : [])));
        } catch {
          throw new GroupHooksRefused(); // rolls the group back; flush commits it again, hook by append
        }
        return outcomes;
      },
    );
    this.groupTransaction = (pending, hooksPerAppend) => transaction.immediate(pending, hooksPerAppend);
    return this.groupTransaction;
  }
  private groupTransaction?: (pending: PendingAppend[], hooksPerAppend: boolean) => Outcome[];

  private runHooks(events: readonly StoredEvent[]): void {
    if (events.length === 0) return;
    for (const hook of this.hooks) hook.onAppend(this.db, events);
  }

  /**
   * Tells the hooks that what they wrote since the last commit may be undone. Called while a
   * failure is handled: a hook that throws here must not keep the appends waiting from settling.
   */
  private rolledBack(): void {
    for (const hook of this.hooks) {
      try {
        hook.onRollback?.(this.db);
      } catch {
        // The hook's own state is its to mend; the appends' outcome stands.
      }
    }
  }

  private get appendInSavepoint() {
    this.savepointAppend ??= this.db.transaction((p: PendingAppend, recordedAt: string, hooks: boolean) => {
      const outcome = appendOne(this.statements, p, recordedAt);
      if (hooks) this.runHooks(outcome.events);
      return outcome;
    });
    return this.savepointAppend;
  }
  private savepointAppend?: (p: PendingAppend, recordedAt: string, hooks: boolean) => Written;

  /** recordedAt never goes backwards along position, so "as known at K" is a prefix of the log. */
  private nextRecordedAt(): string {
    const now = this.options.clock().toISOString();
    const last = lastRecordedAt(this.statements);
    return last !== undefined && last > now ? last : now;
  }

  async importEvents(events: readonly StoredEvent[]): Promise<ImportResult> {
    if (this.closed) throw new StoreClosed();
    this.flush(); // queued appends first, so order stays as acknowledged
    const checked = checkImportBatch(events, this.options.maxEventBytes);
    let outcome: ReturnType<typeof insertImported>;
    try {
      // IMMEDIATE, as the group commit: another writer on the file is waited for.
      outcome = this.db
        .transaction(() => {
          const inserted = insertImported(this.statements, checked);
          this.runHooks(inserted.written);
          return inserted;
        })
        .immediate();
    } catch (error) {
      this.rolledBack();
      throw error;
    }
    const { imported, skipped, written } = outcome;
    // Once committed: the heads move, and subscribers wake (an import is not an append of this
    // instance's commands, so the command side's cache finds it by the head check).
    this.streamHeads.committed(written);
    if (written.length > 0) this.appended.emit('appended');
    return { imported, skipped };
  }

  readStream(stream: string, options: ReadStreamOptions = {}): AsyncIterable<StoredEvent> {
    const cuts = normaliseReadCuts(options, this.options.pageSize);
    return this.paged(cuts, options.fromRevision, 'revision', ['stream = ?'], [stream]);
  }

  readAll(options: ReadAllOptions = {}): AsyncIterable<StoredEvent> {
    const cuts = normaliseReadCuts(options, this.options.pageSize);
    return this.paged(cuts, options.fromPosition, 'position', ...streamPrefixWhere(cuts.streamPrefixes));
  }

  /**
   * The log from `fromPosition` on, a page at a time, as a projection reads it: without hashes,
   * actor or source (whose JSON a rebuild would parse for nothing), and with no asynchronous step
   * per event. Keyset pagination, as readAll.
   */
  *readProjectedPages(fromPosition: number, pageSize: number): Generator<ProjectedEvent[]> {
    yield* projectedPages(this.statements(PROJECTED_PAGE_SQL), fromPosition, pageSize, () =>
      this.assertOpen(),
    );
  }

  /** Keyset pagination: never more than one page in memory, and stable while appends go on. */
  private async *paged(
    cuts: ReadCutsNormalised,
    from: number | undefined,
    key: 'position' | 'revision',
    baseWhere: string[],
    baseParams: unknown[],
  ): AsyncGenerator<StoredEvent> {
    const { sql, params, forwards } = pageQuery(cuts, key, baseWhere, baseParams);
    let cursor = from ?? (forwards ? 0 : Number.MAX_SAFE_INTEGER);
    let remaining = cuts.limit;
    while (remaining > 0) {
      if (this.closed) throw new StoreClosed();
      const size = Math.min(cuts.pageSize, remaining);
      const rows = this.statements(sql).all(...params, cursor, size) as EventRow[];
      for (const row of rows) yield rowToEvent(row);
      if (rows.length < size) return;
      remaining -= rows.length;
      cursor = rows[rows.length - 1][key] + (forwards ? 1 : -1);
    }
  }

  async *subscribe(options: SubscribeOptions): AsyncGenerator<StoredEvent> {
    const { from, filter = {}, signal } = options;
    let after = from === 'start' ? 0 : from === 'end' ? await this.head() : from.after;
    const checkpoint = checkpointEvent(from);
    if (checkpoint) await expectEventAt(this, checkpoint);
    while (!signal?.aborted && !this.closed) {
      let caughtUp = true;
      const headBefore = await this.head();
      // One page at a time: the consumer's pace sets the reader's (back-pressure).
      for await (const event of this.readAll({
        ...filter,
        fromPosition: after + 1,
        limit: this.options.pageSize,
      })) {
        if (signal?.aborted) return;
        yield event;
        after = event.position;
        caughtUp = false;
      }
      if (caughtUp) {
        // Events filtered out still move the checkpoint, so a quiet filter does not rescan forever.
        // Only up to the head seen before the read: anything later is read on the next turn.
        after = Math.max(after, headBefore);
        await waitForAppend(this.appended, this.options.pollIntervalMs, signal);
      }
    }
  }

  async streamInfo(stream: string): Promise<StreamInfo> {
    if (this.closed) throw new StoreClosed();
    const head = this.streamHeads.get(stream);
    return {
      stream,
      exists: head !== null,
      revision: head?.revision ?? -1,
      lastHash: head?.hash ?? null,
    };
  }

  async idempotencyFingerprint(key: string): Promise<string | undefined> {
    if (this.closed) throw new StoreClosed();
    return this.statements('SELECT fingerprint FROM idempotency_keys WHERE key = ?').pluck().get(key) as
      string | undefined;
  }

  async head(): Promise<number> {
    if (this.closed) throw new StoreClosed();
    return this.streamHeads.position();
  }

  async info(): Promise<StoreInfo> {
    const counts = this.statements(
      'SELECT count(*) AS events, count(DISTINCT stream) AS streams FROM events',
    ).get() as {
      events: number;
      streams: number;
    };
    const memory = this.options.path === ':memory:';
    return {
      kind: this.kind,
      head: await this.head(),
      eventCount: counts.events,
      streamCount: counts.streams,
      schemaVersion: this.schemaVersion,
      details: {
        path: memory ? ':memory:' : resolve(this.options.path),
        fileBytes: memory ? 0 : statSync(this.options.path).size,
        journalMode: this.db.pragma('journal_mode', { simple: true }),
        synchronous: this.options.synchronous,
        groupCommit: this.options.groupCommit,
        maxEventBytes: this.options.maxEventBytes,
      },
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.flush(); // drain: appends already queued are committed, not dropped
    this.closed = true;
    this.appended.emit('closed');
    this.db.close();
    this.options.serviceLock?.release();
  }
}
