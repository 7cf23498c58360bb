import type { AppendExpectedRevision, CurrentRevision, JSONEventData, Position } from '@eventstore/db-client';
import { InvalidInput } from '../errors';
import type {
  AppendResult,
  EventMetadata,
  ExpectedRevision,
  StoredSource,
  StoredEvent,
  SubscriptionFilter,
} from '../event-store.port';
import { chainBatch } from '../hashing';
import type { ReadCutsNormalised } from '../read-options';
import { alreadyImported, assertImportContinues, type NormalisedEvent } from '../validation';

/**
 * Pure mapping between the port's types and the EventStoreDB client's, kept apart from the
 * adapter so that it is tested without a server. Nothing here talks to the network.
 */

/** Version of the metadata layout below. A reader refuses layouts newer than it knows. */
export const LEDGER_METADATA_FORMAT = 1;

/**
 * What the adapter stores as an event's custom metadata (JSON). Everything the port's hash covers
 * that is not the event's data lives here, so a stored event can be re-hashed from ESDB alone.
 * `$correlationId` / `$causationId` repeat the ids under EventStoreDB's own names, so its
 * `$by_correlation_id` projection and UI understand them; the ledger reads the plain fields.
 */
export interface LedgerEventMetadata {
  ledgerFormat: number;
  revision: number;
  prevHash: string | null;
  hash: string;
  schemaVersion: number;
  occurredAt: string;
  recordedAt: string;
  actor: string;
  correlationId: string;
  causationId: string | null;
  source: StoredSource;
  $correlationId: string;
  $causationId?: string;
}

/** The fields of a recorded event the mapping needs; the client's RecordedEvent fits it. */
export interface RecordLike {
  streamId: string;
  id: string;
  revision: bigint;
  type: string;
  isJson: boolean;
  data: unknown;
  metadata: unknown;
  position?: Position;
}

/** A resolved event from a stream read, a `$all` read or a subscription. */
export interface ResolvedLike {
  event?: RecordLike;
  link?: unknown;
}

/** The last event of a stream as the append path needs it. */
export interface StreamHead {
  revision: number;
  hash: string;
  recordedAt: string;
}

// ---------------------------------------------------------------------------------------------
// Revisions
// ---------------------------------------------------------------------------------------------

/** The port's expected revision in the client's form. */
export function toClientExpectedRevision(expected: ExpectedRevision | undefined): AppendExpectedRevision {
  switch (expected) {
    case undefined:
    case 'any':
      return 'any';
    case 'no_stream':
      return 'no_stream';
    case 'stream_exists':
      return 'stream_exists';
    default:
      return BigInt(expected);
  }
}

/**
 * The exact expected revision the adapter appends with: the revision it read (-1: no stream).
 * Appending with the exact head is what keeps two writers from forking a stream's hash chain.
 */
export function exactExpectedRevision(actual: number): AppendExpectedRevision {
  return actual < 0 ? 'no_stream' : BigInt(actual);
}

/** The client's "current revision" of a WrongExpectedVersionError as the port's number (-1: no stream). */
export function fromCurrentRevision(current: CurrentRevision | bigint | number | undefined | null): number {
  if (current === undefined || current === null || current === 'no_stream') return -1;
  const value = typeof current === 'bigint' ? current : BigInt(current);
  return value < 0n ? -1 : Number(value);
}

// ---------------------------------------------------------------------------------------------
// Positions
// ---------------------------------------------------------------------------------------------

/** Servers before 22.10 send this (2^64 - 1) for the position of an event read from a stream. */
const UNSET_POSITION = (1n << 64n) - 1n;

/**
 * The port's `position` is the commit position: ordered across the whole log, not dense (it is a
 * byte offset in the transaction file). Undefined when the server did not send one.
 */
export function positionToNumber(position: Position | undefined): number | undefined {
  if (!position || position.commit === UNSET_POSITION || position.commit < 0n) return undefined;
  if (position.commit > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(
      `Commit position ${position.commit} is beyond 2^53 and cannot be carried as a number`,
    );
  }
  return Number(position.commit);
}

/**
 * A port position back in the client's form. Events appended through gRPC are implicit
 * transactions whose commit and prepare positions are equal, so `{ commit: n, prepare: n }` is
 * the exact position of the event the number came from.
 */
export function numberToPosition(position: number): Position {
  const value = BigInt(position);
  return { commit: value, prepare: value };
}

