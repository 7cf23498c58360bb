import {
  fold,
  type AggregateKind,
  type AggregateStates,
  type Recorded,
  type References,
} from '@ledger/domain';
import { categoryOf, type EventStore, type StoredEvent } from '@ledger/event-store';
import { readFolder, recordedForReads } from './entry-dates';
import type { ReadModelDb } from './read-model/read-model.db';

/** An aggregate as the projector holds it: its state, where it is in the log, and its snapshot bookkeeping. */
export interface Entry {
  kind: AggregateKind;
  id: string;
  revision: number;
  /** The global position of the aggregate's last event. */
  position: number;
  firstRecordedAt: string;
  /** `occurredAt` of its last event, and the latest `recordedAt` of its events: for snapshots. */
  lastOccurredAt: string;
  recordedThrough: string;
  /** The revision and size of its last dated snapshot: -1 and 0 for none. */
  snapshotRevision: number;
  snapshotBytes: number;
  state: AggregateStates[AggregateKind];
}

/** An rm_aggregates row as read back: its state is undefined unless its kind's states are saved. */
export type StoredEntry = Omit<Entry, 'state'> & { state: Entry['state'] | undefined };

/**
 * The kinds whose states a render looks up (a proposal's status reads its bodies and alliances):
 * their states are saved in rm_aggregates. Any other aggregate is folded again from the store
 * when an event finds it out of the cache: saving every state would double what a rebuild writes.
 */
export const SAVED_STATES: ReadonlySet<AggregateKind> = new Set<AggregateKind>(['body', 'alliance']);

/**
 * What a rebuild from scratch has written to rm_aggregates, for `stored` and `restored` to read
 * back: its writes may not be readable yet (they may be on the writer thread). Only what the log
 * cannot tell again is held, so that it does not grow with every aggregate of the ledger: the
 * rows of the kinds whose states are saved (a few bodies and alliances), and of the other kinds
 * the snapshot bookkeeping of those that have any. The rest of such a row (revision, position,
 * dates, state) is what the stream's events folded so far give: they are read again from the
 * store when the aggregate comes back, as they were to fold its state anyway.
 */
export class RebuiltRows {
  /** Rows of the kinds whose states are saved. */
  readonly saved = new Map<string, StoredEntry>();
  /** [snapshotRevision, snapshotBytes] of the other rows, when not [-1, 0]. */
  readonly snapshots = new Map<string, [number, number]>();
  /** The position of the last event folded: the stream's events up to it are what was written. */
  through = 0;
}

/**
 * How many states the cache holds during a rebuild from scratch, at most. Its live states are
 * what the heap's next limit is reckoned from (V8 lets the old generation grow to a few times
 * what it last found alive), and every event replaces its aggregate's state, so the old ones
 * pile up until then: 10,000 states (some 3.5 KiB each) kept a 1M-event rebuild's heap at 440
 * MiB, 3,000 at 350 MiB, as fast (the others come back folded again from the store).
 */
const REBUILT_CACHE_LIMIT = 3_000;

/**
 * The projector's aggregates in memory: a least-recently-used cache of states, those pushed out
 * before they were written, those changed by the page being applied or deferred by a rebuild, and
 * the saved states read for references. What is not held is read from rm_aggregates, or folded
 * again from the store when its kind's states are not saved.
 */
export class AggregateCache {
  /** States of aggregates seen in this run; rm_aggregates holds them between runs. */
  private readonly cache = new Map<string, Entry>();

  /** During a rebuild from scratch: what it has written to rm_aggregates (RebuiltRows). */
  rebuilt?: RebuiltRows;

  constructor(
    private readonly rm: ReadModelDb,
    private readonly store: EventStore,
    private readonly cacheLimit: number,
  ) {}

  /** How many states the cache may hold now. */
  private get limit(): number {
    return this.rebuilt ? Math.min(this.cacheLimit, REBUILT_CACHE_LIMIT) : this.cacheLimit;
  }

  /** How many aggregates the cache holds (the benchmark reports it). */
  get size(): number {
    return this.cache.size;
  }

  has(stream: string): boolean {
    return this.cache.has(stream);
  }

  /** An aggregate held (cached, or evicted and not yet written) or saved, for a render's references. */
  held(stream: string): Entry | undefined {
    return this.cache.get(stream) ?? this.evicted.get(stream) ?? this.reference(stream);
  }

