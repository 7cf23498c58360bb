import { DECIDERS, fold, isCorrectionEvent, upcast, type AggregateKind, type Recorded } from '@ledger/domain';
import {
  categoryOf,
  isApproximate,
  type EventMetadata,
  type EventStore,
  type ProjectedEvent,
  type StoredEvent,
} from '@ledger/event-store';
import { AggregateCache, SAVED_STATES, type Entry } from './aggregate-cache';
import { givesAReadsDate, readFolder, recordedForReads, withApproximate, type Folder } from './entry-dates';
import { ProjectorRebuild, type RebuildHost } from './projector-rebuild';
import { decisionMeetingWrites, visibilityWrites, type VisibilityWrite } from './read-model/event-visibility';
import { entitiesOf } from './read-model/entities';
import type { ReadModelDb } from './read-model/read-model.db';
import { SET_META } from './read-model/read-model.schema';
import {
  applyRegisterChanges,
  registerChanges,
  tableVersions,
  type RegisterChange,
  type SyncChange,
} from './read-model/register-versions';
import type { RebuildVersions } from './read-model/rebuild-versions';
import { renderAggregate } from './read-model/render';
import { connectionWrites, type Writes } from './read-model/writes';
import type { WriterThread } from './rebuild/writer-thread';
import { snapshotBefore, writeSnapshotChanges, type SnapshotChange } from './snapshots/snapshot-changes';
import { SNAPSHOTS_STOPPED } from './snapshots/snapshot-policy';
import {
  carryingVoteOf,
  decisionKey,
  decisionMeetingsOf,
  registerEntry,
  scopeChangeOf,
  scopesOf,
  type ScopedEvent,
} from './visibility';

/** Events that change how other aggregates' proposals are judged: successors, alliance membership. */
const RESHAPES_PROPOSALS = new Set(['BodyAbolished', 'AllianceMemberJoined', 'AllianceMemberLeft']);

/** Whether an event can change how proposals are judged: one of those, or a correction of a body or an alliance (it may restate one). */
const reshapesProposals = (event: ProjectedEvent, kind: AggregateKind, correction: boolean) =>
  RESHAPES_PROPOSALS.has(event.type) || (correction && (kind === 'body' || kind === 'alliance'));

/** The decision a review's stream reviews, as a scope names it (visibility.ts). */
function reviewedDecisionOf(state: unknown): string | undefined {
  const { proposalId, decisionId } = state as { proposalId?: string; decisionId?: string };
  return proposalId && decisionId ? decisionKey(proposalId, decisionId) : undefined;
}

/** The domain's view of an event, as toRecorded gives it, from the fields a projection reads. */
const recorded = (event: ProjectedEvent): Recorded => ({
  type: event.type,
  data: upcast(event.type, event.schemaVersion, event.data),
  id: event.id,
  occurredAt: event.metadata.occurredAt,
});

/** What a page's events change besides the aggregates, gathered before the page is written. */
interface PageChanges {
  snapshots: SnapshotChange[];
  registers: RegisterChange[];
  visibility: VisibilityWrite[];
}

/**
 * How a page's writes are made: the two strategies of the projector. Incremental: written at once
 * with the checkpoint, in the page's own transaction. Deferred (a rebuild): the aggregates' rows
 * and the entity index written once at the rebuild's end, the checkpoint left put until then.
 */
interface PageWrites {
  /** The open proposals to render again with this page, when it changes how proposals are judged. */
  rerender(reshaped: boolean, dirty: ReadonlyMap<string, Entry>): Promise<Array<[string, Entry]>>;
  indexEntities(event: ProjectedEvent): void;
  /** An aggregate the page changed. */
  keep(stream: string, entry: Entry): void;
  /** After the page: the checkpoint. */
  finish(lastPosition: number): void;
  transact(writePage: () => void): void;
}

/**
 * Turns events into read models. Each event is folded into its aggregate's state with the
 * domain's own `evolve` (a correction re-folds the stream), and the aggregate's rows are
 * rendered again from that state. Batches commit in one transaction with the checkpoint, so a
 * crash replays from the last checkpoint and nothing is applied twice. A rebuild from scratch
 * into a file shares the work with a writer thread (projector-rebuild.ts). Aggregates are held
 * by aggregate-cache.ts, dated snapshots decided by snapshots/snapshot-changes.ts.
 */