export function comparePositions(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

// ---------------------------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------------------------

/** EventStoreDB's own events: `$`-prefixed types (`$>` links, `$metadata`, …) and streams. */
export function isSystemEvent(record: Pick<RecordLike, 'type' | 'streamId'>): boolean {
  return record.type.startsWith('$') || record.streamId.startsWith('$');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array)
  );
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isStringOrNull = (value: unknown): value is string | null =>
  value === null || typeof value === 'string';

/** True when `value` is metadata this adapter wrote, in a layout it knows. */
export function isLedgerMetadata(value: unknown): value is LedgerEventMetadata {
  if (!isObject(value)) return false;
  const source = value.source;
  return (
    typeof value.ledgerFormat === 'number' &&
    value.ledgerFormat >= 1 &&
    value.ledgerFormat <= LEDGER_METADATA_FORMAT &&
    Number.isSafeInteger(value.revision) &&
    isStringOrNull(value.prevHash) &&
    isString(value.hash) &&
    Number.isSafeInteger(value.schemaVersion) &&
    isString(value.occurredAt) &&
    isString(value.recordedAt) &&
    isString(value.actor) &&
    isString(value.correlationId) &&
    isStringOrNull(value.causationId) &&
    isObject(source) &&
    isString(source.kind) &&
    isString(source.reference) &&
    (source.url === undefined || isString(source.url))
  );
}

/** The metadata stored with `event` (whose hash is already computed). */
export function toLedgerMetadata(event: Omit<StoredEvent, 'position'>): LedgerEventMetadata {
  const { metadata } = event;
  return {
    ledgerFormat: LEDGER_METADATA_FORMAT,
    revision: event.revision,
    prevHash: event.prevHash,
    hash: event.hash,
    schemaVersion: event.schemaVersion,
    occurredAt: metadata.occurredAt,
    recordedAt: metadata.recordedAt,
    actor: metadata.actor,
    correlationId: metadata.correlationId,
    causationId: metadata.causationId,
    source: metadata.source,
    $correlationId: metadata.correlationId,
    ...(metadata.causationId !== null ? { $causationId: metadata.causationId } : {}),
  };
}

/**
 * A recorded event as the port's StoredEvent without its position, or null when it is not a
 * ledger event: a system event, a link, binary content, or metadata this adapter did not write.
 * The revision is EventStoreDB's; if it disagrees with the one written in the metadata, the
 * stored hash no longer verifies, which is how the integrity check sees it.
 */
export function parseLedgerRecord(record: RecordLike | undefined): Omit<StoredEvent, 'position'> | null {
  if (!record || isSystemEvent(record) || !record.isJson || !isLedgerMetadata(record.metadata)) return null;
  const m = record.metadata;
  const metadata: EventMetadata = {
    occurredAt: m.occurredAt,
    recordedAt: m.recordedAt,
    actor: m.actor,
    correlationId: m.correlationId,
    causationId: m.causationId,
    // Checked as it was appended; kept whole (its further sources and date flag are hashed too).
    source: m.source,
  };
  return {
    id: record.id.toLowerCase(),
    stream: record.streamId,
    revision: Number(record.revision),
    type: record.type,
    schemaVersion: m.schemaVersion,
    data: record.data,
    metadata,
    prevHash: m.prevHash,
    hash: m.hash,
  };
}

/**
 * A resolved event as the port's StoredEvent, or null when it is not a ledger event (see
 * parseLedgerRecord). Throws when the server sent no `$all` position with the event: stream reads
 * carry it from EventStoreDB 22.10 on, and the adapter needs that version or later.
 */
export function toStoredEvent(resolved: ResolvedLike): StoredEvent | null {
  const parsed = parseLedgerRecord(resolved.event);
  if (!parsed) return null;
  const position = positionToNumber(resolved.event?.position);
  if (position === undefined) {
    throw new Error(
      `Event ${parsed.id} (${parsed.stream}@${parsed.revision}) came without its $all position; ` +
        `the EventStoreDB adapter needs EventStoreDB/KurrentDB 22.10 or later`,
    );
  }
  return { ...parsed, position };
}

/** recordedAt for a new batch: the service clock, never before `floors` (ISO 8601, UTC, ms). */
export function nextRecordedAt(now: Date, ...floors: Array<string | undefined>): string {
  let recordedAt = now.toISOString();
  for (const floor of floors) if (floor !== undefined && floor > recordedAt) recordedAt = floor;
  return recordedAt;
}

export interface PreparedAppend {
  /** The events as they will be stored, hashed and chained; position is not known yet (0). */
  events: StoredEvent[];
  /** The same events in the client's form. */
  eventData: JSONEventData[];
}

