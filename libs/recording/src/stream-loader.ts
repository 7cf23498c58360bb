import { type EventStore, type StoredEvent } from '@ledger/event-store';
import { upcast, type Recorded, type StreamLoader } from '@ledger/domain';

/** A stored event as the domain sees it: upcast to the current schema, with its id and date. */
export function toRecorded(event: StoredEvent): Recorded {
  return {
    type: event.type,
    data: upcast(event.type, event.schemaVersion, event.data),
    id: event.id,
    occurredAt: event.metadata.occurredAt,
  };
}

/** Reads whole streams (aggregates are small) for the deciders. */
export function storeLoader(store: EventStore): StreamLoader {
  return async (stream) => {
    const events: Recorded[] = [];
    let revision = -1;
    for await (const e of store.readStream(stream)) {
      events.push(toRecorded(e));
      revision = e.revision;
    }
    return { events, revision };
  };
}
