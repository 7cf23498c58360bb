import { EventEmitter } from 'node:events';
import type { Sql } from 'postgres';
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
import { normaliseReadCuts, type ReadCutsNormalised } from '../read-options';
import {
  checkImportBatch,
  DEFAULT_MAX_EVENT_BYTES,
  normaliseBatch,
  normaliseParts,
  type NormalisedPart,
} from '../validation';
import { connectPostgres, retryWhileDisconnected } from './connection';
import { rowToEvent, type EventRow } from './event-rows';
import { GroupCommitter, type PostgresTransactionHook } from './group-commit';
import { pageQuery, type PageScope } from './page-query';
import { importInTransaction } from './postgres-import';
import type { PostgresEventStoreOptions } from './postgres-options';
import {
  ADVISORY_NAMESPACE,
  APPEND_LOCK_KEY,
  APPENDED_CHANNEL,
  EVENT_LOG_COMPONENT,
  eventLogMigrations,
  migratePostgres,
} from './schema';
import { subscribeThroughFailover, type LiveAppends } from './subscription';

export type { PostgresEventStoreOptions } from './postgres-options';

/** An append waiting for the group commit: one part, or several (appendToStreams), written together. */
interface PendingAppend {
  parts: NormalisedPart[];
  resolve(results: AppendResult[]): void;
  reject(error: unknown): void;
}

/**
 * The event-store port on PostgreSQL (15 or later).
 *
 * Every append transaction first takes one transaction-level advisory lock, so appends are
 * serialised across every instance: positions are given densely in commit order, and a reader
 * that has seen position N has seen everything before it. (With a sequence, concurrent
 * transactions commit out of order, and a subscriber resuming "after N" would skip the one that
 * committed late.) The cost of serialising is paid back by group commit: the appends that queue
 * in an instance while its transaction is in flight go in the next one, checked in memory
 * (./append-plan.ts), inserted in one statement, and committed with one WAL flush (and one wait
 * for the synchronous standby), in one round trip while the instance is the only writer and two
 * otherwise (./group-commit.ts).
 */
export class PostgresEventStore implements EventStore {
  readonly kind = 'postgres' as const;
  readonly sql: Sql;
  private readonly options: Required<Omit<PostgresEventStoreOptions, 'url'>> & { url: string };
  private readonly hooks: PostgresTransactionHook[] = [];
  private readonly committer: GroupCommitter;
  private readonly appended = new EventEmitter();
  private queue: PendingAppend[] = [];
  private flushing?: Promise<void>;
  private closed = false;
  private listening?: Promise<unknown>;
  /** What its subscriptions wait on. */
  private readonly live: LiveAppends = {
    appended: this.appended,
    isClosed: () => this.closed,
    listen: () => this.listenForAppends(),
  };
  /** Resolves once the schema is in place; every operation waits for it. */
  ready: Promise<void>;

  constructor(options: PostgresEventStoreOptions) {
    this.options = {
      maxEventBytes: DEFAULT_MAX_EVENT_BYTES,
      pageSize: 500,
      groupCommit: true,
      pollIntervalMs: 1000,
      reconnectTimeoutMs: 60_000,
      maxConnections: 10,
      applicationName: 'governance-ledger',
      clock: () => new Date(),
      ...options,
    };
    this.sql = connectPostgres(options.url, {
      max: this.options.maxConnections,
      connection: { application_name: this.options.applicationName },
    });
    this.committer = new GroupCommitter(this.sql, this.hooks, () => this.options.clock());
    this.ready = this.retrying(() =>
      migratePostgres(this.sql, EVENT_LOG_COMPONENT, eventLogMigrations, 'The ledger database'),
    ).then(() => undefined);
    this.ready.catch(() => undefined); // reported by the first operation that waits for it
    this.appended.setMaxListeners(0);
  }

  /** Registers work to run inside every append transaction; its migrations run first. */
  addTransactionHook(hook: PostgresTransactionHook): void {
    this.hooks.push(hook);
    this.ready = this.ready
      .then(() =>
        this.retrying(() =>
          migratePostgres(this.sql, hook.component, hook.migrations, 'The ledger database'),
        ),
      )
      .then(() =>
        this.retrying(() =>
          this.sql.begin(async (tx) => {
            await tx`SELECT pg_advisory_xact_lock(${ADVISORY_NAMESPACE}::int, ${APPEND_LOCK_KEY}::int)`;
            await hook.catchUp?.(tx);
          }),
        ),
      )
      .then(() => undefined);
    this.ready.catch(() => undefined);
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
    return this.enqueue(parts).then((results) => results[0]);
  }

