import { DECIDERS, fold, isCorrectionEvent, type AggregateKind, type AggregateStates, type Decider, type DomainCommand, type DomainEvent, type References } from '@ledger/domain';
import { categoryOf, type EventStore, type StoredEvent } from '@ledger/event-store';
import { toRecorded } from '@ledger/recording/stream-loader';
import { entitiesOf } from './read-model/entities';
import type { ReadModelDb } from './read-model/read-model.db';
import { PROJECTION_VERSION } from './read-model/read-model.schema';
import { renderAggregate } from './read-model/render';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDecider = Decider<any, DomainCommand, DomainEvent>;

interface Entry {
  kind: AggregateKind;
  id: string;
  revision: number;
  firstRecordedAt: string;
  state: AggregateStates[AggregateKind];
}

/**
 * Turns events into read models. Each event is folded into its aggregate's state with the
 * domain's own `evolve` (a correction re-folds the stream), and the aggregate's rows are
 * rendered again from that state. Batches commit in one transaction with the checkpoint, so a
 * crash replays from the last checkpoint and nothing is applied twice.
 */
export class Projector {
  /** States of aggregates seen in this run; rm_aggregates holds them between runs. */
  private readonly cache = new Map<string, Entry>();

  constructor(
    readonly rm: ReadModelDb,
    private readonly store: EventStore,
    private readonly now: () => Date = () => new Date(),
    private readonly cacheLimit = 50_000,
  ) {}

  get checkpoint(): number {
    return this.rm.checkpoint;
  }

  private load(stream: string): Entry | undefined {
    const cached = this.cache.get(stream);
    if (cached) return cached;
    const row = this.rm.db.prepare('SELECT kind, id, revision, first_recorded_at, state FROM rm_aggregates WHERE stream = ?').get(stream) as
      | { kind: AggregateKind; id: string; revision: number; first_recorded_at: string; state: string }
      | undefined;
    if (!row) return undefined;
    const entry = { kind: row.kind, id: row.id, revision: row.revision, firstRecordedAt: row.first_recorded_at, state: JSON.parse(row.state) };
    this.remember(stream, entry);
    return entry;
  }

  private remember(stream: string, entry: Entry): void {
    if (this.cache.size >= this.cacheLimit) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(stream, entry);
  }

  /** Other aggregates, for a proposal's status: from this run's states, else the stored ones. */
  private readonly refs: References = {
    get: (kind, id) => this.load(`${kind}-${id}`)?.state as never,
  };

  async apply(events: readonly StoredEvent[]): Promise<void> {
    if (events.length === 0) return;
    const dirty = new Map<string, { entry: Entry; event: StoredEvent }>();
    for (const event of events) {
      const kind = categoryOf(event.stream) as AggregateKind;
      if (!(kind in DECIDERS)) continue; // not a governance stream
      const decider = DECIDERS[kind] as AnyDecider;
      const id = event.stream.slice(kind.length + 1);
      const entry: Entry = this.load(event.stream) ?? { kind, id, revision: -1, firstRecordedAt: event.metadata.recordedAt, state: decider.initialState() };
      if (isCorrectionEvent(event)) {
        // A correction can change any earlier event: fold the stream again, up to this event.
        const history = [];
        for await (const e of this.store.readStream(event.stream, { limit: event.revision + 1 })) history.push(toRecorded(e));
        entry.state = fold(decider, history).state;
      } else {
        entry.state = decider.evolve(entry.state, toRecorded(event));
      }
      entry.revision = event.revision;
      this.remember(event.stream, entry);
      dirty.set(event.stream, { entry, event });
    }
    const db = this.rm.db;
    const index = db.prepare('INSERT OR IGNORE INTO rm_entity_events (entity, position) VALUES (?, ?)');
    const times = db.prepare('INSERT OR IGNORE INTO rm_event_times (event_id, position, occurred_at, recorded_at) VALUES (?, ?, ?, ?)');
    const saveState = db.prepare(
      `INSERT INTO rm_aggregates (stream, kind, id, revision, first_recorded_at, state) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT(stream) DO UPDATE SET revision = excluded.revision, state = excluded.state`,
    );
    const now = this.now().toISOString();
    db.transaction(() => {
      for (const event of events) {
        if (!((categoryOf(event.stream) as string) in DECIDERS)) continue;
        for (const entity of entitiesOf(event)) index.run(entity, event.position);
        times.run(event.id, event.position, event.metadata.occurredAt, event.metadata.recordedAt);
      }
      for (const [stream, { entry, event }] of dirty) {
        saveState.run(stream, entry.kind, entry.id, entry.revision, entry.firstRecordedAt, JSON.stringify(entry.state));
        renderAggregate(db, entry.kind, entry.id, entry.state, { refs: this.refs, now, position: event.position, recordedAt: event.metadata.recordedAt, firstRecordedAt: entry.firstRecordedAt });
      }
      this.rm.setMeta('checkpoint', events[events.length - 1].position);
    })();
  }

  /** Builds a fresh generation from the whole log, page by page; returns the events applied. */
  async rebuildFromScratch(onProgress?: (position: number) => void, pageSize = 2000): Promise<number> {
    this.rm.setMeta('projection_version', PROJECTION_VERSION);
    let count = 0;
    let page: StoredEvent[] = [];
    for await (const event of this.store.readAll({ fromPosition: this.rm.checkpoint + 1, pageSize })) {
      page.push(event);
      if (page.length === pageSize) {
        await this.apply(page);
        count += page.length;
        onProgress?.(event.position);
        page = [];
      }
    }
    await this.apply(page);
    count += page.length;
    if (page.length > 0) onProgress?.(page[page.length - 1].position);
    return count;
  }
}