  /** An aggregate held in memory, made the most recently used: most events find theirs so, without awaiting. */
  inMemory(stream: string): Entry | undefined {
    const cached = this.cache.get(stream) ?? this.evicted.get(stream) ?? this.referenced.get(stream);
    if (cached) {
      this.referenced.delete(stream);
      this.touch(stream, cached);
    }
    return cached;
  }

  /** An aggregate out of memory, before its event at `revision`: restored into the cache. */
  async load(stream: string, revision?: number): Promise<Entry | undefined> {
    const entry = await this.restored(stream, revision);
    if (entry) this.remember(stream, entry);
    return entry;
  }

  /**
   * An aggregate as the read models last wrote it (before its event at `revision`, when given),
   * its state folded again from the store when it was not saved.
   */
  async restored(stream: string, revision?: number): Promise<Entry | undefined> {
    if (this.rebuilt && !SAVED_STATES.has(categoryOf(stream) as AggregateKind))
      return this.refolded(this.rebuilt, stream, revision);
    const entry = this.stored(stream);
    if (!entry || entry.state !== undefined) return entry as Entry | undefined;
    return {
      ...entry,
      state: fold(readFolder(entry.kind), await this.history(stream, entry.revision)).state,
    };
  }

  /** A stream's events from the store, up to `revision`: the one way the projector folds a stream again. */
  async history(stream: string, revision: number): Promise<Recorded[]> {
    return (await this.storedHistory(stream, revision)).map(recordedForReads);
  }

  /** A stream's events up to `revision`, as stored (where each is in the log, when it was recorded). */
  async storedHistory(stream: string, revision: number): Promise<StoredEvent[]> {
    const events = [];
    for await (const e of this.store.readStream(stream, { limit: revision + 1 })) events.push(e);
    return events;
  }

  /**
   * During a rebuild from scratch, the row it wrote for an aggregate of a kind whose states are
   * not saved (RebuiltRows): the stream's events folded so far (before `revision`, when given),
   * as the projector folded them, with the snapshot bookkeeping kept aside.
   */
  private async refolded(
    rebuilt: RebuiltRows,
    stream: string,
    revision?: number,
  ): Promise<Entry | undefined> {
    // A stream's first event: nothing of it was written (most aggregates come so, read nothing).
    if (revision === 0) return undefined;
    const events: StoredEvent[] = [];
    for await (const e of this.store.readStream(stream, revision === undefined ? {} : { limit: revision })) {
      if (e.position > rebuilt.through) break;
      events.push(e);
    }
    if (events.length === 0) return undefined;
    const kind = categoryOf(stream) as AggregateKind;
    const last = events[events.length - 1];
    let recordedThrough = '';
    for (const e of events)
      if (e.metadata.recordedAt > recordedThrough) recordedThrough = e.metadata.recordedAt;
    const [snapshotRevision, snapshotBytes] = rebuilt.snapshots.get(stream) ?? [-1, 0];
    return {
      kind,
      id: stream.slice(kind.length + 1),
      revision: last.revision,
      position: last.position,
      firstRecordedAt: events[0].metadata.recordedAt,
      lastOccurredAt: last.metadata.occurredAt,
      recordedThrough,
      snapshotRevision,
      snapshotBytes,
      state: fold(readFolder(kind), events.map(recordedForReads)).state,
    };
  }

  /** An rm_aggregates row just written: a rebuild from scratch keeps what it will need of it (RebuiltRows). */
  wrote(stream: string, entry: Entry): void {
    const rebuilt = this.rebuilt;
    if (!rebuilt) return;
    // States are immutable values (evolve returns new ones): the row can share this one.
    if (SAVED_STATES.has(entry.kind)) rebuilt.saved.set(stream, { ...entry });
    else if (entry.snapshotRevision !== -1 || entry.snapshotBytes !== 0)
      rebuilt.snapshots.set(stream, [entry.snapshotRevision, entry.snapshotBytes]);
    else rebuilt.snapshots.delete(stream);
  }

