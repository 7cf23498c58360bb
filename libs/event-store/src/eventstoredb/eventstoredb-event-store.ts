import {
  ErrorType,
  EventStoreDBClient,
  MaxAppendSizeExceededError,
  type Position,
} from '@eventstore/db-client';
import { InvalidInput, PartlyAppended, StoreClosed, WrongExpectedRevision } from '../errors';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  ExpectedRevision,
  ImportResult,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  StoreInfo,
  StoredEvent,
  StreamAppend,
  StreamInfo,
  SubscribeOptions,
} from '../event-store.port';
import { normaliseReadCuts } from '../read-options';
import { checkpointEvent, expectEventAt } from '../subscription-check';
import {
  checkImportBatch,
  DEFAULT_MAX_EVENT_BYTES,
  normaliseBatch,
  normaliseParts,
  revisionMatches,
  type NormalisedEvent,
} from '../validation';
import { errorType, isWrongExpectedVersion, readStreamRaw } from './client-calls';
import { confirmAppend, readAppendWindow, readHead } from './append-reads';
import { importInRuns } from './import-events';
import { idempotentReplay, nextRecordedAt, prepareAppend } from './append-plan';
import {
  exactExpectedRevision,
  fromCurrentRevision,
  LEDGER_METADATA_FORMAT,
  numberToPosition,
  parseLedgerRecord,
  redactConnectionString,
} from './mapping';
import { pagedAll, pagedStream } from './paged-reads';
import { lastPositionOfAll, subscribeAfter } from './subscription';

export interface EventStoreDbEventStoreOptions {
  /** `esdb://host:2113?tls=false`, `esdb://n1:2113,n2:2113,n3:2113`, `esdb+discover://…`. */
  connectionString: string;
  maxEventBytes?: number;
  /** Events fetched per server read; a read never holds more than one page. */
  pageSize?: number;
  /** The ledger service's clock: recordedAt is part of the hashed content, so the service sets it. */
  clock?: () => Date;
  /**
   * How many of a stream's last events an append searches for ids it was given already (the
   * idempotency check). A retry of a batch older than this window is appended again.
   */
  idempotencyWindow?: number;
  /** Tries for an 'any' / 'stream_exists' append whose stream moved between read and write. */
  maxAppendAttempts?: number;
  /** Consecutive transient failures (leader change, node restart) a subscription rides out. */
  maxSubscriptionRetries?: number;
}

function assertCursor(value: unknown, field: string): asserts value is number | undefined {
  if (value !== undefined && (typeof value !== 'number' || !Number.isSafeInteger(value))) {
    throw new InvalidInput('invalid-read-option', field, `${field} must be an integer`);
  }
}

/**
 * The event-store port on an EventStoreDB / KurrentDB cluster (gRPC client v6). Semantics follow
 * the SQLite adapter; README.md in this folder lists where the server makes them differ.
 */
export class EventStoreDbEventStore implements EventStore {
  readonly kind = 'eventstoredb' as const;
  readonly client: EventStoreDBClient;
  private readonly options: Required<Omit<EventStoreDbEventStoreOptions, 'connectionString'>> & {
    connectionString: string;
  };
  private closed = false;
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly subscriptions = new Set<AbortController>();
  /** The latest recordedAt this process wrote: its own appends never go back in time. */
  private lastRecordedAt: string | undefined;

  /**
   * @param client - for tests only: a client to use instead of one made from the connection
   *   string (the store disposes it on close).
   */
  constructor(options: EventStoreDbEventStoreOptions, client?: EventStoreDBClient) {
    this.options = {
      maxEventBytes: DEFAULT_MAX_EVENT_BYTES,
      pageSize: 500,
      clock: () => new Date(),
      idempotencyWindow: 1000,
      maxAppendAttempts: 5,
      maxSubscriptionRetries: 5,
      ...options,
    };
    for (const key of ['pageSize', 'idempotencyWindow', 'maxAppendAttempts'] as const) {
      const value = this.options[key];
      if (!Number.isSafeInteger(value) || value < 1)
        throw new RangeError(`${key} must be an integer >= 1, not ${value}`);
    }
    // Parses the string; no connection is made until the first call.
    this.client = client ?? EventStoreDBClient.connectionString(options.connectionString);
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreClosed();
  }

  // -------------------------------------------------------------------------------------------
  // Append
  // -------------------------------------------------------------------------------------------

  async append(
    stream: string,
    events: readonly NewEvent[],
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    this.assertOpen();
    const batch = normaliseBatch(stream, events, options.expectedRevision, this.options.maxEventBytes);
    return this.track(this.appendBatch(stream, batch, options.expectedRevision ?? 'any'));
  }

