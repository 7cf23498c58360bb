import type { Recorded } from './decider';
import { upcast } from './upcasting';

/**
 * The fields of a stored event the domain reads. The event store's `StoredEvent` has them; they
 * are spelt out here because the domain imports no other lib.
 */
export interface StoredEventFields {
  id: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: { occurredAt: string };
}

/** A stored event as the domain sees it: upcast to the current schema, with its id and date. */
export function toRecorded(event: StoredEventFields): Recorded {
  return {
    type: event.type,
    data: upcast(event.type, event.schemaVersion, event.data),
    id: event.id,
    occurredAt: event.metadata.occurredAt,
  };
}