export class Projector implements RebuildHost {
  /** @internal The aggregates in memory (aggregate-cache.ts). */
  readonly aggregates: AggregateCache;

  /** @internal Where writes go: the read-model connection, or the writer thread of a rebuild. */
  out: Writes;

  /** @internal Register versions of a rebuild from scratch (projector-rebuild.ts). */
  rebuiltVersions?: RebuildVersions;

  /** @internal Set when a rebuild applies an event that changes how proposals are judged. */
  reshapedInRebuild = false;

  /** How the last rebuild from scratch into a file shared its work with its writer thread (rebuild/writer-thread.ts). */
  lastRebuild?: WriterThread['stats'];

  constructor(
    readonly rm: ReadModelDb,
    readonly store: EventStore,
    private readonly now: () => Date = () => new Date(),
    cacheLimit = 10_000,
  ) {
    this.out = connectionWrites(rm);
    this.aggregates = new AggregateCache(rm, store, cacheLimit);
  }

  /**
   * The checkpoint as this projector last committed it: read from the file once, then moved by
   * each page it commits. Every read is stamped with it, and a query for it was 3–7% of a public
   * read's CPU. Only this projector writes its generation's checkpoint (a rebuild's writer thread
   * too, and the value is read again after one).
   */
  private committedCheckpoint?: number;

  get checkpoint(): number {
    return (this.committedCheckpoint ??= this.rm.checkpoint);
  }

  /** Builds a fresh generation from the whole log, page by page; returns the events applied. */
  async rebuildFromScratch(onProgress?: (position: number) => void, pageSize = 2000): Promise<number> {
    this.committedCheckpoint = undefined;
    try {
      return await new ProjectorRebuild(this).run(onProgress, pageSize);
    } finally {
      this.committedCheckpoint = undefined;
    }
  }

  /** @internal Aggregates pushed out of the cache before they were written: written by the next transaction. */
  writeEvicted(): void {
    for (const [stream, entry] of this.aggregates.takeEvicted()) this.write(stream, entry);
  }

  /** Saves an aggregate's state and renders its rows; the same whether incremental or rebuilding. */
  write(stream: string, entry: Entry): void {
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
    this.aggregates.wrote(stream, entry);
    renderAggregate(this.out, entry.kind, entry.id, entry.state, {
      refs: this.aggregates.refs,
      now: this.now().toISOString(),
      position: entry.position,
      firstRecordedAt: entry.firstRecordedAt,
    });
  }

  /** Applies a page of events as they come: written at once, with the checkpoint, in one transaction. */
  async apply(events: readonly ProjectedEvent[]): Promise<void> {
    return this.applyPage(events, this.incremental);
  }

  /** @internal A rebuild's page: folded now, written at the rebuild's end (projector-rebuild.ts). */
  applyDeferred(events: readonly ProjectedEvent[]): Promise<void> {
    return this.applyPage(events, this.deferred);
  }

  private async applyPage(events: readonly ProjectedEvent[], strategy: PageWrites): Promise<void> {
    if (events.length === 0) return;
    const dirty = this.aggregates.dirty;
    dirty.clear();
    let reshaped = false;
    const page: PageChanges = { snapshots: [], registers: [], visibility: [] };
    for (const event of events) {
      const kind = categoryOf(event.stream) as AggregateKind;
      if (!(kind in DECIDERS)) {
        // Not a governance stream: nothing in it can be withheld, but a register is never public.
        const register = registerEntry(event);
        page.visibility.push(...visibilityWrites(event.position, register?.scopes ?? {}, register?.change));
        continue;
      }
      if (await this.foldEvent(event, kind, page)) reshaped = true;
    }
    // Open proposals are rendered again with the new successors or members: now, those this page
    // does not write anyway; in a rebuild, once at its end (see projector-rebuild.ts).
    const rerender = await strategy.rerender(reshaped, dirty);
    const out = this.out;
    strategy.transact(() => {
      this.writeEvicted();
      this.writeRegisters(page.registers);
      writeSnapshotChanges(out, page.snapshots);
      for (const [sql, params] of page.visibility) out.run(sql, params);
      for (const event of events) if (categoryOf(event.stream) in DECIDERS) strategy.indexEntities(event);
      for (const [stream, entry] of dirty) strategy.keep(stream, entry);
      for (const [stream, entry] of rerender) this.write(stream, entry);
      strategy.finish(events[events.length - 1].position);
    });
  }