  /** One stream per append on the server: see appendToStreams. */
  readonly atomicMultiStreamAppend = false;

  /**
   * The parts one after another, in the order given, each as `append` writes it: EventStoreDB
   * (gRPC client v6, server 24.10) appends to one stream at a time. Every part is validated before
   * the first write. A part that fails after others were written throws PartlyAppended with their
   * results and the part's own error; the first part failing writes nothing and throws its error.
   */
  async appendToStreams(
    parts: readonly StreamAppend[],
    _options: AppendOptions = {},
  ): Promise<AppendResult[]> {
    this.assertOpen();
    const normalised = normaliseParts(parts, this.options.maxEventBytes);
    return this.track(
      (async () => {
        const results: AppendResult[] = [];
        for (const part of normalised) {
          try {
            results.push(await this.appendBatch(part.stream, part.batch, part.expected));
          } catch (error) {
            if (results.some((r) => !r.idempotentReplay)) throw new PartlyAppended(results, error);
            throw error;
          }
        }
        return results;
      })(),
    );
  }

  /** Remembers a write until it settles, so close() can wait for it. */
  private track<T>(work: Promise<T>): Promise<T> {
    const settle = () => this.inFlight.delete(work);
    this.inFlight.add(work);
    work.then(settle, settle);
    return work;
  }

  /**
   * Read the head, check idempotency and the expected revision, hash on top of the head, and
   * append with the exact revision read. If another writer got in between, the server refuses
   * (WrongExpectedVersion) and nothing is written; the loop then looks again: a retry of the same
   * batch becomes a replay, an exact or no_stream expectation fails with the actual revision,
   * and 'any' / 'stream_exists' are rebuilt on the new head (a bounded number of times).
   */
  private async appendBatch(
    stream: string,
    batch: NormalisedEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    for (let attempt = 1; ; attempt++) {
      const { head, found } = await readAppendWindow(
        this.client,
        stream,
        batch,
        this.options.idempotencyWindow,
      );
      const actual = head ? head.revision : -1;
      const replay = idempotentReplay(stream, batch, found, actual);
      if (replay) return replay;
      if (!revisionMatches(expected, actual)) throw new WrongExpectedRevision(stream, expected, actual);

      const recordedAt = nextRecordedAt(this.options.clock(), head?.recordedAt, this.lastRecordedAt);
      const prepared = prepareAppend(stream, batch, head, recordedAt);
      let nextExpected: bigint;
      try {
        const result = await this.client.appendToStream(stream, prepared.eventData, {
          expectedRevision: exactExpectedRevision(actual),
          requiresLeader: true,
        });
        nextExpected = result.nextExpectedRevision;
      } catch (error) {
        if (isWrongExpectedVersion(error)) {
          if (attempt < this.options.maxAppendAttempts) continue;
          throw new WrongExpectedRevision(stream, expected, fromCurrentRevision(error.actualVersion));
        }
        if (
          error instanceof MaxAppendSizeExceededError ||
          errorType(error) === ErrorType.MAXIMUM_APPEND_SIZE_EXCEEDED
        ) {
          throw new InvalidInput(
            'event-too-large',
            'events',
            `events: the batch is over the server's MaxAppendSize (${(error as MaxAppendSizeExceededError).maxAppendSize} bytes); send it in smaller batches`,
          );
        }
        throw error;
      }
      if (this.lastRecordedAt === undefined || recordedAt > this.lastRecordedAt)
        this.lastRecordedAt = recordedAt;
      return confirmAppend(this.client, stream, batch, prepared.events, actual, Number(nextExpected));
    }
  }

  // -------------------------------------------------------------------------------------------
  // Import
  // -------------------------------------------------------------------------------------------

  /**
   * Restores exported events as recorded. Every check (hashes, chains, recordedAt order, events
   * already stored) is made before the first write. The writes are then one append per run of a
   * stream, each with the exact expected revision, in the order given. EventStoreDB cannot append
   * to several streams atomically: if a write fails part-way, the runs before it stay, and
   * running the same import again skips them and carries on.
   */
  async importEvents(events: readonly StoredEvent[]): Promise<ImportResult> {
    this.assertOpen();
    const checked = checkImportBatch(events, this.options.maxEventBytes);
    return this.track(this.importChecked(checked));
  }

  private async importChecked(events: StoredEvent[]): Promise<ImportResult> {
    const { imported, skipped, lastRecordedAt } = await importInRuns(this.client, events, {
      readHead: (stream) => readHead(this.client, stream),
      lastLedgerEvent: () => this.lastLedgerEvent(),
    });
    if (
      lastRecordedAt !== undefined &&
      (this.lastRecordedAt === undefined || lastRecordedAt > this.lastRecordedAt)
    )
      this.lastRecordedAt = lastRecordedAt;
    return { imported, skipped };
  }

