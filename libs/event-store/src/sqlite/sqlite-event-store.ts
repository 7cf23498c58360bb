import Database from 'better-sqlite3';
import { EventEmitter } from 'node:events';
import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
  IdempotencyKeyReused,
  InvalidInput,
  StorageFull,
  StoreClosed,
  WrongExpectedRevision,
} from '../errors';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  ExpectedRevision,
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
import {
  EVENT_COLUMNS,
  idempotentReplay,
  rowToEvent,
  waitForAppend,
  type EventRow,
  type StoredIdRow,
} from '../event-rows';
import { chainBatch } from '../hashing';
import { normaliseReadCuts, type ReadCutsNormalised } from '../read-options';
import { HEAD_SQL, StreamHeads } from './stream-heads';
import { checkpointEvent, expectEventAt } from '../subscription-check';
import {
  assertImportContinues,
  categoryOf,
  checkImportBatch,
  DEFAULT_MAX_EVENT_BYTES,
  normaliseBatch,
  normaliseParts,
  type NormalisedPart,
} from '../validation';
import {
  EVENT_LOG_COMPONENT,
  eventLogMigrations,
  IDEMPOTENCY_COMPONENT,
  idempotencyMigrations,
  migrate,
  type Migration,
} from './migrations';

export type SqliteSynchronous = 'FULL' | 'NORMAL' | 'OFF';

/**
 * Work another component does inside the append transaction: the Merkle log and the inline
 * read models. It runs once per transaction, with the events of every append the group commit
 * gathered (in position order), so a hook hashes and writes a whole group at once. If it throws,
 * the group is rolled back and committed again with the hooks run per append, each in its
 * append's savepoint: the append it refuses is rejected alone, and nothing of it is written.
 */
export interface TransactionHook {
  component: string;
  migrations: readonly Migration[];
  onAppend(db: Database.Database, events: readonly StoredEvent[]): void;
}

export interface SqliteEventStoreOptions {
  /** A file path, or ':memory:'. The folder is created. */
  path: string;
  /** FULL (default) survives power loss; NORMAL may lose the last commits on power loss, never corrupts. */
  synchronous?: SqliteSynchronous;
  /** Commit appends arriving within one event-loop turn in one transaction (default true). */
  groupCommit?: boolean;
  maxEventBytes?: number;
  pageSize?: number;
  /** How often a live subscription looks for appends made by another process (ms). */
  pollIntervalMs?: number;
  clock?: () => Date;
}

/** An append waiting for the group commit: one part, or several (appendToStreams), written together. */
interface PendingAppend {
  parts: NormalisedPart[];
  idempotency?: AppendOptions['idempotency'];
  resolve(results: AppendResult[]): void;
  reject(error: unknown): void;
}

type Written = { results: AppendResult[]; events: StoredEvent[] };
type Outcome = ({ ok: true } & Written) | { ok: false; error: unknown };

/** A hook refused a group's events: the group is rolled back, to be committed hook by append. */
class GroupHooksRefused extends Error {}

/** A lone append refused inside its transaction: rolled back, and rejected with its own error. */
class RefusedAppend extends Error {
  constructor(override readonly cause: unknown) {
    super('append refused');
  }
}

/** An event as a projection reads it: a rebuild reads the whole log, and needs no more. */
export type ProjectedEvent = Pick<
  StoredEvent,
  'id' | 'stream' | 'revision' | 'position' | 'type' | 'schemaVersion' | 'data'
> & {
  metadata: Pick<StoredEvent['metadata'], 'occurredAt' | 'recordedAt'>;
};

/**
 * A page of the log as a rebuild reads it: raw rows, in these columns. A rebuild's writer thread
 * may read pages itself with this very statement, and hand them over as rows (data parsed).
 */
export const PROJECTED_PAGE_SQL =
  'SELECT position, id, stream, revision, type, schema_version, data, occurred_at, recorded_at FROM events WHERE position >= ? ORDER BY position LIMIT ?';
/**
 * The same page as one JSON text of those rows (data inline), made by SQLite as UTF-8 bytes:
 * [rows, last position, bytes (null for no rows)]. A rebuild's writer thread reads pages so and
 * hands them over without a copy (the text is what JSON.stringify of the rows would give, up to
 * how strings are escaped).
 */
