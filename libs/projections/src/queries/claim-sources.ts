import { streamName, toInstant } from '@ledger/domain';
import type { EventStore, SourceRef } from '@ledger/event-store';

/**
 * A claim is only as good as where it was said: each claim of a proposal with the source its
 * event was recorded from (a correction changes the figures, not where they were recorded from).
 */
export async function withSources<C extends { eventId: string }>(
  store: EventStore,
  proposalId: string,
  claims: C[],
  knownAt?: string,
): Promise<Array<C & { source?: SourceRef }>> {
  if (claims.length === 0) return [];
  const sources = new Map<string, SourceRef>();
  for await (const e of store.readStream(streamName('proposal', proposalId), {
    types: ['ClaimRecorded'],
    recordedUntil: knownAt && toInstant(knownAt),
  }))
    sources.set(e.id, e.metadata.source);
  return claims.map((c) => ({ ...c, source: sources.get(c.eventId) }));
}
