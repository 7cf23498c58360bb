import {
  DECIDERS,
  fold,
  isCorrectionEvent,
  upcast,
  type AggregateKind,
  type AggregateStates,
  type Decider,
  type DomainCommand,
  type DomainEvent,
  type Recorded,
  type References,
  toRecorded,
} from '@ledger/domain';
import { categoryOf, type EventStore, type ProjectedEvent, type SqliteEventStore } from '@ledger/event-store';
import { entitiesOf } from './read-model/entities';
import type { ReadModelDb } from './read-model/read-model.db';
import { PROJECTION_VERSION, REGISTER_KEYS } from './read-model/read-model.schema';
import {
  applyRegisterChanges,
  RebuildVersions,
  registerChanges,
  tableVersions,
  type RegisterChange,
} from './read-model/register-versions';
import { renderAggregate } from './read-model/render';
import { connectionWrites, type Writes } from './read-model/writes';
import { SET_META } from './read-model/read-model.schema';
import { WriterThread } from './rebuild/writer-thread';
import { SNAPSHOTS_STOPPED, takesSnapshot } from './snapshots/snapshot-policy';
import { visibilityWrites, type VisibilityWrite } from './read-model/event-visibility';
import { scopeChangeOf, scopesOf, type ScopedEvent } from './visibility';

/** Events that change how other aggregates' proposals are judged: successors, alliance membership. */
const RESHAPES_PROPOSALS = new Set(['BodyAbolished', 'AllianceMemberJoined', 'AllianceMemberLeft']);

/** Whether an event can change how proposals are judged: one of those, or a correction of a body or an alliance (it may restate one). */
const reshapesProposals = (event: ProjectedEvent, kind: AggregateKind, correction: boolean) =>
  RESHAPES_PROPOSALS.has(event.type) || (correction && (kind === 'body' || kind === 'alliance'));

/**
 * The kinds whose states a render looks up (a proposal's status reads its bodies and alliance):
 * their states are saved in rm_aggregates. Any other aggregate is folded again from the store
 * when an event finds it out of the cache: saving every state would double what a rebuild writes.
 */
const SAVED_STATES = new Set<AggregateKind>(['body', 'alliance']);

/** How many pages of a rebuild one commit takes (see rebuildFromScratch). */
const PAGES_PER_COMMIT = 50;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDecider = Decider<any, DomainCommand, DomainEvent>;

/** The domain's view of an event, as toRecorded gives it, from the fields a projection reads. */
const recorded = (event: ProjectedEvent): Recorded => ({
  type: event.type,
  data: upcast(event.type, event.schemaVersion, event.data),
  id: event.id,
  occurredAt: event.metadata.occurredAt,
});

/** A store that serves a rebuild whole pages of the log (the SQLite store does). */
type PagedStore = EventStore & Partial<Pick<SqliteEventStore, 'readProjectedPages' | 'file' | 'assertOpen'>>;

interface Entry {
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

/** A change to the dated snapshots, applied in order with the page's transaction. */
type SnapshotChange =
  | { put: { stream: string; validFrom: string; revision: number; recordedThrough: string; state: string } }
  | { drop: { stream: string; fromRevision: number }; correction?: { revision: number; recordedAt: string } };

/**
 * Turns events into read models. Each event is folded into its aggregate's state with the
 * domain's own `evolve` (a correction re-folds the stream), and the aggregate's rows are
 * rendered again from that state. Batches commit in one transaction with the checkpoint, so a
 * crash replays from the last checkpoint and nothing is applied twice. A rebuild from scratch
 * into a file shares the work with a writer thread (rebuildFromScratch).
 */
export class Projector {
  /** States of aggregates seen in this run; rm_aggregates holds them between runs. */
  private readonly cache = new Map<string, Entry>();

  /** Where writes go: the read-model connection, or the writer thread of a rebuild. */
  private out: Writes;

  /**
   * During a rebuild from scratch, the rm_aggregates rows it has written, as `stored` would read
   * them: its writes may not be readable yet (they may be on the writer thread).
   */
  private written?: Map<string, Omit<Entry, 'state'> & { state: Entry['state'] | undefined }>;

