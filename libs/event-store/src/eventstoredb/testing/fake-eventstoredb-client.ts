import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { Readable } from 'node:stream';
import {
  MaxAppendSizeExceededError,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AppendExpectedRevision,
  type EventStoreDBClient,
  type Filter,
  type ReadPosition,
  type ReadRevision,
} from '@eventstore/db-client';

interface FakeRecord {
  streamId: string;
  id: string;
  revision: bigint;
  type: string;
  data: string;
  metadata: string;
  position: bigint;
}

interface FakeEventData {
  id: string;
  type: string;
  data: unknown;
  metadata?: unknown;
}

/**
 * An in-memory stand-in for the parts of the gRPC client the adapter uses, modelled on the
 * server's documented behaviour: positions ordered but not dense (commit = prepare), a $all read
 * inclusive of its start forwards and exclusive backwards, a subscription exclusive of its start,
 * StreamNotFound for a missing stream, WrongExpectedVersion with the current revision, link events
 * in $ce- streams and system events in $-streams. It is not EventStoreDB: it runs the adapter's
 * own logic (paging, idempotency, revision retries, chaining, subscriptions) where no server is.
 */
export class FakeEventStoreDb {
  readonly log: FakeRecord[] = [];
  private readonly streams = new Map<string, FakeRecord[]>();
  private nextPosition = 4096n;
  private readonly appended = new EventEmitter().setMaxListeners(0);
  /** Events a subscription has handed to its Readable: how far it ran ahead of its consumer. */
  delivered = 0;

  constructor() {
    this.write('$users', [{ id: randomUUID(), type: '$UserCreated', data: { loginName: 'admin' } }]);
  }

  private write(streamId: string, events: readonly FakeEventData[]): void {
    const list = this.streams.get(streamId) ?? [];
    this.streams.set(streamId, list);
    for (const e of events) {
      const record: FakeRecord = {
        streamId,
        id: e.id,
        revision: BigInt(list.length),
        type: e.type,
        data: JSON.stringify(e.data),
        metadata: e.metadata === undefined ? '' : JSON.stringify(e.metadata),
        position: this.nextPosition,
      };
      this.nextPosition += 128n + BigInt(record.data.length + record.metadata.length);
      list.push(record);
      this.log.push(record);
    }
  }

  private resolved(r: FakeRecord) {
    const position = { commit: r.position, prepare: r.position };
    return {
      event: {
        streamId: r.streamId,
        id: r.id,
        revision: r.revision,
        type: r.type,
        isJson: true,
        data: JSON.parse(r.data),
        metadata: r.metadata ? JSON.parse(r.metadata) : undefined,
        created: new Date(),
        position,
      },
      commitPosition: r.position,
    };
  }

  private reading(records: FakeRecord[]) {
    const readable = Readable.from(
      records.map((r) => this.resolved(r)),
      { objectMode: true },
    );
    return Object.assign(readable, { cancel: async () => void readable.destroy() });
  }

  private failing(error: Error) {
    const readable = new Readable({
      objectMode: true,
      read() {
        this.destroy(error);
      },
    });
    return Object.assign(readable, { cancel: async () => undefined });
  }

  async appendToStream(
    streamName: string,
    events: FakeEventData[],
    options: { expectedRevision?: AppendExpectedRevision } = {},
  ) {
    // Let other appends run between the caller's read and this write, as on a real server.
    await new Promise((resolve) => setImmediate(resolve));
    const expected = options.expectedRevision ?? 'any';
    const list = this.streams.get(streamName);
    const current = list ? list.length - 1 : -1;
    const ok =
      expected === 'any' ||
      (expected === 'no_stream'
        ? current === -1
        : expected === 'stream_exists'
          ? current >= 0
          : BigInt(current) === expected);
    if (!ok) {
      throw new WrongExpectedVersionError(undefined, {
        streamName,
        expected,
        current: current < 0 ? 'no_stream' : BigInt(current),
      });
    }
    const bytes = events.reduce(
      (n, e) => n + JSON.stringify(e.data).length + JSON.stringify(e.metadata ?? '').length,
      0,
    );
    if (bytes > 1024 * 1024) throw MaxAppendSizeExceededError.fromMaxAppendSize(1024 * 1024);
    this.write(streamName, events);
    const written = this.streams.get(streamName)!;
    const category = streamName.slice(0, streamName.indexOf('-'));
    // What the $by_category system projection writes: links, in a $-stream.
    this.write(
      `$ce-${category}`,
      events.map((e, i) => ({
        id: randomUUID(),
        type: '$>',
        data: `${written.length - events.length + i}@${streamName}`,
      })),
    );
    this.appended.emit('appended');
    const last = written[written.length - 1];
    return {
      success: true,
      nextExpectedRevision: last.revision,
      position: { commit: last.position, prepare: last.position },
    };
  }

