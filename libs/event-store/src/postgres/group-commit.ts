import type { PendingQuery, Row, Sql, TransactionSql } from 'postgres';
import type { StoredEvent } from '../event-store.port';
import {
  planGroup,
  type ExistingEvent,
  type GroupPlan,
  type GroupSnapshot,
  type PlannedAppend,
} from './append-plan';
import { insertEvents } from './event-rows';
import { ADVISORY_NAMESPACE, APPEND_LOCK_KEY, APPENDED_CHANNEL, type PostgresMigration } from './schema';

/**
 * Work another component does inside the append transaction (the Merkle log). The store sends a
 * transaction's statements in flights (pipelined), so a hook gives its read and its writes as
 * queries not yet sent (the client sends a query when it is first awaited or executed), and the
 * store sends them in order. If `write` throws, or a statement fails, the transaction rolls back
 * and every append of the group is rejected; nothing is written.
 */
export type HookQuery = PendingQuery<Row[]>;

export interface PostgresTransactionHook {
  component: string;
  migrations: readonly PostgresMigration[];
  read(tx: TransactionSql): HookQuery;
  /** The writes for these events, and the rows `read` would return once they are committed. */
  write(
    tx: TransactionSql,
    events: readonly StoredEvent[],
    read: readonly unknown[],
  ): { queries: HookQuery[]; next: unknown[] };
  /** Run once when the store opens, under the append lock: take in what was appended while the hook was off. */
  catchUp?(tx: TransactionSql): Promise<void>;
}

/** What this instance knows the database holds, as of its last position: exact while nobody else appends. */
interface Known {
  lastPosition: number;
  lastRecordedAt: string | undefined;
  heads: Map<string, { revision: number; hash: string }>;
  hookReads: unknown[][];
}

const MAX_KNOWN_STREAMS = 10_000;
/** After another writer was found, groups that take the reading path before the fast one is tried again. */
const COOL_DOWN_GROUPS = 32;
const UNIQUE_VIOLATION = '23505';

/**
 * Group commits on PostgreSQL, each one transaction under the append lock.
 *
 * The reading path takes two round trips: BEGIN, the lock and every read sent together (run in
 * order, so each read takes its snapshot with the lock held and sees every commit before it);
 * then the inserts, the hooks' writes, the notification for live subscribers and COMMIT sent
 * together (if a statement fails, the server refuses the rest and turns the COMMIT into a
 * ROLLBACK).
 *
 * The fast path takes one: when every stream of the group is one this instance knows the head of,
 * the group is planned on what it knows, and BEGIN, the lock, the writes and COMMIT go in one
 * flight. What it knows is exact if nobody else has appended since its last position, and the
 * database checks exactly that: the group's first position (last + 1) is free only if the head
 * is still there (positions are dense). Had anyone appended, that insert (or the id, or the
 * (stream, revision) one) breaks a unique key, nothing is written, and the group takes the
 * reading path. A group in which any append would be refused or replayed takes the reading path
 * too, so no refusal is ever decided on what an instance merely remembers.
 */
export class GroupCommitter {
  private known?: Known;
  private coolDown = 0;
  /** Commits by each path, and fast attempts another writer had overtaken: for `info()` and tests. */
  readonly stats = { fast: 0, reading: 0, overtaken: 0 };

  constructor(
    private readonly sql: Sql,
    private readonly hooks: readonly PostgresTransactionHook[],
    private readonly clock: () => Date,
  ) {}

  async commit(group: readonly PlannedAppend[]): Promise<GroupPlan> {
    try {
      const fast = this.coolDown > 0 ? (this.coolDown--, undefined) : this.fastPlan(group);
      if (fast) {
        try {
          await this.transaction(async (tx) => this.writes(tx, fast.plan, fast.hookReads, fast.hookNext));
          this.remember(fast.plan, fast.hookNext);
          this.stats.fast += 1;
          return fast.plan;
        } catch (error) {
          if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
          this.known = undefined; // another writer came first: read what it did
          this.coolDown = COOL_DOWN_GROUPS;
          this.stats.overtaken += 1;
        }
      }
      const plan = await this.readingPath(group);
      this.stats.reading += 1;
      return plan;
    } catch (error) {
      this.known = undefined;
      throw error;
    }
  }

  private fastPlan(group: readonly PlannedAppend[]) {
    const known = this.known;
    if (!known || !group.every((p) => p.parts.every((part) => known.heads.has(part.stream))))
      return undefined;
    const snapshot: GroupSnapshot = {
      lastPosition: known.lastPosition,
      lastRecordedAt: known.lastRecordedAt,
      existing: new Map(),
      heads: known.heads,
    };
    const plan = planGroup(group, snapshot, this.clock().toISOString());
    if (!plan.outcomes.every((o) => o.ok && o.results.every((r) => !r.idempotentReplay))) return undefined;
    return { plan, hookReads: known.hookReads, hookNext: [] as unknown[][] };
  }