  constructor(
    readonly rm: ReadModelDb,
    private readonly store: EventStore,
    private readonly now: () => Date = () => new Date(),
    private readonly cacheLimit = 10_000,
  ) {
    this.out = connectionWrites(rm);
  }

  get checkpoint(): number {
    return this.rm.checkpoint;
  }

  /** An aggregate held in memory, made the most recently used: most events find theirs so, without awaiting. */
  private inMemory(stream: string): Entry | undefined {
    const cached = this.cache.get(stream) ?? this.evicted.get(stream) ?? this.referenced.get(stream);
    if (cached) {
      this.referenced.delete(stream);
      this.touch(stream, cached);
    }
    return cached;
  }

  private async load(stream: string): Promise<Entry | undefined> {
    const entry = await this.restored(stream);
    if (entry) this.remember(stream, entry);
    return entry;
  }

  /** An aggregate as the read models last wrote it, its state folded again from the store when it was not saved. */
  private async restored(stream: string): Promise<Entry | undefined> {
    const entry = this.stored(stream);
    if (!entry || entry.state !== undefined) return entry as Entry | undefined;
    return {
      ...entry,
      state: fold(DECIDERS[entry.kind] as AnyDecider, await this.history(stream, entry.revision)).state,
    };
  }

  /** A stream's events from the store, up to `revision`: the one way the projector folds a stream again. */
  private async history(stream: string, revision: number): Promise<Recorded[]> {
    const events = [];
    for await (const e of this.store.readStream(stream, { limit: revision + 1 })) events.push(toRecorded(e));
    return events;
  }

  /** The saved row of an aggregate, without caching it; its state is undefined unless its kind's are saved. */
  private stored(stream: string): (Omit<Entry, 'state'> & { state: Entry['state'] | undefined }) | undefined {
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
      state: row.state === '' ? undefined : JSON.parse(row.state),
    };
  }

