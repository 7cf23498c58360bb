import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { StoredEvent } from './event-store.port';
import type { NormalisedEvent } from './normalised-event';

/**
 * The hash that chains each stream and feeds the Merkle log. The encoding is RFC 8785 (JSON
 * Canonicalization Scheme) over exactly these fields, so that anyone can recompute it in another
 * language; libs/integrity/README.md specifies it. `position` is left out on purpose:
 * it is covered by the global Merkle tree, and EventStoreDB assigns it only after the write.
 */
export type HashedFields = Omit<StoredEvent, 'position' | 'hash'>;

export function canonicalEventBytes(event: HashedFields): string {
  const encoded = canonicalize({
    id: event.id,
    stream: event.stream,
    revision: event.revision,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    occurredAt: event.metadata.occurredAt,
    recordedAt: event.metadata.recordedAt,
    actor: event.metadata.actor,
    correlationId: event.metadata.correlationId,
    causationId: event.metadata.causationId,
    source: event.metadata.source,
    prevHash: event.prevHash,
  });
  if (encoded === undefined) throw new Error(`Event ${event.id} cannot be canonicalised`);
  return encoded;
}

export function eventHash(event: HashedFields): string {
  return createHash('sha256').update(canonicalEventBytes(event), 'utf8').digest('hex');
}

/**
 * A validated batch as it will be stored on top of a stream's head (null: no stream yet):
 * numbered, dated, chained and hashed. Positions are the store's to give. Both adapters use it,
 * so both chain the same way.
 */
export function chainBatch(
  stream: string,
  batch: readonly NormalisedEvent[],
  head: { revision: number; hash: string } | null,
  recordedAt: string,
): StoredEvent[] {
  let revision = head ? head.revision : -1;
  let prevHash: string | null = head ? head.hash : null;
  return batch.map((e) => {
    revision += 1;
    const event: StoredEvent = {
      id: e.id,
      stream,
      revision,
      position: 0,
      type: e.type,
      schemaVersion: e.schemaVersion,
      data: e.data,
      metadata: {
        occurredAt: e.occurredAt,
        recordedAt,
        actor: e.actor,
        correlationId: e.correlationId,
        causationId: e.causationId,
        source: e.source,
      },
      prevHash,
      hash: '',
    };
    event.hash = eventHash(event);
    prevHash = event.hash;
    return event;
  });
}
