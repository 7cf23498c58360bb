import { streamName, toInstant } from '@ledger/domain';
import type { EventStore } from '@ledger/event-store';
import { dateAsGiven, provenanceOf, type DateAsGiven, type Provenance } from './provenance';

/**
 * A claim or a decision is only as good as where it was said: each claim and decision of a
 * proposal with the sources its event was recorded from, and its date as given (a late-found
 * claim shows when it was said; a decision dated from a report shows that its day is approximate).
 * A correction changes the figures, not where they were recorded from. One read of the stream.
 */
export async function withSources<C extends { eventId: string }, D extends { eventId: string }>(
  store: EventStore,
  proposalId: string,
  entries: { claims: C[]; decisions: D[] },
  knownAt?: string,
): Promise<{
  claims: Array<C & Partial<Provenance & DateAsGiven>>;
  decisions: Array<D & Partial<Provenance & DateAsGiven>>;
}> {
  const { claims, decisions } = entries;
  if (claims.length === 0 && decisions.length === 0) return { claims: [], decisions: [] };
  const sources = new Map<string, Provenance & DateAsGiven>();
  for await (const e of store.readStream(streamName('proposal', proposalId), {
    types: ['ClaimRecorded', 'DecisionRecorded'],
    recordedUntil: knownAt && toInstant(knownAt),
  }))
    sources.set(e.id, { ...provenanceOf(e.metadata), ...dateAsGiven(e.metadata) });
  return {
    claims: claims.map((c) => ({ ...c, ...sources.get(c.eventId) })),
    decisions: decisions.map((d) => ({ ...d, ...sources.get(d.eventId) })),
  };
}
