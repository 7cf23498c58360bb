/**
 * The event-store port. Every adapter (embedded SQLite, PostgreSQL, EventStoreDB) implements it, and the
 * contract suite in ./testing holds them to the same behaviour.
 *
 * Vocabulary follows EventStoreDB so that the cluster adapter is a thin mapping:
 * - a stream is `<category>-<id>` and its events are numbered by `revision` from 0;
 * - `position` is the global order across all streams (a dense sequence on SQLite, the
 *   commit position on EventStoreDB); callers treat it as an ordered cursor and nothing more.
 */

/** One source an entry cites: minutes, a decision record, a report, a news report. */
export interface SourceRef {
  kind: string;
  /** The document and passage. */
  reference: string;
  url?: string;
  /** The exact words of the source the entry relies on. */
  quote?: string;
  /** When the source was read (ISO 8601). */
  accessedAt?: string;
  /** SHA-256 (64 hex digits) of the source as read. */
  contentHash?: string;
}

/**
 * `metadata.source` as stored: the entry's first source, its further sources (`more`) and
 * whether its `occurredAt` is approximate. One JSON value, hashed with the event, in every
 * store; an event written before these existed holds its one source alone. Read it through
 * ./provenance.ts (sourcesOf, isApproximate), never field by field.
 */
export interface StoredSource extends SourceRef {
  more?: SourceRef[];
  occurredAtApproximate?: true;
}

/** Metadata the caller gives. `recordedAt` is deliberately absent: only the server sets it. */
export interface NewEventMetadata {
  /** When it happened in the world (ISO 8601); may lie in the past. */
  occurredAt: string;
  /** Who recorded it (a user or API-key name). */
  actor: string;
  /** Groups every event caused by one request; defaults to the first event id of the batch. */
  correlationId?: string;
  /** The event or command that caused this one. */
  causationId?: string | null;
  source: StoredSource;
}

export interface NewEvent<Type extends string = string, Data = unknown> {
  /** A UUID chosen by the caller: appending the same id twice writes once. */
  id: string;
  type: Type;
  schemaVersion?: number;
  data: Data;
  metadata: NewEventMetadata;
}

export interface EventMetadata extends Required<Omit<NewEventMetadata, 'causationId'>> {
  causationId: string | null;
  /** When the ledger accepted it: the server clock, never decreasing along `position`. */
  recordedAt: string;
}

export interface StoredEvent<Type extends string = string, Data = unknown> {
  id: string;
  stream: string;
  revision: number;
  position: number;
  type: Type;
  schemaVersion: number;
  data: Data;
  metadata: EventMetadata;
  /** Hash of the previous event in the same stream; null for revision 0. */
  prevHash: string | null;
  /** SHA-256 of the canonical encoding of this event (see ./hashing.ts). */
  hash: string;
}

/** EventStoreDB's forms: any, no_stream, stream_exists, or the exact current revision. */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | number;

export interface AppendOptions {
  expectedRevision?: ExpectedRevision;
  /**
   * The request's idempotency key and the fingerprint of its content. A store that keeps them
   * (see EventStore.idempotencyFingerprint) commits them with the events, so a crash can never
   * leave the events without the key, and refuses the key with another fingerprint.
   */
  idempotency?: { key: string; fingerprint: string };
}

/** One stream's part of an append to several streams (EventStore.appendToStreams). */
export interface StreamAppend {
  stream: string;
  events: readonly NewEvent[];
  expectedRevision?: ExpectedRevision;
}

export interface AppendedEvent {
  id: string;
  revision: number;
  position: number;
  hash: string;
}

export interface AppendResult {
  stream: string;
  /** The stream's revision after the append: the next expectedRevision. */
  nextExpectedRevision: number;
  /** The global position of the last event of the batch. */
  position: number;
  events: AppendedEvent[];
  /** True when every event id was already stored: nothing was written. */
  idempotentReplay: boolean;
}

export type Direction = 'forwards' | 'backwards';

interface ReadCuts {
  /** Only events of these types. */
  types?: readonly string[];
  /** Only events with `occurredAt <= occurredUntil` (as of a date). */
  occurredUntil?: string;
  /** Only events with `recordedAt <= recordedUntil` (as known at a date). */
  recordedUntil?: string;
  /** Stop after this many events. */
  limit?: number;
  direction?: Direction;
  /** Rows fetched per page; the read never holds more than one page. */
  pageSize?: number;
}

export interface ReadStreamOptions extends ReadCuts {
  /** Inclusive. Defaults to the first (forwards) or last (backwards) revision. */
  fromRevision?: number;
}

