import {
  CORRECTION_EVENT_TYPES,
  effectiveEvents,
  fold,
  type Recorded,
  resolveReferencesWith,
  streamName,
  toInstant,
  type AggregateKind,
  type AggregateStates,
  type Reference,
  type References,
} from '@ledger/domain';
import type { EventStore, StoredEvent } from '@ledger/event-store';
import { readFolder, recordedForReads } from '../entry-dates';
import type { PublicEvents, ReadModelDb } from '../read-model/read-model.db';
import { ALWAYS_PUBLIC_KINDS } from '../visibility';
import { happenedBy, type TimeCut } from './time-cut';

export interface StateAtCut<K extends AggregateKind = AggregateKind> {
  state: AggregateStates[K];
  /** Events of the stream within the cut (0: the stream did not exist then, though corrections made since may be). */
  events: number;
  /** Whether it started from a dated snapshot. */
  fromSnapshot: boolean;
}

/** How many streams' states one question keeps for reuse. */
const STATES_KEPT = 2_000;

interface SnapshotRow {
  revision: number;
  state: string;
}

/**
 * Aggregate states as they stood at a cut, each read once per question. A stream starts from
 * its nearest dated snapshot on or before the cut (see snapshots/snapshot-policy.ts), when the
 * read models hold one, and folds only the events after it; otherwise it folds from the start.
 * Both give the same state: the snapshot only saves reading.
 */
export class CutStates {
  private readonly asOf?: string;
  private readonly knownAt?: string;
  private readonly states = new Map<string, Promise<StateAtCut>>();
  /** Streams corrected after the read models' checkpoint: their snapshots may be stale. */
  private unprojectedCorrections?: Promise<Set<string>>;
  private readonly checkpoint: number;

  /**
   * `publicOnly`: the states the public may know, folded from the events it may see (visibility.ts)
   * and from none the read models have not judged yet. A stream with a withheld event is folded
   * from its start without them, never from a snapshot (which holds them).
   */
  constructor(
    private readonly store: EventStore,
    readonly cut: TimeCut,
    private readonly snapshots?: ReadModelDb,
    private readonly publicOnly?: PublicEvents,
    /**
     * One stream read only up to an event of it (its position), corrections of any position
     * still counted: a diff's status right after one change, when several share its date.
     */
    private readonly through?: { stream: string; position: number },
  ) {
    this.asOf = cut.asOf ? toInstant(cut.asOf) : undefined;
    this.knownAt = cut.knownAt ? toInstant(cut.knownAt) : undefined;
    // Read before any snapshot: a correction projected later drops its stream's snapshots, and
    // one not yet projected is found in the store after this checkpoint. (One appended while
    // this read is under way, and not projected before it reaches that stream, is not seen:
    // like any write racing a read, it is in the next read.)
    this.checkpoint = snapshots?.checkpoint ?? 0;
  }

  state<K extends AggregateKind>(kind: K, id: string): Promise<StateAtCut<K>> {
    const stream = streamName(kind, id);
    let found = this.states.get(stream);
    if (found) {
      // The most recently used stay: the bodies and alliances every proposal of a list consults.
      this.states.delete(stream);
    } else {
      found = this.load(kind, stream);
      // A list filtered at a cut may draw every proposal in the ledger: memory stays bounded.
      if (this.states.size >= STATES_KEPT) this.states.delete(this.states.keys().next().value as string);
    }
    this.states.set(stream, found);
    return found as Promise<StateAtCut<K>>;
  }

  /** The References a view of `start` reads (bodies, alliance, meetings, people), at the cut. */
  refs(start: readonly Reference[]): Promise<References> {
    // A view reads aggregates only: the registers (decision references) serve the command side.
    return resolveReferencesWith(
      start,
      async (kind, id) => (await this.state(kind as AggregateKind, id)).state,
    );
  }

  /** Whether the public may count an event: judged, and judged public. */
  private countsFor(stream: string, withheld: boolean): (e: StoredEvent) => boolean {
    const publicOnly = this.publicOnly;
    const visible = !publicOnly
      ? () => true
      : (e: StoredEvent) => e.position <= this.checkpoint && (!withheld || publicOnly.isPublic(e.position));
    const through = this.through?.stream === stream ? this.through.position : undefined;
    if (through === undefined) return visible;
    return (e) => visible(e) && (e.position <= through || CORRECTION_EVENT_TYPES.has(e.type));
  }