  private remember(stream: string, entry: Entry): Entry {
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
  private touch(stream: string, entry: Entry): void {
    if (this.cache.has(stream)) this.cache.delete(stream);
    this.remember(stream, entry);
  }

  /** Aggregates pushed out of the cache before they were written: written by the next transaction. */
  private readonly evicted = new Map<string, Entry>();

  private writeEvicted(): void {
    for (const [stream, entry] of this.evicted) this.write(stream, entry);
    this.evicted.clear();
  }

  /** Aggregates changed by the page being applied. */
  private readonly dirty = new Map<string, Entry>();

  /** Aggregates changed during a rebuild, written once at the end instead of once per page. */
  private readonly deferred = new Map<string, Entry>();

  /** Saves an aggregate's state and renders its rows; the same whether incremental or rebuilding. */
  private write(stream: string, entry: Entry): void {
    const saved = SAVED_STATES.has(entry.kind);
    this.out.run(
      `INSERT INTO rm_aggregates (stream, kind, id, revision, position, first_recorded_at, last_occurred_at, recorded_through, snapshot_revision, snapshot_bytes, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(stream) DO UPDATE SET revision = excluded.revision, position = excluded.position, last_occurred_at = excluded.last_occurred_at,
         recorded_through = excluded.recorded_through, snapshot_revision = excluded.snapshot_revision, snapshot_bytes = excluded.snapshot_bytes, state = excluded.state`,
      [
        stream,
        entry.kind,
        entry.id,
        entry.revision,
        entry.position,
        entry.firstRecordedAt,
        entry.lastOccurredAt,
        entry.recordedThrough,
        entry.snapshotRevision,
        entry.snapshotBytes,
        saved ? JSON.stringify(entry.state) : '',
      ],
    );
    // States are immutable values (evolve returns new ones): the row can share this one.
    this.written?.set(stream, { ...entry, state: saved ? entry.state : undefined });
    renderAggregate(this.out, entry.kind, entry.id, entry.state, {
      refs: this.refs,
      now: this.now().toISOString(),
      position: entry.position,
      firstRecordedAt: entry.firstRecordedAt,
    });
  }

  /**
   * A proposal's status depends on other aggregates (a successor, an alliance's members): when
   * one of those changes, every open proposal is to be rendered again (a closed one's status is
   * its lifecycle, waiting for nobody). Such events are rare.
   */
  private async openProposals(): Promise<Array<[string, Entry]>> {
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
  private readonly refs: References = {
    get: (kind, id) => {
      // Its place in the cache is left as it is: once out, it is read from the references kept aside.
      const stream = `${kind}-${id}`;
      return (this.cache.get(stream) ?? this.evicted.get(stream) ?? this.reference(stream))?.state as never;
    },
  };

  /** The dated snapshot to take (or drop) as `event` reaches its stream, by the rule in snapshots/snapshot-policy.ts. */
  private snapshotBefore(
    event: ProjectedEvent,
    entry: Entry,
    correction: boolean,
  ): SnapshotChange | undefined {
    if (event.metadata.occurredAt < entry.lastOccurredAt) {
      // Only a store written around the domain's time rules gets here: snapshots cannot hold.
      entry.snapshotRevision = SNAPSHOTS_STOPPED;
      return { drop: { stream: event.stream, fromRevision: 0 } };
    }
    if (correction || !takesSnapshot(entry, event.metadata.occurredAt)) return undefined;
    const state = JSON.stringify(entry.state);
    entry.snapshotRevision = entry.revision;
    entry.snapshotBytes = state.length;
    return {
      put: {
        stream: event.stream,
        validFrom: entry.lastOccurredAt,
        revision: entry.revision,
        recordedThrough: entry.recordedThrough,
        state,
      },
    };
  }

  async apply(events: readonly ProjectedEvent[], options: { defer?: boolean } = {}): Promise<void> {
    if (events.length === 0) return;
    const dirty = this.dirty;
    dirty.clear();
    let reshaped = false;
    const snapshots: SnapshotChange[] = [];
    const registers: RegisterChange[] = [];
    const visibility: VisibilityWrite[] = [];
    for (const event of events) {
      const kind = categoryOf(event.stream) as AggregateKind;
      if (!(kind in DECIDERS)) {
        // Not a governance stream: nothing in it can be withheld.
        visibility.push(...visibilityWrites(event.position, {}, undefined));
        continue;
      }
      const decider = DECIDERS[kind] as AnyDecider;
      const id = event.stream.slice(kind.length + 1);
      // Found in memory or loaded, it is in the cache already; a new one is put there.
      const entry: Entry =
        this.inMemory(event.stream) ??
        (await this.load(event.stream)) ??
        this.remember(event.stream, {
          kind,
          id,
          revision: -1,
          position: 0,
          firstRecordedAt: event.metadata.recordedAt,
          lastOccurredAt: '',
          recordedThrough: '',
          snapshotRevision: -1,
          snapshotBytes: 0,
          state: decider.initialState(),
        });
      const correction = isCorrectionEvent(event);
      const snapshot = this.snapshotBefore(event, entry, correction);
      if (snapshot) snapshots.push(snapshot);
      const before = entry.state;
      entry.lastOccurredAt = event.metadata.occurredAt;
      if (event.metadata.recordedAt > entry.recordedThrough)
        entry.recordedThrough = event.metadata.recordedAt;
      let target: ScopedEvent | undefined;
      if (correction) {
        // A correction can change any earlier event: fold the stream again, up to this event.
        const history = await this.history(event.stream, event.revision);
        entry.state = fold(decider, history).state;
        // Snapshots that hold the event it corrects are stale; those before it still hold.
        const targetIndex = history.findIndex((e) => e.id === event.data.eventId);
        const fromRevision = targetIndex < 0 ? 0 : targetIndex;
        if (targetIndex >= 0) target = { ...history[targetIndex], stream: event.stream };
        snapshots.push({
          drop: { stream: event.stream, fromRevision },
          correction: { revision: event.revision, recordedAt: event.metadata.recordedAt },
        });
        if (entry.snapshotRevision !== SNAPSHOTS_STOPPED)
          entry.snapshotRevision = Math.min(entry.snapshotRevision, fromRevision - 1);
      } else {
        entry.state = decider.evolve(entry.state, recorded(event));
      }
      registerChanges(kind, id, before, entry.state, event, registers);
      // A vote's ballots do not name its meeting: its state does (meeting ids are never corrected).
      const voteMeetingId =
        kind === 'vote' ? (entry.state as { meetingId?: string }).meetingId || undefined : undefined;
      visibility.push(
        ...visibilityWrites(
          event.position,
          scopesOf(event, { voteMeetingId, target }),
          scopeChangeOf(event, target),
          correction,
        ),
      );
      entry.revision = event.revision;
      entry.position = event.position;
      dirty.set(event.stream, entry);
      if (reshapesProposals(event, kind, correction)) reshaped = true;
    }
    // Open proposals are rendered again with the new successors or members: now, those this page
    // does not write anyway; in a rebuild, once at its end (see rebuildFromScratch).
    if (reshaped && options.defer) this.reshapedInRebuild = true;
    const rerender =
      reshaped && !options.defer ? (await this.openProposals()).filter(([stream]) => !dirty.has(stream)) : [];
    const out = this.out;
    const writePage = () => {
      this.writeEvicted();
      this.writeRegisters(registers);
      for (const change of snapshots) {
        if ('drop' in change) {
          out.run('DELETE FROM rm_snapshots WHERE stream = ? AND revision >= ?', [
            change.drop.stream,
            change.drop.fromRevision,
          ]);
          if (change.correction)
            out.run('INSERT OR IGNORE INTO rm_corrections (stream, revision, recorded_at) VALUES (?, ?, ?)', [
              change.drop.stream,
              change.correction.revision,
              change.correction.recordedAt,
            ]);
        } else {
          const { stream, validFrom, revision, recordedThrough, state } = change.put;
          out.run(
            'INSERT OR REPLACE INTO rm_snapshots (stream, valid_from, revision, recorded_through, state) VALUES (?, ?, ?, ?, ?)',
            [stream, validFrom, revision, recordedThrough, state],
          );
        }
      }
      for (const [sql, params] of visibility) out.run(sql, params);
      for (const event of events) {
        if (!(categoryOf(event.stream) in DECIDERS)) continue;
        if (options.defer) out.indexLater(event);
        else
          for (const entity of entitiesOf(event))
            out.run('INSERT OR IGNORE INTO rm_entity_events (entity, position) VALUES (?, ?)', [
              entity,
              event.position,
            ]);
      }
      for (const [stream, entry] of dirty) {
        // One evicted during the page was written just above, and is no longer held.
        if (options.defer) {
          if (this.cache.has(stream)) this.deferred.set(stream, entry);
        } else this.write(stream, entry);
      }
      // A deferred rebuild renders everything at the end, with the final states anyway.
      for (const [stream, entry] of rerender) this.write(stream, entry);
      // While writes are deferred the checkpoint stays put: an interrupted rebuild starts again.
      if (!options.defer) out.run(SET_META, ['checkpoint', events[events.length - 1].position]);
    };
    // A rebuild's pages go into its own long transaction (rebuildFromScratch), rolled back whole if it fails.
    if (options.defer) writePage();
    else this.rm.db.transaction(writePage)();
  }

  /** Register versions of a rebuild from scratch: written as they come, found by rowid while the keys are down (register-versions.ts). */
  private rebuiltVersions?: RebuildVersions;

  private writeRegisters(changes: readonly RegisterChange[]): void {
    applyRegisterChanges(this.rebuiltVersions ?? tableVersions(this.rm), changes);
  }

  /** Set when a rebuild applies an event that changes how proposals are judged. */
  private reshapedInRebuild = false;

  /** Writes every deferred aggregate, and moves the checkpoint to `position`. */
  private flushDeferred(position: number, rerender: ReadonlyArray<[string, Entry]> = []): void {
    const out = this.out;
    this.writeEvicted();
    this.rebuiltVersions = undefined;
    // In key order: rows go in one after another, not at random places in the tables.
    for (const stream of [...this.deferred.keys()].sort()) this.write(stream, this.deferred.get(stream)!);
    for (const [stream, entry] of rerender) this.write(stream, entry);
    this.deferred.clear();
    out.run(SET_META, ['checkpoint', position]);
  }

  /** The log from `fromPosition` on, in pages: as the store serves them, or grouped from readAll. */
  private async *pages(fromPosition: number, pageSize: number): AsyncGenerator<readonly ProjectedEvent[]> {
    const store = this.store as PagedStore;
    if (store.readProjectedPages) return yield* store.readProjectedPages(fromPosition, pageSize);
    let page: ProjectedEvent[] = [];
    for await (const event of this.store.readAll({ fromPosition, pageSize })) {
      page.push(event);
      if (page.length === pageSize) {
        yield page;
        page = [];
      }
    }
    if (page.length > 0) yield page;
  }

  /** How the last rebuild from scratch into a file shared its work with its writer thread (rebuild/writer-thread.ts). */
  lastRebuild?: WriterThread['stats'];

  /** Builds a fresh generation from the whole log, page by page; returns the events applied. */
  async rebuildFromScratch(onProgress?: (position: number) => void, pageSize = 2000): Promise<number> {
    this.rm.setMeta('projection_version', PROJECTION_VERSION);
    const fromScratch = this.rm.checkpoint === 0;
    // Nothing reads this generation yet, so it needs no WAL meanwhile: with a rollback journal,
    // pages appended to the file are written once, not to the WAL and then again to the file.
    const db = this.rm.db;
    const wal = db.pragma('journal_mode', { simple: true }) === 'wal';
    if (wal) db.pragma('journal_mode = TRUNCATE');
    let thread: WriterThread | undefined;
    let failed = true;
    try {
      // From scratch into a file, SQLite reads and writes on the other core (rebuild/writer-thread.ts)
      // while this thread folds; the rows and the order of the writes are the same either way.
      if (fromScratch && this.rm.path !== ':memory:')
        thread = new WriterThread(this.rm.path, [
          'journal_mode = TRUNCATE',
          'synchronous = OFF',
          'busy_timeout = 5000',
          'cache_size = -65536',
        ]);
      if (thread) this.out = thread;
      if (fromScratch) this.written = new Map();
      const count = await this.rebuildPages(fromScratch, thread, pageSize, onProgress);
      failed = false;
      return count;
    } finally {
      this.rebuiltVersions = undefined;
      this.written = undefined;
      this.out = connectionWrites(this.rm);
      // Every step runs, and none hides why a rebuild failed.
      let cleanUpError: unknown;
      const steps = [
        () => thread?.close(),
        () => db.inTransaction && db.exec('ROLLBACK'),
        () => wal && db.pragma('journal_mode = WAL'),
      ];
      for (const step of steps)
        await Promise.resolve()
          .then(step)
          .catch((error: unknown) => (cleanUpError ??= error));
      if (thread) this.lastRebuild = thread.stats;
      if (!failed && cleanUpError !== undefined) throw cleanUpError;
    }
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
    const out = this.out;
    let count = 0;
    let last = this.rm.checkpoint;
    out.exec('BEGIN');
    if (fromScratch) {
      this.rebuiltVersions = new RebuildVersions(out);
      for (const key of REGISTER_KEYS) out.exec(key.drop);
    }
    let pagesApplied = 0;
    // A ledger file is read on the writer thread's core too.
    const file = (this.store as PagedStore).file;
    const pages =
      thread && file
        ? thread.readPages(file, this.rm.checkpoint + 1, pageSize)
        : this.pages(this.rm.checkpoint + 1, pageSize);
    for await (const page of pages) {
      // Pages read on the other thread go on after the store closes: the rebuild stops as it would reading them here.
      (this.store as PagedStore).assertOpen?.();
      await this.apply(page, { defer: true });
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
    if (this.reshapedInRebuild) {
      // Proposals written before a successor or a change of members, during this rebuild or an
      // earlier part of it, are rendered again with the final states: read from the proposals
      // written so far, once they are committed.
      out.exec('COMMIT');
      await thread?.settled();
      rerender = (await this.openProposals()).filter(([stream]) => !this.deferred.has(stream));
      out.exec('BEGIN');
    }
    this.reshapedInRebuild = false;
    // The entity index and the registers' keys are complete: the writer thread writes them while
    // this thread renders what was deferred.
    out.writeEntityIndex();
    for (const key of REGISTER_KEYS) out.exec(key.create);
    await thread?.drained();
    this.flushDeferred(last, rerender);
    out.exec('COMMIT');
    await thread?.settled();
    return count;
  }
}