  /** Every part planned and committed in the same group transaction: all are written, or none. */
  appendToStreams(parts: readonly StreamAppend[], _options: AppendOptions = {}): Promise<AppendResult[]> {
    let normalised: NormalisedPart[];
    try {
      normalised = normaliseParts(parts, this.options.maxEventBytes);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.enqueue(normalised);
  }

  private enqueue(parts: NormalisedPart[]): Promise<AppendResult[]> {
    if (this.closed) return Promise.reject(new StoreClosed());
    return new Promise<AppendResult[]>((resolve, reject) => {
      this.queue.push({ parts, resolve, reject });
      this.flushing ??= this.flushLoop();
    });
  }

  /** One group commit at a time; what queues meanwhile is the next group. */
  private async flushLoop(): Promise<void> {
    try {
      await this.ready.catch(() => undefined);
      while (this.queue.length > 0) {
        const group = this.options.groupCommit ? this.queue : this.queue.slice(0, 1);
        this.queue = this.options.groupCommit ? [] : this.queue.slice(1);
        await this.commitGroup(group);
      }
    } finally {
      this.flushing = undefined;
    }
  }

  private async commitGroup(group: PendingAppend[]): Promise<void> {
    try {
      await this.ready;
      const plan = await this.retrying(() => this.committer.commit(group));
      group.forEach((p, i) => {
        const outcome = plan.outcomes[i];
        if (outcome.ok) p.resolve(outcome.results);
        else p.reject(outcome.error);
      });
      if (plan.rows.length > 0) this.appended.emit('appended');
    } catch (error) {
      // The commit itself failed (and kept failing past the reconnect timeout): nothing of it was acknowledged.
      for (const p of group) p.reject(error);
    }
  }

  /** Runs `work` again while the connection is lost (a failover), up to the reconnect timeout. */
  private retrying<T>(work: () => Promise<T>): Promise<T> {
    return retryWhileDisconnected(work, this.options.reconnectTimeoutMs, () => this.closed);
  }

  async importEvents(events: readonly StoredEvent[]): Promise<ImportResult> {
    if (this.closed) throw new StoreClosed();
    const checked = checkImportBatch(events, this.options.maxEventBytes);
    await this.ready;
    while (this.flushing) await this.flushing; // queued appends first, so order stays as acknowledged
    const result = await importInTransaction(this.sql, this.hooks, checked);
    this.committer.forget();
    if (result.imported > 0) this.appended.emit('appended');
    return result;
  }

  readStream(stream: string, options: ReadStreamOptions = {}): AsyncIterable<StoredEvent> {
    const cuts = normaliseReadCuts(options, this.options.pageSize);
    return this.paged(cuts, options.fromRevision, { stream });
  }

  readAll(options: ReadAllOptions = {}): AsyncIterable<StoredEvent> {
    const cuts = normaliseReadCuts(options, this.options.pageSize);
    return this.paged(cuts, options.fromPosition, { streamPrefixes: cuts.streamPrefixes });
  }

  /** Keyset pagination: never more than one page in memory, and stable while appends go on. */
  private async *paged(
    cuts: ReadCutsNormalised,
    from: number | undefined,
    scope: PageScope,
  ): AsyncGenerator<StoredEvent> {
    const { sql, params, key, forwards } = pageQuery(cuts, scope);
    let cursor = from ?? (forwards ? 0 : Number.MAX_SAFE_INTEGER);
    let remaining = cuts.limit;
    await this.ready;
    while (remaining > 0) {
      if (this.closed) throw new StoreClosed();
      const size = Math.min(cuts.pageSize, remaining);
      const rows = (await this.sql.unsafe(sql, [...params, cursor, size] as never[], {
        prepare: true,
      })) as unknown as EventRow[];
      for (const row of rows) yield rowToEvent(row);
      if (rows.length < size) return;
      remaining -= rows.length;
      cursor = rows[rows.length - 1][key] + (forwards ? 1 : -1);
    }
  }

  /** Catch-up then live, through a failover (./subscription.ts). */
  subscribe(options: SubscribeOptions): AsyncGenerator<StoredEvent> {
    return subscribeThroughFailover(this, options, this.live, this.options);
  }

  /** One LISTEN per store, shared by its subscriptions; the client listens again after a reconnect. */
  private listenForAppends(): void {
    this.listening ??= this.sql
      // On (re)listen too: what was committed while the connection was down is read at once.
      .listen(
        APPENDED_CHANNEL,
        () => this.appended.emit('appended'),
        () => this.appended.emit('appended'),
      )
      .catch(() => undefined); // the poll stands in until a later subscription listens
  }

  async streamInfo(stream: string): Promise<StreamInfo> {
    await this.ready;
    const [head] = await this.sql<
      { revision: number; hash: string }[]
    >`SELECT revision, hash FROM events WHERE stream = ${stream} ORDER BY revision DESC LIMIT 1`;
    return {
      stream,
      exists: head !== undefined,
      revision: head?.revision ?? -1,
      lastHash: head?.hash ?? null,
    };
  }

  async head(): Promise<number> {
    if (this.closed) throw new StoreClosed();
    await this.ready;
    const [row] = await this.sql<
      { position: number }[]
    >`SELECT position FROM events ORDER BY position DESC LIMIT 1`;
    return row?.position ?? 0;
  }

  async info(): Promise<StoreInfo> {
    await this.ready;
    const [counts] = await this.sql<
      { events: number; streams: number; server: string; standbys: string | null }[]
    >`
      SELECT count(*)::int AS events, count(DISTINCT stream)::int AS streams, current_setting('server_version') AS server,
        current_setting('synchronous_standby_names') AS standbys FROM events`;
    // Never the password: the URL without its credentials.
    const location = this.options.url.replace(/\/\/[^@/]*@/, '//');
    return {
      kind: this.kind,
      head: await this.head(),
      eventCount: counts.events,
      streamCount: counts.streams,
      schemaVersion: this.schemaVersion,
      details: {
        url: location,
        serverVersion: counts.server,
        synchronousStandbyNames: counts.standbys,
        groupCommit: this.options.groupCommit,
        commits: { ...this.committer.stats },
        maxEventBytes: this.options.maxEventBytes,
      },
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    while (this.flushing) await this.flushing; // drain: appends already queued are committed, not dropped
    this.closed = true;
    this.appended.emit('closed');
    await this.sql.end({ timeout: 5 });
  }
}
