import { streamName, toInstant } from '@ledger/domain';
import type { EventStore } from '@ledger/event-store';
import { dateAsGiven, provenanceOf, type DateAsGiven, type Provenance } from './provenance';

/**
 * A claim is only as good as where it was said: each claim of a proposal with the sources its
 * event was recorded from, and its date as given (a late-found claim shows when it was said) (a correction changes the figures, not where they were recorded from).
 */
export async function withSources<C extends { eventId: string }>(
  store: EventStore,
  proposalId: string,
  claims: C[],
  knownAt?: string,
): Promise<Array<C & Partial<Provenance & DateAsGiven>>> {
  if (claims.length === 0) return [];
  const sources = new Map<string, Provenance & DateAsGiven>();
  for await (const e of store.readStream(streamName('proposal', proposalId), {
    types: ['ClaimRecorded'],
    recordedUntil: knownAt && toInstant(knownAt),
  }))
    sources.set(e.id, { ...provenanceOf(e.metadata), ...dateAsGiven(e.metadata) });
  return claims.map((c) => ({ ...c, ...sources.get(c.eventId) }));
}