export const PROJECTED_PAGE_JSON_SQL = `SELECT count(*), max(position), CAST('[' || group_concat(row, ',') || ']' AS BLOB) FROM (
  SELECT position, format('[%d,%s,%s,%d,%s,%d,%s,%s,%s]', position, json_quote(id), json_quote(stream), revision, json_quote(type), schema_version, data, json_quote(occurred_at), json_quote(recorded_at)) AS row
  FROM events WHERE position >= ? ORDER BY position LIMIT ?)`;
export type ProjectedRow<Data = string> = [
  number,
  string,
  string,
  number,
  string,
  number,
  Data,
  string,
  string,
];

/** A row of PROJECTED_PAGE_SQL as an event, its data parsed. */
export const projectedEvent = ([
  position,
  id,
  stream,
  revision,
  type,
  schemaVersion,
  data,
  occurredAt,
  recordedAt,
]: ProjectedRow<unknown>): ProjectedEvent => ({
  id,
  stream,
  revision,
  position,
  type,
  schemaVersion,
  data: data,
  metadata: { occurredAt, recordedAt },
});

/** SQLite's "database or disk is full" (SQLITE_FULL) as the port's StorageFull; any other error as it is. */
function asStorageFull(error: unknown): unknown {
  const code = (error as { code?: string })?.code;
  return code === 'SQLITE_FULL' ? new StorageFull((error as Error).message) : error;
}

/** `expected` against the stream's `actual` revision (-1: no stream). */
function revisionMatches(expected: ExpectedRevision, actual: number): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return actual === -1;
  if (expected === 'stream_exists') return actual >= 0;
  return expected === actual;
}

export class SqliteEventStore implements EventStore {
  readonly kind = 'sqlite' as const;
  readonly db: Database.Database;
  private readonly options: Required<Omit<SqliteEventStoreOptions, 'path'>> & { path: string };
  private readonly hooks: TransactionHook[] = [];
  private readonly appended = new EventEmitter();
  private queue: PendingAppend[] = [];
  private flushScheduled = false;
  private closed = false;
  private readonly statements: Map<string, Database.Statement> = new Map();
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
    const memory = options.path === ':memory:';
    if (!memory) mkdirSync(dirname(resolve(options.path)), { recursive: true });
    this.db = new Database(options.path);
    try {
      if (!memory) this.db.pragma('journal_mode = WAL');
      this.db.pragma(`synchronous = ${this.options.synchronous}`);
      this.db.pragma('busy_timeout = 5000');
      migrate(this.db, EVENT_LOG_COMPONENT, eventLogMigrations, `Ledger database ${options.path}`);
      migrate(this.db, IDEMPOTENCY_COMPONENT, idempotencyMigrations, `Ledger database ${options.path}`);
    } catch (error) {
      this.db.close();
      throw error;
    }
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