  /**
   * Folds one event of a governance stream into its aggregate, gathering the page's changes;
   * true when it changes how proposals are judged.
   */
  private async foldEvent(event: ProjectedEvent, kind: AggregateKind, page: PageChanges): Promise<boolean> {
    const decider = readFolder(kind);
    const id = event.stream.slice(kind.length + 1);
    const entry = await this.entryFor(event, kind, id, decider);
    const correction = isCorrectionEvent(event);
    const snapshot = snapshotBefore(event, entry, correction);
    if (snapshot) page.snapshots.push(snapshot);
    const before = entry.state;
    entry.lastOccurredAt = event.metadata.occurredAt;
    if (event.metadata.recordedAt > entry.recordedThrough) entry.recordedThrough = event.metadata.recordedAt;
    let target: (ScopedEvent & { position: number }) | undefined;
    let history: StoredEvent[] | undefined;
    if (correction) {
      history = await this.aggregates.storedHistory(event.stream, event.revision);
      target = this.refold(event, entry, decider, history, page.snapshots);
    } else entry.state = decider.evolve(entry.state, this.recordedForReads(event));
    const registers = page.registers.length;
    registerChanges(kind, id, before, entry.state, event, page.registers);
    // A rebuild from scratch finds the versions to end by the events that added them (register-versions.ts):
    // read when there are any (not for an aggregate's first event, which makes it exist).
    if (this.rebuiltVersions) {
      let events: SyncChange['events'];
      for (let i = registers; i < page.registers.length; i++) {
        const change = page.registers[i];
        if ('sync' in change && change.eventIds.length > 0) {
          history ??= await this.aggregates.storedHistory(event.stream, event.revision);
          change.events = events ??= new Map(
            history.map((e) => [e.id, { position: e.position, recordedAt: e.metadata.recordedAt }]),
          );
        }
      }
    }
    // A vote's ballots do not name its meeting, nor a review's later events its decision: their
    // state does (ids that tie events together are never corrected).
    const voteMeetingId =
      kind === 'vote' ? (entry.state as { meetingId?: string }).meetingId || undefined : undefined;
    const reviewedDecision = kind === 'review' ? reviewedDecisionOf(entry.state) : undefined;
    const carryingVote = carryingVoteOf(event, target);
    const carryingVoteMeetingId =
      carryingVote === undefined ? undefined : await this.voteMeeting(carryingVote);
    const scopes = scopesOf(event, { voteMeetingId, reviewedDecision, carryingVoteMeetingId, target });
    page.visibility.push(
      ...decisionMeetingWrites(decisionMeetingsOf(event, scopes)),
      ...visibilityWrites(event.position, scopes, scopeChangeOf(event, target), correction, target?.position),
    );
    entry.revision = event.revision;
    entry.position = event.position;
    this.aggregates.dirty.set(event.stream, entry);
    if (this.aggregates.rebuilt) this.aggregates.rebuilt.through = event.position;
    return reshapesProposals(event, kind, correction);
  }

  /**
   * The meeting a vote was taken at, from its opening event (a vote's meeting is an id, never
   * corrected): read from the log, not the aggregates, so it is the same whether incremental or
   * rebuilding, and loads no vote into the cache. A decision cites a vote recorded before it.
   */
  private async voteMeeting(voteEventId: string): Promise<string | undefined> {
    for await (const e of this.store.readStream(`vote-${voteEventId}`, { limit: 1 })) {
      const meetingId = (upcast(e.type, e.schemaVersion, e.data) as { meetingId?: unknown }).meetingId;
      return typeof meetingId === 'string' && meetingId !== '' ? meetingId : undefined;
    }
    return undefined;
  }