/**
 * Numbers, chains and hashes a batch on top of `head` (null: the stream does not exist), exactly
 * as the SQLite adapter does, and builds what the client appends.
 */
export function prepareAppend(
  stream: string,
  batch: readonly NormalisedEvent[],
  head: StreamHead | null,
  recordedAt: string,
): PreparedAppend {
  const events = chainBatch(stream, batch, head, recordedAt);
  const eventData: JSONEventData[] = events.map(toEventData);
  return { events, eventData };
}

/**
 * A hashed event in the client's form. The client sends JSON.stringify(data), byte for byte the
 * `json` an append batch was validated and sized with; the client's type only admits objects,
 * arrays and strings, but any JSON value is stored and read back the same.
 */
export function toEventData(event: Omit<StoredEvent, 'position'>): JSONEventData {
  return {
    id: event.id,
    contentType: 'application/json',
    type: event.type,
    data: event.data as JSONEventData['data'],
    metadata: toLedgerMetadata(event) as unknown as JSONEventData['metadata'],
  };
}

/** The stored events of a batch, found by id in the stream. */
export type FoundEvents = ReadonlyMap<string, StoredEvent>;

/**
 * The port's idempotency rule, the same as the SQLite adapter's: when every id of the batch is
 * stored already with the same type and data, the original result (idempotentReplay: true);
 * when none is, null; a partial overlap, or an id stored with other content, is refused.
 * `found` holds the events of this stream whose ids are in the batch.
 */
export function idempotentReplay(
  stream: string,
  batch: readonly NormalisedEvent[],
  found: FoundEvents,
  headRevision: number,
): AppendResult | null {
  if (found.size === 0) return null;
  const stored: StoredEvent[] = [];
  batch.forEach((e, i) => {
    const event = found.get(e.id);
    if (!event) return;
    if (event.stream !== stream || event.type !== e.type || JSON.stringify(event.data) !== e.json) {
      throw new InvalidInput(
        'duplicate-event-id',
        `events[${i}].id`,
        `Event id ${e.id} is already stored (stream ${event.stream}, revision ${event.revision}) with other content`,
      );
    }
    stored.push(event);
  });
  if (stored.length === 0) return null;
  if (stored.length !== batch.length) {
    throw new InvalidInput(
      'duplicate-event-id',
      'events',
      `Some ids of this batch are stored already and others are not; a retry must resend the same batch`,
    );
  }
  return {
    stream,
    nextExpectedRevision: headRevision,
    position: stored[stored.length - 1].position,
    events: stored.map(({ id, revision, position, hash }) => ({ id, revision, position, hash })),
    idempotentReplay: true,
  };
}

// ---------------------------------------------------------------------------------------------
// Import
// ---------------------------------------------------------------------------------------------

/** An event stored at a stream revision, as far as the import check needs it. */
export interface StoredAt {
  id: string;
  hash: string;
}

export const storedAtKey = (stream: string, revision: number): string => `${stream}@${revision}`;

export interface ImportPlan {
  skipped: number;
  /** Runs of events of one stream, in the order given; each run continues its stream's chain. */
  writes: Array<{ stream: string; events: StoredEvent[] }>;
  /** The latest recordedAt among the events to write. */
  lastRecordedAt: string | undefined;
}

/**
 * The checks of the SQLite adapter's importEvents, made before anything is written: an event
 * already at its revision with the same id and hash is skipped (the same id with another hash is
 * refused), every other one must continue its stream's chain, and recordedAt must not go back
 * from the ledger's last event. EventStoreDB has no index of event ids, so "already stored" is
 * looked up at the event's own stream and revision (`existing`, keyed by storedAtKey).
 */
export function planImport(
  events: readonly StoredEvent[],
  heads: ReadonlyMap<string, StreamHead | null>,
  existing: ReadonlyMap<string, StoredAt>,
  ledgerLastRecordedAt: string | undefined,
): ImportPlan {
  const current = new Map(heads);
  const planned = new Map<string, string>();
  const writes: ImportPlan['writes'] = [];
  let lastRecorded = ledgerLastRecordedAt;
  let skipped = 0;
  events.forEach((e, i) => {
    const earlier = planned.get(e.id); // the same id twice in one import
    const stored =
      earlier !== undefined ? { id: e.id, hash: earlier } : existing.get(storedAtKey(e.stream, e.revision));
    if (alreadyImported(stored?.id === e.id ? stored : undefined, e, i)) {
      skipped += 1;
      return;
    }
    const head = current.get(e.stream) ?? null;
    assertImportContinues(e, i, head, lastRecorded);
    lastRecorded = e.metadata.recordedAt;
    current.set(e.stream, { revision: e.revision, hash: e.hash, recordedAt: e.metadata.recordedAt });
    planned.set(e.id, e.hash);
    const run = writes[writes.length - 1];
    if (run && run.stream === e.stream) run.events.push(e);
    else writes.push({ stream: e.stream, events: [e] });
  });
  return { skipped, writes, lastRecordedAt: writes.length > 0 ? lastRecorded : undefined };
}