  // -------------------------------------------------------------------------------------------
  // Reads
  // -------------------------------------------------------------------------------------------

  readStream(stream: string, options: ReadStreamOptions = {}): AsyncIterable<StoredEvent> {
    const cuts = normaliseReadCuts(options, this.options.pageSize);
    assertCursor(options.fromRevision, 'fromRevision');
    return pagedStream(this.client, () => this.assertOpen(), stream, cuts, options.fromRevision);
  }

  readAll(options: ReadAllOptions = {}): AsyncIterable<StoredEvent> {
    const cuts = normaliseReadCuts(options, this.options.pageSize);
    assertCursor(options.fromPosition, 'fromPosition');
    return pagedAll(this.client, () => this.assertOpen(), cuts, options.fromPosition);
  }

  // -------------------------------------------------------------------------------------------
  // Subscriptions
  // -------------------------------------------------------------------------------------------

  /**
   * Catch-up then live through one `subscribeToAll`, filtered on the server. The subscription is
   * a Readable pulled by this generator, so a slow consumer pauses it (HTTP/2 flow control) and
   * nothing buffers without bound. If the node goes away or loses leadership, the generator
   * subscribes again after the last event it handed out.
   */
  async *subscribe(options: SubscribeOptions): AsyncGenerator<StoredEvent> {
    this.assertOpen();
    const { from, filter, signal } = options;
    if (
      from !== 'start' &&
      from !== 'end' &&
      !(typeof from === 'object' && from !== null && Number.isSafeInteger(from.after))
    ) {
      throw new InvalidInput(
        'invalid-read-option',
        'from',
        `from must be 'start', 'end' or { after: <position> }`,
      );
    }
    const checkpoint = checkpointEvent(from);
    if (checkpoint) await expectEventAt(this, checkpoint);
    const stop = new AbortController();
    const onAbort = () => stop.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    if (signal?.aborted) stop.abort();
    this.subscriptions.add(stop);
    try {
      /** Exclusive: the subscription starts after it. */
      let after: Position | undefined;
      if (from === 'end') after = await lastPositionOfAll(this.client);
      else if (from !== 'start' && from.after > 0) after = numberToPosition(from.after);
      yield* subscribeAfter(this.client, after, filter, stop.signal, this.options.maxSubscriptionRetries);
    } finally {
      signal?.removeEventListener('abort', onAbort);
      this.subscriptions.delete(stop);
    }
  }

  // -------------------------------------------------------------------------------------------
  // Information
  // -------------------------------------------------------------------------------------------

  async streamInfo(stream: string): Promise<StreamInfo> {
    this.assertOpen();
    for await (const resolved of readStreamRaw(this.client, stream, 'end', 'backwards', 1, true)) {
      if (!resolved.event) continue;
      const last = parseLedgerRecord(resolved.event);
      return {
        stream,
        exists: true,
        revision: Number(resolved.event.revision),
        lastHash: last?.hash ?? null,
      };
    }
    return { stream, exists: false, revision: -1, lastHash: null };
  }

  /** The last ledger event in `$all` (system and foreign events are passed over). */
  private async lastLedgerEvent(): Promise<StoredEvent | undefined> {
    for await (const event of pagedAll(
      this.client,
      () => this.assertOpen(),
      normaliseReadCuts({ direction: 'backwards', limit: 1 }, this.options.pageSize),
      undefined,
    )) {
      return event;
    }
    return undefined;
  }

  /** The position of the last ledger event in `$all`, or 0 when there is none. */
  async head(): Promise<number> {
    this.assertOpen();
    return (await this.lastLedgerEvent())?.position ?? 0;
  }

  async info(): Promise<StoreInfo> {
    return {
      kind: this.kind,
      head: await this.head(),
      eventCount: -1,
      streamCount: -1,
      schemaVersion: LEDGER_METADATA_FORMAT,
      details: {
        connection: redactConnectionString(this.options.connectionString),
        counts:
          'unknown (-1): EventStoreDB keeps no count of events or streams; counting would read all of $all',
        position: 'the commit position in the transaction log: ordered, not dense',
        schemaVersion: 'the version of the ledger metadata layout stored with each event',
        maxEventBytes: this.options.maxEventBytes,
        pageSize: this.options.pageSize,
        idempotencyWindow: this.options.idempotencyWindow,
        maxAppendAttempts: this.options.maxAppendAttempts,
      },
    };
  }

  /** Ends live subscriptions, waits for appends in flight, then disposes the client. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const subscription of this.subscriptions) subscription.abort();
    await Promise.allSettled([...this.inFlight]);
    await this.client.dispose();
  }
}