  /** The saved row of an aggregate, without caching it; its state is undefined unless its kind's are saved. */
  stored(stream: string): StoredEntry | undefined {
    if (this.rebuilt) {
      // A copy, as a row read back would be: the caller may change it.
      const row = this.rebuilt.saved.get(stream);
      if (row || SAVED_STATES.has(categoryOf(stream) as AggregateKind)) return row && { ...row };
      throw new Error(`A rebuild holds no row of ${stream}: its kind's states are not saved, restore it`);
    }
    const row = this.rm
      .prepare(
        'SELECT kind, id, revision, position, first_recorded_at, last_occurred_at, recorded_through, snapshot_revision, snapshot_bytes, state FROM rm_aggregates WHERE stream = ?',
      )
      .get(stream) as
      | {
          kind: AggregateKind;
          id: string;
          revision: number;
          position: number;
          first_recorded_at: string;
          last_occurred_at: string;
          recorded_through: string;
          snapshot_revision: number;
          snapshot_bytes: number;
          state: string;
        }
      | undefined;
    if (!row) return undefined;
    return {
      kind: row.kind,
      id: row.id,
      revision: row.revision,
      position: row.position,
      firstRecordedAt: row.first_recorded_at,
      lastOccurredAt: row.last_occurred_at,
      recordedThrough: row.recorded_through,
      snapshotRevision: row.snapshot_revision,
      snapshotBytes: row.snapshot_bytes,
      state: row.state === '' ? undefined : (JSON.parse(row.state) as Entry['state']),
    };
  }

  remember(stream: string, entry: Entry): Entry {
    if (!this.cache.has(stream) && this.cache.size >= this.limit) {
      const evicted = this.cache.keys().next().value as string;
      // An aggregate not yet written (deferred, or changed in this very page) is kept aside and
      // written with the page's own transaction: as the cache holds it, the latest (a deferred
      // one may be an older copy, from before it was evicted and loaded again).
      if (this.deferred.has(evicted) || this.dirty.has(evicted))
        this.evicted.set(evicted, this.cache.get(evicted)!);
      this.deferred.delete(evicted);
      this.cache.delete(evicted);
    }
    this.cache.set(stream, entry);
    return entry;
  }

  /** Least recently used goes first: the bodies and alliances every proposal consults stay. */
  touch(stream: string, entry: Entry): void {
    if (this.cache.has(stream)) this.cache.delete(stream);
    this.remember(stream, entry);
  }

  /** Aggregates pushed out of the cache before they were written: written by the next transaction. */
  readonly evicted = new Map<string, Entry>();

  /** The evicted aggregates, handed over to be written (and no longer held). */
  takeEvicted(): Array<[string, Entry]> {
    const entries = [...this.evicted];
    this.evicted.clear();
    return entries;
  }

  /** Aggregates changed by the page being applied. */
  readonly dirty = new Map<string, Entry>();

  /** Aggregates changed during a rebuild, written once at the end instead of once per page. */
  readonly deferred = new Map<string, Entry>();

  /**
   * A proposal's status depends on other aggregates (a successor, an alliance's members): when
   * one of those changes, every open proposal is to be rendered again (a closed one's status is
   * its lifecycle, waiting for nobody). Such events are rare.
   */
  async openProposals(): Promise<Array<[string, Entry]>> {
    const ids = (
      this.rm.prepare(`SELECT proposal_id FROM rm_proposals WHERE lifecycle = 'open'`).all() as {
        proposal_id: string;
      }[]
    ).map((r) => `proposal-${r.proposal_id}`);
    const entries: Array<[string, Entry]> = [];
    for (const stream of ids) {
      const entry = this.cache.get(stream) ?? this.evicted.get(stream) ?? (await this.restored(stream));
      if (entry) entries.push([stream, entry]);
    }
    return entries;
  }

  /**
   * Saved states read for references and not in the cache: kept aside, outside the cache, so
   * that rendering one aggregate cannot evict (and write) another, yet the bodies and alliances
   * every proposal consults are parsed once, not once per proposal. They are copies of saved
   * rows: `load` moves one into the cache before it changes, and dropping them is always safe.
   */
  private readonly referenced = new Map<string, Entry>();

  private reference(stream: string): Entry | undefined {
    let entry = this.referenced.get(stream);
    if (!entry) {
      const unsaved = () =>
        new Error(`A render looked up ${stream}, whose kind's states are not saved: add it to SAVED_STATES`);
      if (this.rebuilt && !SAVED_STATES.has(categoryOf(stream) as AggregateKind)) throw unsaved();
      const row = this.stored(stream);
      if (row && row.state === undefined) throw unsaved();
      entry = row as Entry | undefined;
      if (this.referenced.size >= this.limit) this.referenced.clear();
      if (entry) this.referenced.set(stream, entry);
    }
    return entry;
  }

  /** Other aggregates, for a proposal's status while rendering. */
  readonly refs: References = {
    get: (kind, id) => {
      // Its place in the cache is left as it is: once out, it is read from the references kept aside.
      return this.held(`${kind}-${id}`)?.state as never;
    },
  };
}
