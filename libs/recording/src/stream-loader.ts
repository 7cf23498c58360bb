import type { EventStore } from '@ledger/event-store';
import { toRecorded, type Recorded, type StreamLoader } from '@ledger/domain';

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