  readStream(
    streamName: string,
    options: { fromRevision?: ReadRevision; direction?: string; maxCount?: number | bigint } = {},
  ) {
    const { fromRevision = 'start', direction = 'forwards', maxCount = Number.MAX_SAFE_INTEGER } = options;
    const list = this.streams.get(streamName);
    if (!list) return this.failing(new StreamNotFoundError(undefined, streamName));
    const selected =
      direction === 'forwards'
        ? list.filter(
            (r) => fromRevision === 'start' || (fromRevision !== 'end' && r.revision >= fromRevision),
          )
        : [...list]
            .reverse()
            .filter(
              (r) => fromRevision === 'end' || (fromRevision !== 'start' && r.revision <= fromRevision),
            );
    return this.reading(selected.slice(0, Number(maxCount)));
  }

  readAll(options: { fromPosition?: ReadPosition; direction?: string; maxCount?: number | bigint } = {}) {
    const { fromPosition, direction = 'forwards', maxCount = Number.MAX_SAFE_INTEGER } = options;
    const from = fromPosition ?? (direction === 'forwards' ? 'start' : 'end');
    const selected =
      direction === 'forwards'
        ? this.log.filter((r) => from === 'start' || (from !== 'end' && r.position >= from.commit))
        : [...this.log]
            .reverse()
            .filter((r) => from === 'end' || (from !== 'start' && r.position < from.commit));
    return this.reading(selected.slice(0, Number(maxCount)));
  }

  subscribeToAll(options: { fromPosition?: ReadPosition; filter?: Filter } = {}) {
    const { fromPosition = 'start', filter } = options;
    let index =
      fromPosition === 'start'
        ? 0
        : fromPosition === 'end'
          ? this.log.length
          : (() => {
              const i = this.log.findIndex((r) => r.position > fromPosition.commit);
              return i < 0 ? this.log.length : i;
            })();
    const matches = (r: FakeRecord) => {
      if (!filter) return true;
      const subject = filter.filterOn === 'streamName' ? r.streamId : r.type;
      return 'prefixes' in filter
        ? filter.prefixes.some((p) => subject.startsWith(p))
        : new RegExp(filter.regex).test(subject);
    };
    let waiting: (() => void) | undefined;
    let ended = false;
    const pump = () => {
      if (ended || readable.destroyed) return;
      while (index < this.log.length) {
        const r = this.log[index++];
        if (!matches(r)) continue;
        this.delivered += 1;
        readable.push(this.resolved(r));
        return;
      }
      if (!waiting) {
        waiting = () => {
          waiting = undefined;
          pump();
        };
        this.appended.once('appended', waiting);
      }
    };
    const stop = () => {
      ended = true;
      if (waiting) this.appended.off('appended', waiting);
      waiting = undefined;
    };
    const readable: Readable = new Readable({
      objectMode: true,
      highWaterMark: 4,
      read: pump,
      destroy(error, callback) {
        stop();
        callback(error);
      },
    });
    return Object.assign(readable, {
      unsubscribe: async () => {
        if (!ended) {
          stop();
          readable.push(null);
        }
      },
    });
  }

  async dispose(): Promise<void> {}

  asClient(): EventStoreDBClient {
    return this as unknown as EventStoreDBClient;
  }
}