  /** Whether the public is to be shown a stream without some of its events. */
  private withheldIn(kind: AggregateKind, stream: string): boolean {
    return (
      this.publicOnly !== undefined &&
      !ALWAYS_PUBLIC_KINDS.has(kind) &&
      this.publicOnly.hiddenIn(stream.replace('-', ':'))
    );
  }

  private async load(kind: AggregateKind, stream: string): Promise<StateAtCut> {
    // The domain's fold, with the entries' date flags the reads give (entry-dates.ts).
    const decider = readFolder(kind);
    const withheld = this.withheldIn(kind, stream);
    const counts = this.countsFor(stream, withheld);
    // A stream read only up to one of its events starts from its beginning: a snapshot may hold more.
    const snapshot =
      withheld || this.through?.stream === stream ? undefined : await this.nearestSnapshot(stream);
    if (snapshot) {
      // occurredAt never goes backwards in a stream: the first event after T ends the cut. Later
      // corrections still count (they restate events that did happen by T); none of them
      // touches the snapshot itself, or the projector would have dropped it. Corrections not
      // yet projected are not here: a stream with any is read without its snapshots.
      const tail: Recorded[] = [];
      let next = snapshot.revision + 1;
      for await (const e of this.store.readStream(stream, {
        fromRevision: next,
        recordedUntil: this.knownAt,
        pageSize: 16,
      })) {
        if (!happenedBy(e, this.asOf) || !counts(e)) break;
        tail.push(recordedForReads(e));
        next = e.revision + 1;
      }
      for (const revision of this.correctionsFrom(stream, next)) {
        for await (const e of this.store.readStream(stream, { fromRevision: revision, limit: 1 }))
          tail.push(recordedForReads(e));
      }
      const saved = JSON.parse(snapshot.state) as StateAtCut['state'];
      const state = effectiveEvents(tail).reduce<StateAtCut['state']>((s, e) => decider.evolve(s, e), saved);
      return { state, events: snapshot.revision + 1 + tail.length, fromSnapshot: true };
    }
    const history: Recorded[] = [];
    for await (const e of this.store.readStream(stream, { recordedUntil: this.knownAt }))
      if (happenedBy(e, this.asOf) && counts(e)) history.push(recordedForReads(e));
    // Corrections alone (of events after the cut) do not make the stream exist at the cut.
    const existed = history.some((e) => !CORRECTION_EVENT_TYPES.has(e.type));
    const { state } = fold(decider, history) as { state: StateAtCut['state'] };
    return { state, events: existed ? history.length : 0, fromSnapshot: false };
  }

  private async nearestSnapshot(stream: string): Promise<SnapshotRow | undefined> {
    if (!this.snapshots) return undefined;
    if ((await this.corrected()).has(stream)) return undefined;
    return this.snapshots
      .prepare(
        `SELECT revision, state FROM rm_snapshots WHERE stream = ? AND valid_from <= ? AND recorded_through <= ?
         ORDER BY valid_from DESC, revision DESC LIMIT 1`,
      )
      .get(stream, this.asOf ?? '\uffff', this.knownAt ?? '\uffff') as SnapshotRow | undefined;
  }

  /** The revisions of the stream's corrections from `revision` on, recorded by the cut (as projected). */
  private correctionsFrom(stream: string, revision: number): number[] {
    const rows = this.snapshots!.prepare(
      'SELECT revision FROM rm_corrections WHERE stream = ? AND revision >= ? AND recorded_at <= ? ORDER BY revision',
    ).all(stream, revision, this.knownAt ?? '\uffff');
    return (rows as Array<{ revision: number }>).map((r) => r.revision);
  }

  private corrected(): Promise<Set<string>> {
    this.unprojectedCorrections ??= (async () => {
      const streams = new Set<string>();
      for await (const e of this.store.readAll({
        fromPosition: this.checkpoint + 1,
        types: [...CORRECTION_EVENT_TYPES],
      }))
        streams.add(e.stream);
      return streams;
    })();
    return this.unprojectedCorrections;
  }
}