  private async readingPath(group: readonly PlannedAppend[]): Promise<GroupPlan> {
    const parts = group.flatMap((p) => p.parts);
    const ids = parts.flatMap((p) => p.batch.map((e) => e.id));
    const streams = [...new Set(parts.map((p) => p.stream))];
    let result: { plan: GroupPlan; hookNext: unknown[][] } | undefined;
    await this.transaction(async (tx) => {
      const [last, existing, heads, ...hookReads] = (await Promise.all([
        tx`SELECT position, recorded_at FROM events ORDER BY position DESC LIMIT 1`.execute(),
        tx`SELECT id, stream, revision, position, type, data, hash FROM events WHERE id = ANY(${ids}::text[])`.execute(),
        tx`SELECT s.stream, h.revision, h.hash FROM unnest(${streams}::text[]) AS s(stream)
          CROSS JOIN LATERAL (SELECT revision, hash FROM events WHERE stream = s.stream ORDER BY revision DESC LIMIT 1) h`.execute(),
        ...this.hooks.map((hook) => hook.read(tx).execute()),
      ])) as unknown as [
        Array<{ position: number; recorded_at: string }>,
        ExistingEvent[],
        Array<{ stream: string; revision: number; hash: string }>,
        ...unknown[][],
      ];
      const snapshot: GroupSnapshot = {
        lastPosition: last[0]?.position ?? 0,
        lastRecordedAt: last[0]?.recorded_at,
        existing: new Map(existing.map((row) => [row.id, row])),
        heads: new Map(heads.map((row) => [row.stream, { revision: row.revision, hash: row.hash }])),
      };
      const plan = planGroup(group, snapshot, this.clock().toISOString());
      // What this instance knew is stale if the head moved under it: forget the other streams.
      if (!this.known || this.known.lastPosition !== snapshot.lastPosition) this.known = undefined;
      this.known ??= {
        lastPosition: snapshot.lastPosition,
        lastRecordedAt: snapshot.lastRecordedAt,
        heads: new Map(),
        hookReads,
      };
      for (const [stream, head] of snapshot.heads) this.knowHead(stream, head);
      this.known.hookReads = hookReads;
      result = { plan, hookNext: [] };
      return this.writes(tx, plan, hookReads, result.hookNext);
    });
    this.remember(result!.plan, result!.hookNext);
    return result!.plan;
  }

  /** The group's writes, not yet sent; fills `hookNext` with what each hook's read will return after them. */
  private writes(
    tx: TransactionSql,
    plan: GroupPlan,
    hookReads: unknown[][],
    hookNext: unknown[][] = [],
  ): HookQuery[] {
    if (plan.rows.length === 0) return [];
    const queries = [insertEvents(tx, plan.rows, APPENDED_CHANNEL)];
    this.hooks.forEach((hook, i) => {
      const { queries: hookQueries, next } = hook.write(tx, plan.rows, hookReads[i]);
      queries.push(...hookQueries);
      hookNext[i] = next;
    });
    return queries;
  }

  /**
   * One transaction on a reserved connection: BEGIN and the lock are sent, then `body` (which may
   * read) returns its writes, which go with COMMIT in one flight.
   */
  private async transaction(body: (tx: TransactionSql) => Promise<HookQuery[]>): Promise<void> {
    const reserved = await this.sql.reserve();
    // Once BEGIN is sent, the reserved connection is a transaction, as the hooks see it.
    const tx = reserved as unknown as TransactionSql;
    let open = false;
    try {
      const begun = [
        tx`BEGIN`.execute(),
        tx`SELECT pg_advisory_xact_lock(${ADVISORY_NAMESPACE}::int, ${APPEND_LOCK_KEY}::int)`.execute(),
      ];
      for (const query of begun) query.catch(() => undefined); // reported below, or by the read that fails after it
      open = true;
      const writes = await body(tx);
      const sent = [...begun, ...writes.map((w) => w.execute()), tx`COMMIT`.execute()];
      open = false; // COMMIT is sent: it commits, or after a failed statement the server rolls back
      const settled = await Promise.allSettled(sent);
      const failed = settled.find((s) => s.status === 'rejected');
      if (failed) throw failed.reason;
    } catch (error) {
      if (open) await tx`ROLLBACK`.catch(() => undefined);
      throw error;
    } finally {
      reserved.release();
    }
  }

  /** After a commit: the new head, the heads of the streams written, and the hooks' next reads. */
  private remember(plan: GroupPlan, hookNext: unknown[][]): void {
    const known = this.known;
    if (!known || plan.rows.length === 0) return;
    const last = plan.rows[plan.rows.length - 1];
    known.lastPosition = last.position;
    known.lastRecordedAt = last.metadata.recordedAt;
    for (const e of plan.rows) this.knowHead(e.stream, { revision: e.revision, hash: e.hash });
    known.hookReads = hookNext;
  }

  /** Another path wrote under the lock (an import): read before the next group. */
  forget(): void {
    this.known = undefined;
  }

  private knowHead(stream: string, head: { revision: number; hash: string }): void {
    const heads = this.known!.heads;
    heads.delete(stream); // most recent last: the first is the one to forget
    heads.set(stream, head);
    if (heads.size > MAX_KNOWN_STREAMS) heads.delete(heads.keys().next().value as string);
  }
}