  /**
   * The event as the read side folds it, with its date's flag when it gives a read's date
   * (entry-dates.ts): from its source, or, on a rebuild's page, which carries no source, from the
   * flag the page reads beside the dates (projected-pages.ts).
   */
  private recordedForReads(event: ProjectedEvent): Recorded {
    const domain = recorded(event);
    if (!givesAReadsDate(event.type)) return domain;
    const { source } = event.metadata as Partial<EventMetadata>;
    return withApproximate(
      domain,
      source ? isApproximate({ source }) : event.metadata.occurredAtApproximate === true,
    );
  }

  /** The event's aggregate: found in memory or loaded, it is in the cache already; a new one is put there. */
  private async entryFor(event: ProjectedEvent, kind: AggregateKind, id: string, decider: Folder) {
    return (
      this.aggregates.inMemory(event.stream) ??
      (await this.aggregates.load(event.stream, event.revision)) ??
      this.aggregates.remember(event.stream, {
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
      })
    );
  }

  /**
   * A correction can change any earlier event: the stream (`stored`, up to this event) is folded
   * again, and the snapshots that hold the event it corrects are dropped (those before it still
   * hold). Returns the corrected event, when found, with its position.
   */
  private refold(
    event: ProjectedEvent,
    entry: Entry,
    decider: Folder,
    stored: readonly StoredEvent[],
    snapshots: SnapshotChange[],
  ): (ScopedEvent & { position: number }) | undefined {
    const history = stored.map(recordedForReads);
    entry.state = fold(decider, history).state;
    const targetIndex = history.findIndex((e) => e.id === (event.data as { eventId?: unknown }).eventId);
    const fromRevision = targetIndex < 0 ? 0 : targetIndex;
    snapshots.push({
      drop: { stream: event.stream, fromRevision },
      correction: { revision: event.revision, recordedAt: event.metadata.recordedAt },
    });
    if (entry.snapshotRevision !== SNAPSHOTS_STOPPED)
      entry.snapshotRevision = Math.min(entry.snapshotRevision, fromRevision - 1);
    return targetIndex >= 0
      ? { ...history[targetIndex], stream: event.stream, position: stored[targetIndex].position }
      : undefined;
  }

  private writeRegisters(changes: readonly RegisterChange[]): void {
    applyRegisterChanges(this.rebuiltVersions ?? tableVersions(this.rm), changes);
  }

  private readonly incremental: PageWrites = {
    rerender: async (reshaped, dirty) =>
      reshaped ? (await this.aggregates.openProposals()).filter(([stream]) => !dirty.has(stream)) : [],
    indexEntities: (event) => {
      for (const entity of entitiesOf(event))
        this.out.run('INSERT OR IGNORE INTO rm_entity_events (entity, position) VALUES (?, ?)', [
          entity,
          event.position,
        ]);
    },
    keep: (stream, entry) => this.write(stream, entry),
    finish: (lastPosition) => {
      this.out.run(SET_META, ['checkpoint', lastPosition]);
      this.pageEnd = lastPosition;
    },
    transact: (writePage) => {
      // Unknown until the page's transaction has committed (it may roll back, or be nested in one).
      this.committedCheckpoint = undefined;
      this.rm.db.transaction(writePage)();
      if (!this.rm.db.inTransaction) this.committedCheckpoint = this.pageEnd;
    },
  };

  /** The last position of the page being written (incremental.finish), kept once it commits. */
  private pageEnd?: number;

  private readonly deferred: PageWrites = {
    // Rendered at the rebuild's end, with the final states anyway.
    rerender: (reshaped) => {
      if (reshaped) this.reshapedInRebuild = true;
      return Promise.resolve([]);
    },
    indexEntities: (event) => this.out.indexLater(event),
    // One evicted during the page was written with it, and is no longer held.
    keep: (stream, entry) => {
      if (this.aggregates.has(stream)) this.aggregates.deferred.set(stream, entry);
    },
    // The checkpoint stays put: an interrupted rebuild starts again.
    finish: () => undefined,
    // A rebuild's pages go into its own long transaction, rolled back whole if it fails.
    transact: (writePage) => writePage(),
  };
}
