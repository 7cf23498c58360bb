import {
  DECIDERS,
  NAMED_BY,
  aggregateKindOf,
  namedByEntries,
  recordsNamedInStream,
  type StreamLoader,
} from '@ledger/domain';
import type { EventStore } from '@ledger/event-store';
import { storeLoader } from './stream-loader';

/** Every aggregate's streams (`body-`, `vote-`, …): registers name nothing. */
const AGGREGATE_STREAMS = Object.keys(DECIDERS).map((kind) => `${kind}-`);

/**
 * Which records name which, over the whole store: for each stream, the records it names
 * (@ledger/domain `recordsNamedInStream`: what its state leads to and what its entries' commands
 * name), and the inverse, read by a retraction as the derived stream `namedby-<stream>` (the
 * records it must not leave resting on what it takes out: shared/corrected-entries.ts).
 *
 * Built from the store itself, as DerivedReferenceRegisters is, not from the read models: caught
 * up to the store's head each time it is read (every stream written since the last read is read
 * again whole and its names worked out anew, so a correction or retraction in it counts), in the
 * API and the CLI alike, whatever the projections are doing and whichever instance wrote. The
 * first read reads every stream once; only a correction or retraction reads it, and is decided
 * with no other command of this process in flight (recording-gate.ts), so none that names the
 * record is appended after the index was read and before the correction.
 */
export class NamedRecordsIndex {
  private position = 0;
  /** Each stream's named records (streams), as it stood when last read. */
  private readonly named = new Map<string, readonly string[]>();
  /** The inverse: each record's naming streams. */
  private readonly namers = new Map<string, Set<string>>();
  private catching?: Promise<void>;
  private readonly load: StreamLoader;

  constructor(private readonly store: EventStore) {
    this.load = storeLoader(store);
  }

  /** A loader that answers `namedby-<stream>` from the index, every other stream as `load` does. */
  loader(load: StreamLoader): StreamLoader {
    return async (stream) => {
      if (!stream.startsWith(`${NAMED_BY}-`)) return load(stream);
      const record = stream.slice(NAMED_BY.length + 1);
      await this.catchUp();
      return { events: namedByEntries(record, this.namers.get(record) ?? []), revision: -1 };
    };
  }

  /** One reader at a time; a caller arriving meanwhile waits for it, then reads what came since. */
  private async catchUp(): Promise<void> {
    while (this.catching) await this.catching;
    this.catching = this.read().finally(() => (this.catching = undefined));
    return this.catching;
  }

  private async read(): Promise<void> {
    const grown = new Set<string>();
    let position = this.position;
    // From the last position read, inclusive (EventStoreDB takes only positions it gave): it is skipped.
    for await (const stored of this.store.readAll({
      fromPosition: position,
      streamPrefix: AGGREGATE_STREAMS,
    })) {
      if (stored.position <= position && position > 0) continue;
      if (aggregateKindOf(stored.stream)) grown.add(stored.stream);
      position = stored.position;
    }
    for (const stream of grown) this.put(stream, await recordsNamedInStream(stream, this.load));
    // Only once every stream that grew is read again: a read that fails is done again whole.
    this.position = position;
  }

  private put(stream: string, records: readonly string[]): void {
    for (const record of this.named.get(stream) ?? []) this.namers.get(record)?.delete(stream);
    this.named.set(stream, records);
    for (const record of records) {
      let streams = this.namers.get(record);
      if (!streams) this.namers.set(record, (streams = new Set()));
      streams.add(stream);
    }
  }
}