export interface ReadAllOptions extends ReadCuts {
  /** Inclusive. Defaults to the first (forwards) or last (backwards) position. */
  fromPosition?: number;
  /** Only streams whose name starts with one of these prefixes (`proposal-` for a category). */
  streamPrefix?: string | readonly string[];
}

export interface SubscriptionFilter {
  types?: readonly string[];
  streamPrefix?: string | readonly string[];
}

export interface SubscribeOptions {
  /**
   * `start`, `end`, or a checkpoint: the last position the caller has handled (exclusive), and
   * optionally the id of the event it handled there, which the store checks before going on
   * (SubscriptionDiverged when another event, or none, is there now).
   */
  from: 'start' | 'end' | { after: number; eventId?: string };
  filter?: SubscriptionFilter;
  /** Aborting ends the iteration cleanly. */
  signal?: AbortSignal;
}

export interface StreamInfo {
  stream: string;
  exists: boolean;
  /** -1 when the stream does not exist. */
  revision: number;
  /** The hash of the last event, the head of the stream's chain. */
  lastHash: string | null;
}

export interface StoreInfo {
  kind: 'sqlite' | 'eventstoredb' | 'postgres';
  /** The last global position, or 0 on an empty store (positions start at 1). */
  head: number;
  eventCount: number;
  streamCount: number;
  schemaVersion: number;
  details: Record<string, unknown>;
}

export interface ImportResult {
  imported: number;
  /** Events already stored with the same hash: an import can be run again safely. */
  skipped: number;
}

export interface EventStore {
  readonly kind: StoreInfo['kind'];
  append(stream: string, events: readonly NewEvent[], options?: AppendOptions): Promise<AppendResult>;
  /**
   * Appends to several streams as one, each part checked against its own expected revision, and
   * answers a result per part, in the order given. What keeps a value unique across streams: a
   * register stream (one per value) appended with `no_stream` or its exact revision beside the
   * entry that takes the value, so that of two writers taking the same value one loses. Each part
   * is a batch as `append` takes it (a retried part, every id stored already, is a replay); a
   * stream may appear once; events without a correlationId take the first event's id of the
   * whole append; the idempotency key is stored with the last part.
   *
   * `atomicMultiStreamAppend` says whether it is all or nothing. SQLite and PostgreSQL write every
   * part or none (one transaction). EventStoreDB appends to one stream at a time: the parts are
   * written in the order given, so a part that fails leaves the parts before it written, and the
   * error is PartlyAppended, naming them and carrying the part's own error (see the adapter's
   * README for how the command side undoes them).
   */
  appendToStreams(parts: readonly StreamAppend[], options?: AppendOptions): Promise<AppendResult[]>;
  readonly atomicMultiStreamAppend: boolean;
  readStream(stream: string, options?: ReadStreamOptions): AsyncIterable<StoredEvent>;
  readAll(options?: ReadAllOptions): AsyncIterable<StoredEvent>;
  /**
   * Catch-up then live, in global order, each event once. The iterator is pulled by the
   * consumer, so a slow handler holds the reader back (back-pressure) instead of a buffer
   * growing. The caller stores its own checkpoint and passes it back as `{ after }`. A store whose
   * readers can see commits that a failover then loses (PostgreSQL) checks, before each page,
   * that the last event it handed over is still there, and throws SubscriptionDiverged if not.
   */
  subscribe(options: SubscribeOptions): AsyncIterable<StoredEvent>;
  /**
   * Restores events exported from a ledger exactly as they were recorded (id, revision, recordedAt,
   * hashes), in the order given. Each event's hash is recomputed and must match, and each must
   * continue its stream's chain; an event already stored with the same hash is skipped. Positions
   * are this store's own. Used by `ledger events import`; not for recording new facts.
   */
  importEvents(events: readonly StoredEvent[]): Promise<ImportResult>;
  streamInfo(stream: string): Promise<StreamInfo>;
  head(): Promise<number>;
  info(): Promise<StoreInfo>;
  /**
   * The fingerprint stored with an idempotency key's events, if the store keeps them in the
   * append's own transaction (SQLite does). A store without it leaves the HTTP layer to keep
   * keys beside the ledger, where a crash between the two writes can separate them.
   */
  idempotencyFingerprint?(key: string): Promise<string | undefined>;
  /**
   * In this process only: calls `listener` with the events this store instance has just
   * committed, as stored, in order, after their appends are acknowledged. For a cache beside the
   * store (the command side's StreamCache), which then need not read back what it just wrote.
   * Writes by other processes or instances are not seen here. Returns the way to stop listening.
   */
  onCommitted?(listener: (events: readonly StoredEvent[]) => void): () => void;
  /** Waits for appends in flight, then releases the store. */
  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EVENT_STORE');