/** Splits `items` into runs of at most `maxBytes` (by `size`), each holding at least one item. */
export function chunkByBytes<T>(items: readonly T[], size: (item: T) => number, maxBytes: number): T[][] {
  const chunks: T[][] = [];
  let chunk: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const n = size(item);
    if (chunk.length > 0 && bytes + n > maxBytes) {
      chunks.push(chunk);
      chunk = [];
      bytes = 0;
    }
    chunk.push(item);
    bytes += n;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

/** Roughly what an event weighs in an append request: its data and its metadata as JSON. */
export function eventDataBytes(data: JSONEventData): number {
  return Buffer.byteLength(JSON.stringify(data.data)) + Buffer.byteLength(JSON.stringify(data.metadata)) + 64;
}

// ---------------------------------------------------------------------------------------------
// Read cuts and filters
// ---------------------------------------------------------------------------------------------

export function matchesStreamPrefixes(stream: string, prefixes: readonly string[]): boolean {
  return prefixes.length === 0 || prefixes.some((prefix) => stream.startsWith(prefix));
}

/** The read cuts the server cannot apply, applied to one event (the SQLite WHERE clause). */
export function matchesCuts(
  event: StoredEvent,
  cuts: Pick<ReadCutsNormalised, 'types' | 'streamPrefixes' | 'occurredUntil' | 'recordedUntil'>,
): boolean {
  if (cuts.types.length > 0 && !cuts.types.includes(event.type)) return false;
  if (!matchesStreamPrefixes(event.stream, cuts.streamPrefixes)) return false;
  if (cuts.occurredUntil !== undefined && event.metadata.occurredAt > cuts.occurredUntil) return false;
  if (cuts.recordedUntil !== undefined && event.metadata.recordedAt > cuts.recordedUntil) return false;
  return true;
}

/** True when the cuts drop events the server returns, so a page may yield fewer than it read. */
export function hasEventCuts(
  cuts: Pick<ReadCutsNormalised, 'types' | 'occurredUntil' | 'recordedUntil'>,
): boolean {
  return cuts.types.length > 0 || cuts.occurredUntil !== undefined || cuts.recordedUntil !== undefined;
}

export function streamPrefixesOf(prefix: SubscriptionFilter['streamPrefix']): readonly string[] {
  return prefix === undefined ? [] : typeof prefix === 'string' ? [prefix] : prefix;
}

export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * What the server filters a subscription on. EventStoreDB filters on the stream name or on the
 * event type, not both: stream prefixes win (they are the narrower cut in practice) and the types
 * are then checked here; with neither, system events are left out on the server.
 */
export type ServerFilterSpec =
  | { on: 'streamName'; prefixes: string[] }
  | { on: 'eventType'; regex: string }
  | { on: 'excludeSystemEvents' };

export function serverFilterSpec(filter: SubscriptionFilter = {}): ServerFilterSpec {
  const prefixes = streamPrefixesOf(filter.streamPrefix);
  if (prefixes.length > 0) return { on: 'streamName', prefixes: [...prefixes] };
  const types = filter.types ?? [];
  if (types.length > 0) return { on: 'eventType', regex: `^(?:${types.map(escapeRegex).join('|')})$` };
  return { on: 'excludeSystemEvents' };
}

export function matchesSubscriptionFilter(event: StoredEvent, filter: SubscriptionFilter = {}): boolean {
  const types = filter.types ?? [];
  if (types.length > 0 && !types.includes(event.type)) return false;
  return matchesStreamPrefixes(event.stream, streamPrefixesOf(filter.streamPrefix));
}

/** A connection string fit for logs and `info()`: any password replaced. */
export function redactConnectionString(connectionString: string): string {
  return connectionString.replace(/^([a-z+]+:\/\/[^:/@]+):[^@/]*@/i, '$1:***@');
}
