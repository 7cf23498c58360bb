import { EventEmitter } from 'node:events';
import type { Sql } from 'postgres';
import { StoreClosed, SubscriptionDiverged } from '../errors';
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
  alreadyImported,
  assertImportContinues,
  checkImportBatch,
  DEFAULT_MAX_EVENT_BYTES,
  normaliseBatch,
  normaliseParts,
  type NormalisedPart,
} from '../validation';
import { connectPostgres, isConnectionError } from './connection';
import { checkpointEvent, expectEventAt } from '../subscription-check';
import { waitForAppend } from '../event-rows';
import { insertEvents, SELECT_COLUMNS, rowToEvent, type EventRow } from './event-rows';
import { GroupCommitter, type PostgresTransactionHook } from './group-commit';
import {
  ADVISORY_NAMESPACE,
  APPEND_LOCK_KEY,
  APPENDED_CHANNEL,
  EVENT_LOG_COMPONENT,
  eventLogMigrations,
  migratePostgres,
} from './schema';

export interface PostgresEventStoreOptions {
  /** A postgres:// URL; several hosts with `target_session_attrs=read-write` for failover. */
  url: string;
  maxEventBytes?: number;
  pageSize?: number;
  /** Commit the appends that queue while a commit is in flight together (default true). */
  groupCommit?: boolean;
  /** A live subscription also looks for appends this often, should a notification be lost (ms). */
  pollIntervalMs?: number;
  /** How long appends and subscriptions retry through a lost connection (a failover) before failing (ms). */
  reconnectTimeoutMs?: number;
  maxConnections?: number;
  /** How its connections show in pg_stat_activity (default `governance-ledger`). */
  applicationName?: string;
  clock?: () => Date;
}

/** An append waiting for the group commit: one part, or several (appendToStreams), written together. */
interface PendingAppend {
  parts: NormalisedPart[];
  resolve(results: AppendResult[]): void;
  reject(error: unknown): void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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
  private async retrying<T>(work: () => Promise<T>): Promise<T> {
    const deadline = Date.now() + this.options.reconnectTimeoutMs;
    let wait = 50;
    for (;;) {
      try {
        return await work();
      } catch (error) {
        if (!isConnectionError(error) || this.closed || Date.now() + wait > deadline) throw error;
        await sleep(wait);
        wait = Math.min(wait * 2, 1000);
      }
    }
  }

  async importEvents(events: readonly StoredEvent[]): Promise<ImportResult> {
    if (this.closed) throw new StoreClosed();
    const checked = checkImportBatch(events, this.options.maxEventBytes);
    await this.ready;
    while (this.flushing) await this.flushing; // queued appends first, so order stays as acknowledged
    const result = await this.sql.begin(async (tx) => {
      await tx`SELECT pg_advisory_xact_lock(${ADVISORY_NAMESPACE}::int, ${APPEND_LOCK_KEY}::int)`;
      const [last] = await tx<
        { position: number; recorded_at: string }[]
      >`SELECT position, recorded_at FROM events ORDER BY position DESC LIMIT 1`;
      let position = last?.position ?? 0;
      let lastRecorded = last?.recorded_at;
      const heads = new Map<string, { revision: number; hash: string } | null>();
      const written: StoredEvent[] = [];
      let skipped = 0;
      for (const [i, e] of checked.entries()) {
        const [existing] = await tx<{ hash: string }[]>`SELECT hash FROM events WHERE id = ${e.id}`;
        const earlier = existing ?? written.find((w) => w.id === e.id);
        if (alreadyImported(earlier, e, i)) {
          skipped += 1;
          continue;
        }
        if (!heads.has(e.stream)) {
          const [head] = await tx<
            { revision: number; hash: string }[]
          >`SELECT revision, hash FROM events WHERE stream = ${e.stream} ORDER BY revision DESC LIMIT 1`;
          heads.set(e.stream, head ?? null);
        }
        assertImportContinues(e, i, heads.get(e.stream) ?? null, lastRecorded);
        lastRecorded = e.metadata.recordedAt;
        position += 1;
        written.push({ ...e, position });
        heads.set(e.stream, { revision: e.revision, hash: e.hash });
      }
      if (written.length > 0) {
        const reads: unknown[][] = [];
        for (const hook of this.hooks) reads.push(await hook.read(tx));
        await insertEvents(tx, written, APPENDED_CHANNEL);
        for (const [i, hook] of this.hooks.entries())
          for (const write of hook.write(tx, written, reads[i]).queries) await write;
      }
      return { imported: written.length, skipped };
    });
    this.committer.forget();
    if (result.imported > 0) this.appended.emit('appended');
    return result;
  }

