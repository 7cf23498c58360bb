import {
  DECIDERS,
  fold,
  toRecorded,
  type AggregateKind,
  type AggregateStates,
  type Decider,
  type DomainCommand,
  type DomainEvent,
  type Recorded,
  type References,
} from '@ledger/domain';
import type { EventStore } from '@ledger/event-store';
import type { ReadModelDb } from './read-model/read-model.db';

/** A decider of any kind, over the union of the kinds' states. */
export type AnyDecider = Decider<AggregateStates[AggregateKind], DomainCommand, DomainEvent>;

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
 * The projector's aggregates in memory: a least-recently-used cache of states, those pushed out
 * before they were written, those changed by the page being applied or deferred by a rebuild, and
 * the saved states read for references. What is not held is read from rm_aggregates, or folded
 * again from the store when its kind's states are not saved.
 */
export class AggregateCache {
  /** States of aggregates seen in this run; rm_aggregates holds them between runs. */
  private readonly cache = new Map<string, Entry>();

  /**
   * During a rebuild from scratch, the rm_aggregates rows it has written, as `stored` would read
   * them: its writes may not be readable yet (they may be on the writer thread).
   */
  written?: Map<string, StoredEntry>;

  constructor(
    private readonly rm: ReadModelDb,
    private readonly store: EventStore,
    private readonly cacheLimit: number,
  ) {}

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

  async load(stream: string): Promise<Entry | undefined> {
    const entry = await this.restored(stream);
    if (entry) this.remember(stream, entry);
    return entry;
  }

  /** An aggregate as the read models last wrote it, its state folded again from the store when it was not saved. */
  async restored(stream: string): Promise<Entry | undefined> {
    const entry = this.stored(stream);
    if (!entry || entry.state !== undefined) return entry as Entry | undefined;
    return {
      ...entry,
      state: fold(DECIDERS[entry.kind] as AnyDecider, await this.history(stream, entry.revision)).state,
    };
  }

  /** A stream's events from the store, up to `revision`: the one way the projector folds a stream again. */
  async history(stream: string, revision: number): Promise<Recorded[]> {
    const events = [];
    for await (const e of this.store.readStream(stream, { limit: revision + 1 })) events.push(toRecorded(e));
    return events;
  }

  /** The saved row of an aggregate, without caching it; its state is undefined unless its kind's are saved. */
  stored(stream: string): StoredEntry | undefined {
    if (this.written) {
      // A copy, as a row read back would be: the caller may change it.
      const row = this.written.get(stream);
      return row && { ...row };
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
    if (!this.cache.has(stream) && this.cache.size >= this.cacheLimit) {
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
      const row = this.stored(stream);
      if (row && row.state === undefined)
        throw new Error(
          `A render looked up ${stream}, whose kind's states are not saved: add it to SAVED_STATES`,
        );
      entry = row as Entry | undefined;
      if (this.referenced.size >= this.cacheLimit) this.referenced.clear();
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
