import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { StoredEvent } from './event-store.port';

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