  readStream(stream: string, options: ReadStreamOptions = {}): AsyncIterable<StoredEvent> {
    const cuts = normaliseReadCuts(options, this.options.pageSize);
    return this.paged(cuts, options.fromRevision, 'revision', ['stream = $1'], [stream]);
  }

  readAll(options: ReadAllOptions = {}): AsyncIterable<StoredEvent> {
    const cuts = normaliseReadCuts(options, this.options.pageSize);
    const where: string[] = [];
    const params: unknown[] = [];
    if (cuts.streamPrefixes.length > 0) {
      where.push(`(${cuts.streamPrefixes.map((_, i) => `starts_with(stream, $${i + 1})`).join(' OR ')})`);
      params.push(...cuts.streamPrefixes);
    }
    return this.paged(cuts, options.fromPosition, 'position', where, params);
  }

  /** Keyset pagination: never more than one page in memory, and stable while appends go on. */
  private async *paged(
    cuts: ReadCutsNormalised,
    from: number | undefined,
    key: 'position' | 'revision',
    baseWhere: string[],
    baseParams: unknown[],
  ): AsyncGenerator<StoredEvent> {
    const forwards = cuts.direction === 'forwards';
    const where = [...baseWhere];
    const params = [...baseParams];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (cuts.types.length > 0) where.push(`type = ANY(${param([...cuts.types])}::text[])`);
    if (cuts.occurredUntil) where.push(`occurred_at <= ${param(cuts.occurredUntil)}`);
    if (cuts.recordedUntil) where.push(`recorded_at <= ${param(cuts.recordedUntil)}`);
    const cursorAt = params.length + 1;
    const sql = `SELECT ${SELECT_COLUMNS} FROM events WHERE ${[...where, `${key} ${forwards ? '>=' : '<='} $${cursorAt}`].join(' AND ')}
      ORDER BY ${key} ${forwards ? 'ASC' : 'DESC'} LIMIT $${cursorAt + 1}`;
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

  /**
   * Catch-up then live. Live means LISTEN/NOTIFY (every commit notifies), with a poll as a safety
   * net. A lost connection is not the end: the subscription waits for the server to come back
   * (a failover) and resumes after the last event it gave, so the consumer sees each event once.
   *
   * A failover can take back what a reader saw: when the primary dies, a commit still waiting for
   * its synchronous standby becomes visible to the primary's other sessions for a moment, and is
   * not on the standby that takes over. So each page starts at the last event handed over, which
   * must still be there with the same id (one more row, no more round trips); if it is not, the
   * subscription throws SubscriptionDiverged and the consumer starts again from scratch.
   */
  async *subscribe(options: SubscribeOptions): AsyncGenerator<StoredEvent> {
    const { from, filter = {}, signal } = options;
    let after = from === 'start' ? 0 : from === 'end' ? await this.retrying(() => this.head()) : from.after;
    let last = checkpointEvent(from);
    const filtered = Boolean(filter.types?.length || filter.streamPrefix?.length);
    this.listenForAppends();
    let lostSince: number | undefined;
    while (!signal?.aborted && !this.closed) {
      try {
        let caughtUp = true;
        const headBefore = await this.head();
        const check = last?.position === after ? last : undefined;
        if (last && !check) await expectEventAt(this, last); // a filtered subscription moved past it
        let first = true;
        // One page at a time: the consumer's pace sets the reader's (back-pressure).
        for await (const event of this.readAll({
          ...filter,
          fromPosition: check ? after : after + 1,
          limit: this.options.pageSize + (check ? 1 : 0),
        })) {
          if (signal?.aborted) return;
          if (check && first) {
            first = false;
            if (event.position !== check.position || event.id !== check.id)
              throw new SubscriptionDiverged(
                check.position,
                check.id,
                event.position === check.position ? event.id : undefined,
              );
            continue;
          }
          yield event;
          after = event.position;
          last = { position: event.position, id: event.id };
          caughtUp = false;
        }
        if (check && first) throw new SubscriptionDiverged(check.position, check.id, undefined);
        lostSince = undefined;
        if (caughtUp) {
          // Appends are serialised, so every position up to the head read before the page is
          // committed and was in it: for a filtered subscription, the events it filtered out move
          // the checkpoint too. (Unfiltered, the page held every one of them.)
          if (filtered) after = Math.max(after, headBefore);
          await waitForAppend(this.appended, this.options.pollIntervalMs, signal);
        }
      } catch (error) {
        if (!isConnectionError(error) || this.closed) throw error;
        lostSince ??= Date.now();
        if (Date.now() - lostSince > this.options.reconnectTimeoutMs) throw error;
        await sleep(100);
      }
    }
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
