import type { AppendExpectedRevision, CurrentRevision, JSONEventData, Position } from '@eventstore/db-client';
import type { EventMetadata, ExpectedRevision, StoredSource, StoredEvent } from '../event-store.port';

/**
 * Pure mapping between the port's types and the EventStoreDB client's, kept apart from the
 * adapter so that it is tested without a server. Nothing here talks to the network. What an
 * append and an import plan, and the read filters, pure too, are in append-plan.ts,
 * import-plan.ts and read-filters.ts.
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

/** A connection string fit for logs and `info()`: any password replaced. */
export function redactConnectionString(connectionString: string): string {
  return connectionString.replace(/^([a-z+]+:\/\/[^:/@]+):[^@/]*@/i, '$1:***@');
}
