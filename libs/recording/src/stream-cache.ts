import { LRUCache } from 'lru-cache';
import type { EventStore, StoredEvent } from '@ledger/event-store';
import type { Recorded, StreamLoader } from '@ledger/domain';
import { toRecorded } from '@ledger/domain';

interface CachedStream {
  stored: StoredEvent[];
  recorded: Recorded[];
  /** The stream as handed out at its current length: the same object until it grows. */
  view?: StreamView;
}

/** A stream as read: its events as stored and as the domain takes them, and its revision. */
export interface StreamView {
  readonly stored: readonly StoredEvent[];
  readonly events: readonly Recorded[];
  readonly revision: number;
}

/**
 * The streams the command side has read, kept by revision. Stored events never change, so when
 * a stream has grown only its new tail is read, and what this process commits is added as it
 * commits; the store's own head check (streamInfo) keeps the cache right when another instance or
 * process writes. Least recently used streams go first.
 */
export class StreamCache {
  private readonly streams: LRUCache<string, CachedStream>;

  constructor(
    private readonly store: EventStore,
    limit = 5_000,
  ) {
    this.streams = new LRUCache({ max: limit });
    // What this process commits extends the streams kept here at once, so that the next command
    // on a stream (the next ballot in a vote) reads nothing back; the head check below still
    // finds anything written elsewhere.
    store.onCommitted?.((events) => this.extend(events));
  }

  private extend(events: readonly StoredEvent[]): void {
    for (const event of events) {
      const cached = this.streams.get(event.stream);
      if (!cached || event.revision !== cached.stored.length) continue;
      cached.stored.push(event);
      cached.recorded.push(toRecorded(event));
      cached.view = undefined;
    }
  }

  async read(stream: string): Promise<StreamView> {
    const head = await this.store.streamInfo(stream);
    let cached = this.streams.get(stream);
    if (!cached || cached.stored.length - 1 > head.revision) {
      cached = { stored: [], recorded: [] };
      this.streams.set(stream, cached);
    }
    if (cached.stored.length - 1 < head.revision) {
      for await (const event of this.store.readStream(stream, { fromRevision: cached.stored.length })) {
        // Two readers may extend the same stream at once: each revision is added once, in order.
        if (event.revision !== cached.stored.length) continue;
        cached.stored.push(event);
        cached.recorded.push(toRecorded(event));
        cached.view = undefined;
      }
    }
    // Copies, made once per length: what a decision reads does not change under it when another
    // command extends the stream, and an unchanged stream is the same array (its fold is reused,
    // keyed by the array: frozen, so that no reader can change what the next one folds).
    cached.view ??= Object.freeze({
      stored: Object.freeze(cached.stored.slice()),
      events: Object.freeze(cached.recorded.slice()),
      revision: cached.stored.length - 1,
    });
    return cached.view;
  }

  loader(): StreamLoader {
    return (stream) => this.read(stream);
  }
}
