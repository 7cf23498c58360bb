import { CORRECTION_EVENT_TYPES, toInstant, type StreamLoader } from '@ledger/domain';
import type { EventStore } from '@ledger/event-store';
import { toRecorded } from '@ledger/recording/stream-loader';

/**
 * When to look from. Both cuts may be given together.
 * - asOf T: what had happened by T (occurredAt <= T), as the ledger knows it now: late minutes
 *   count, and so do corrections made since.
 * - knownAt K: only what had been recorded by K (recordedAt <= K): what the register said then.
 */
export interface TimeCut {
  asOf?: string;
  knownAt?: string;
}

/** The date a view is drawn for: successors and terms are judged on it. */
export function viewDate(cut: TimeCut, now: Date): string {
  const dates = [cut.asOf, cut.knownAt].filter((d): d is string => d !== undefined).map(toInstant);
  return dates.length === 0 ? now.toISOString() : dates.sort()[0];
}

/** Loads streams as they stood at the cut. Only the streams a question names are read. */
export function cutLoader(store: EventStore, cut: TimeCut): StreamLoader {
  const asOf = cut.asOf ? toInstant(cut.asOf) : undefined;
  return async (stream) => {
    const events = [];
    let revision = -1;
    for await (const e of store.readStream(stream, { recordedUntil: cut.knownAt })) {
      revision = e.revision;
      // A correction is kept whenever it happened: it restates an event that did happen by T.
      if (asOf && e.metadata.occurredAt > asOf && !CORRECTION_EVENT_TYPES.has(e.type)) continue;
      events.push(toRecorded(e));
    }
    return { events, revision: events.length === 0 ? -1 : revision };
  };
}