  private statement(sql: string): Database.Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
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
        if (!(error instanceof GroupHooksRefused)) throw error;
        outcomes = this.commitGroup(pending, true);
      }
    } catch (error) {
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
   * so that one failing its checks is rolled back alone; a single append needs none.
   */
  private get commitGroup(): (pending: PendingAppend[], hooksPerAppend: boolean) => Outcome[] {
    this.groupTransaction ??= this.db.transaction(
      (pending: PendingAppend[], hooksPerAppend: boolean): Outcome[] => {
        const recordedAt = this.nextRecordedAt();
        if (pending.length === 1) {
          try {
            const outcome = this.appendOne(pending[0], recordedAt);
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
    return this.groupTransaction;
  }
  private groupTransaction?: (pending: PendingAppend[], hooksPerAppend: boolean) => Outcome[];

  private runHooks(events: readonly StoredEvent[]): void {
    if (events.length === 0) return;
    for (const hook of this.hooks) hook.onAppend(this.db, events);
  }

  private get appendInSavepoint() {
    this.savepointAppend ??= this.db.transaction((p: PendingAppend, recordedAt: string, hooks: boolean) => {
      const outcome = this.appendOne(p, recordedAt);
      if (hooks) this.runHooks(outcome.events);
      return outcome;
    });
    return this.savepointAppend;
  }
  private savepointAppend?: (p: PendingAppend, recordedAt: string, hooks: boolean) => Written;

  /** recordedAt never goes backwards along position, so "as known at K" is a prefix of the log. */
  private nextRecordedAt(): string {
    const now = this.options.clock().toISOString();
    const last = this.statement('SELECT recorded_at FROM events ORDER BY position DESC LIMIT 1').get() as
      { recorded_at: string } | undefined;
    return last && last.recorded_at > now ? last.recorded_at : now;
  }

  /** One pending append, every part in turn; a part that fails throws, and its caller rolls all back. */
  private appendOne(p: PendingAppend, recordedAt: string): Written {
    if (p.idempotency) {
      const first = this.statement('SELECT fingerprint FROM idempotency_keys WHERE key = ?')
        .pluck()
        .get(p.idempotency.key) as string | undefined;
      if (first !== undefined && first !== p.idempotency.fingerprint)
        throw new IdempotencyKeyReused(p.idempotency.key);
    }
    const written = p.parts.map((part) => this.appendPart(part, recordedAt));
    const events = written.flatMap((w) => w.events);
    if (p.idempotency && events.length > 0) {
      const last = written[written.length - 1].result;
      this.statement(
        'INSERT INTO idempotency_keys (key, fingerprint, stream, position) VALUES (?, ?, ?, ?)',
      ).run(p.idempotency.key, p.idempotency.fingerprint, last.stream, last.position);
    }
    return { results: written.map((w) => w.result), events };
  }

  private appendPart(p: NormalisedPart, recordedAt: string): { result: AppendResult; events: StoredEvent[] } {
    const replay = this.idempotentReplay(p);
    if (replay) return { result: replay, events: [] };
    const head = this.statement(HEAD_SQL).get(p.stream) as { revision: number; hash: string } | undefined;
    const actual = head ? head.revision : -1;
    if (!revisionMatches(p.expected, actual)) throw new WrongExpectedRevision(p.stream, p.expected, actual);
    const insert = this.statement(
      `INSERT INTO events (id, stream, category, revision, type, schema_version, data, occurred_at, recorded_at,
         actor, correlation_id, causation_id, source, prev_hash, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const category = categoryOf(p.stream);
    const stored = chainBatch(p.stream, p.batch, head ?? null, recordedAt).map((event, i) => {
      const e = p.batch[i];
      const info = insert.run(
        e.id,
        p.stream,
        category,
        event.revision,
        e.type,
        e.schemaVersion,
        e.json,
        e.occurredAt,
        recordedAt,
        e.actor,
        e.correlationId,
        e.causationId,
        JSON.stringify(e.source),
        event.prevHash,
        event.hash,
      );
      event.position = Number(info.lastInsertRowid);
      return event;
    });
    const last = stored[stored.length - 1];
    return {
      result: {
        stream: p.stream,
        nextExpectedRevision: last.revision,
        position: last.position,
        events: stored.map(({ id, revision, position, hash }) => ({ id, revision, position, hash })),
        idempotentReplay: false,
      },
      events: stored,
    };
  }

  /** A batch whose ids are all stored already, with the same content, returns the original result. */
  private idempotentReplay(p: NormalisedPart): AppendResult | null {
    const byId = this.statement(
      'SELECT position, id, stream, revision, type, data, hash FROM events WHERE id = ?',
    );
    const found = p.batch.map((e) => byId.get(e.id) as StoredIdRow | undefined);
    const head = () =>
      (
        this.statement('SELECT max(revision) AS revision FROM events WHERE stream = ?').get(p.stream) as {
          revision: number;
        }
      ).revision;
    return idempotentReplay(p, found, head);
  }

  async importEvents(events: readonly StoredEvent[]): Promise<ImportResult> {
    if (this.closed) throw new StoreClosed();
    this.flush(); // queued appends first, so order stays as acknowledged
    const checked = checkImportBatch(events, this.options.maxEventBytes);
    const written: StoredEvent[] = [];
    const result = this.db.transaction(() => {
      let imported = 0;
      let skipped = 0;
      let lastRecorded = (
        this.statement('SELECT recorded_at FROM events ORDER BY position DESC LIMIT 1').get() as
          { recorded_at: string } | undefined
      )?.recorded_at;
      const insert = this.statement(
        `INSERT INTO events (id, stream, category, revision, type, schema_version, data, occurred_at, recorded_at,
           actor, correlation_id, causation_id, source, prev_hash, hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      checked.forEach((e, i) => {
        const existing = this.statement('SELECT hash FROM events WHERE id = ?').get(e.id) as
          { hash: string } | undefined;
        if (existing) {
          if (existing.hash !== e.hash) {
            throw new InvalidInput(
              'duplicate-event-id',
              `events[${i}].id`,
              `Event ${e.id} is already stored with another hash`,
            );
          }
          skipped += 1;
          return;
        }
        const head = this.statement(HEAD_SQL).get(e.stream) as { revision: number; hash: string } | undefined;
        assertImportContinues(e, i, head ?? null, lastRecorded);
        lastRecorded = e.metadata.recordedAt;
        const m = e.metadata;
        const info = insert.run(
          e.id,
          e.stream,
          categoryOf(e.stream),
          e.revision,
          e.type,
          e.schemaVersion,
          JSON.stringify(e.data),
          m.occurredAt,
          m.recordedAt,
          m.actor,
          m.correlationId,
          m.causationId,
          JSON.stringify(m.source),
          e.prevHash,
          e.hash,
        );
        written.push({ ...e, position: Number(info.lastInsertRowid) });
        imported += 1;
      });
      this.runHooks(written);
      return { imported, skipped };
    })();
    // Once committed: the heads move, and subscribers wake (an import is not an append of this
    // instance's commands, so the command side's cache finds it by the head check).
    this.streamHeads.committed(written);
    if (written.length > 0) this.appended.emit('appended');
    return result;
  }

  readStream(stream: string, options: ReadStreamOptions = {}): AsyncIterable<StoredEvent> {
    const cuts = normaliseReadCuts(options, this.options.pageSize);
    return this.paged(cuts, options.fromRevision, 'revision', ['stream = ?'], [stream]);
  }

  readAll(options: ReadAllOptions = {}): AsyncIterable<StoredEvent> {
    const cuts = normaliseReadCuts(options, this.options.pageSize);
    const where: string[] = [];
    const params: unknown[] = [];
    const prefixes = cuts.streamPrefixes;
    if (prefixes.length > 0) {
      where.push(`(${prefixes.map(() => 'substr(stream, 1, ?) = ?').join(' OR ')})`);
      for (const prefix of prefixes) params.push(prefix.length, prefix);
    }
    return this.paged(cuts, options.fromPosition, 'position', where, params);
  }

  /**
   * The log from `fromPosition` on, a page at a time, as a projection reads it: without hashes,
   * actor or source (whose JSON a rebuild would parse for nothing), and with no asynchronous step
   * per event. Keyset pagination, as readAll.
   */
  *readProjectedPages(fromPosition: number, pageSize: number): Generator<ProjectedEvent[]> {
    // Rows as arrays (raw): cheaper to make than objects, and turned into events at once anyway.
    const select = this.statement(PROJECTED_PAGE_SQL).raw(true);
    let cursor = fromPosition;
    for (;;) {
      if (this.closed) throw new StoreClosed();
      // The data column arrives as JSON text and is parsed in place.
      const rows = select.all(cursor, pageSize) as ProjectedRow<unknown>[];
      if (rows.length === 0) return;
      yield rows.map((row) => {
        row[6] = JSON.parse(row[6] as string) as unknown;
        return projectedEvent(row);
      });
      if (rows.length < pageSize) return;
      cursor = rows[rows.length - 1][0] + 1;
    }
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
    if (cuts.types.length > 0) {
      where.push(`type IN (${cuts.types.map(() => '?').join(', ')})`);
      params.push(...cuts.types);
    }
    if (cuts.occurredUntil) {
      where.push('occurred_at <= ?');
      params.push(cuts.occurredUntil);
    }
    if (cuts.recordedUntil) {
      where.push('recorded_at <= ?');
      params.push(cuts.recordedUntil);
    }
    const cursorOp = forwards ? '>=' : '<=';
    const sql = `SELECT ${EVENT_COLUMNS} FROM events WHERE ${[...where, `${key} ${cursorOp} ?`].join(' AND ')}
      ORDER BY ${key} ${forwards ? 'ASC' : 'DESC'} LIMIT ?`;
    let cursor = from ?? (forwards ? 0 : Number.MAX_SAFE_INTEGER);
    let remaining = cuts.limit;
    while (remaining > 0) {
      if (this.closed) throw new StoreClosed();
      const size = Math.min(cuts.pageSize, remaining);
      const rows = this.statement(sql).all(...params, cursor, size) as EventRow[];
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
    return this.statement('SELECT fingerprint FROM idempotency_keys WHERE key = ?').pluck().get(key) as
      string | undefined;
  }

  async head(): Promise<number> {
    if (this.closed) throw new StoreClosed();
    return this.streamHeads.position();
  }

  async info(): Promise<StoreInfo> {
    const counts = this.statement(
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
  }
}
