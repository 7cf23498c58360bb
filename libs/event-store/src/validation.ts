import { isISO8601, isUUID } from 'class-validator';
import { InvalidInput } from './errors';
import type { ExpectedRevision, NewEvent, StoredEvent, StreamAppend } from './event-store.port';
import { eventHash } from './hashing';
import type { NormalisedEvent } from './normalised-event';
import { normaliseStoredSource } from './provenance';

export type { NormalisedEvent };

/**
 * A year, a month or a day alone: kept as given (never a fake midnight). Its string sorts before
 * every timestamp of its period, so comparing stored dates as strings places it at its first
 * instant, the ledger's cut rule (README, "Uncertain dates").
 */
const REDUCED_PRECISION_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** A reduced-precision date that names a real period (no month 13, no 30 February). */
function isRealReducedDate(value: string): boolean {
  const m = REDUCED_PRECISION_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2] ?? '01'), Number(m[3] ?? '01')];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** occurredAt as stored: a year, month or day as given; a timestamp as toISOString writes it. */
export function storedOccurredAt(value: string): string {
  return REDUCED_PRECISION_DATE.test(value) ? value : new Date(value).toISOString();
}

/**
 * Input rules of the port, applied by every adapter before anything is written, so a bad batch
 * is refused whole with an error that names the field.
 */

/** `<category>-<id>`: the category maps onto EventStoreDB's `$ce-<category>` streams. */
export const STREAM_NAME = /^[a-z][a-zA-Z0-9]{0,63}-[A-Za-z0-9][A-Za-z0-9_.:-]{0,190}$/;
const EVENT_TYPE = /^[A-Za-z][A-Za-z0-9_.]{0,127}$/;
export const DEFAULT_MAX_EVENT_BYTES = 256 * 1024;

export function categoryOf(stream: string): string {
  return stream.slice(0, stream.indexOf('-'));
}

export function assertStreamName(stream: unknown): asserts stream is string {
  if (typeof stream !== 'string' || !STREAM_NAME.test(stream)) {
    throw new InvalidInput(
      'invalid-stream-name',
      'stream',
      `Stream name ${JSON.stringify(stream)} is not of the form <category>-<id> ` +
        `(category: a lower-case letter then letters or digits; id: letters, digits, _ . : -)`,
    );
  }
}

export function assertExpectedRevision(value: unknown): asserts value is ExpectedRevision | undefined {
  if (value === undefined || value === 'any' || value === 'no_stream' || value === 'stream_exists') return;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return;
  throw new InvalidInput(
    'invalid-expected-revision',
    'expectedRevision',
    `expectedRevision ${JSON.stringify(value)} is not one of 'any', 'no_stream', 'stream_exists' or a revision (an integer >= 0)`,
  );
}

/** Rejects anything JSON would silently change: undefined, NaN, Infinity, Dates, class instances, cycles. */
function assertJson(value: unknown, path: string, seen: Set<object>): void {
  const fail = (why: string): never => {
    throw new InvalidInput('data-not-json', path, `${path} ${why}; event data must be plain JSON`);
  };
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return;
    case 'number':
      if (!Number.isFinite(value)) fail(`is ${value}`);
      return;
    case 'object': {
      if (value === null) return;
      if (seen.has(value)) fail('refers back to itself (a cycle)');
      seen.add(value);
      if (Array.isArray(value)) {
        value.forEach((item, i) => assertJson(item, `${path}[${i}]`, seen));
      } else {
        const proto = Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null;
        if (proto !== Object.prototype && proto !== null)
          fail(`is a ${proto.constructor?.name ?? 'non-plain'} object`);
        for (const [key, item] of Object.entries(value)) assertJson(item, `${path}.${key}`, seen);
      }
      seen.delete(value);
      return;
    }
    default:
      fail(`is ${typeof value}`);
  }
}

/** Array.isArray without its narrowing, which would turn a readonly typed array into any[]. */
function isList(value: unknown): boolean {
  return Array.isArray(value);
}

function nonEmptyString(value: unknown, field: string, max = 512): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > max) {
    throw new InvalidInput(
      'invalid-metadata',
      field,
      `${field} must be a non-empty string of at most ${max} characters`,
    );
  }
  return value;
}

/** Validates a whole batch and returns it in the form the adapters store. Throws on the first problem. */
export function normaliseBatch(
  stream: unknown,
  events: readonly NewEvent[],
  expectedRevision: unknown,
  maxEventBytes = DEFAULT_MAX_EVENT_BYTES,
  /** The correlationId of events that give none: by default the batch's first event id. */
  defaultCorrelationId?: string,
): NormalisedEvent[] {
  assertStreamName(stream);
  assertExpectedRevision(expectedRevision);
  if (!isList(events) || events.length === 0) {
    throw new InvalidInput('empty-batch', 'events', 'events is empty: an append needs at least one event');
  }
  const ids = new Set<string>();
  return events.map((event, i) => {
    const at = `events[${i}]`;
    if (!isUUID(event?.id ?? '')) {
      throw new InvalidInput(
        'invalid-event-id',
        `${at}.id`,
        `${at}.id ${JSON.stringify(event?.id)} is not a UUID`,
      );
    }
    const id = event.id.toLowerCase();
    if (ids.has(id))
      throw new InvalidInput('duplicate-event-id', `${at}.id`, `${at}.id ${id} appears twice in one batch`);
    ids.add(id);
    if (typeof event.type !== 'string' || !EVENT_TYPE.test(event.type)) {
      throw new InvalidInput(
        'invalid-event-type',
        `${at}.type`,
        `${at}.type ${JSON.stringify(event.type)} is not a valid event type`,
      );
    }
    const schemaVersion = event.schemaVersion ?? 1;
    if (!Number.isSafeInteger(schemaVersion) || schemaVersion < 1) {
      throw new InvalidInput(
        'invalid-metadata',
        `${at}.schemaVersion`,
        `${at}.schemaVersion must be an integer >= 1`,
      );
    }
    assertJson(event.data, `${at}.data`, new Set());
    const meta = event.metadata ?? ({} as NewEvent['metadata']);
    if (
      typeof meta.occurredAt !== 'string' ||
      (REDUCED_PRECISION_DATE.test(meta.occurredAt)
        ? !isRealReducedDate(meta.occurredAt)
        : !isISO8601(meta.occurredAt, { strict: true }))
    ) {
      throw new InvalidInput(
        'invalid-metadata',
        `${at}.metadata.occurredAt`,
        `${at}.metadata.occurredAt must be a year (2012), a month (2012-07), a day (2012-07-15) or an ISO 8601 timestamp`,
      );
    }
    const source = normaliseStoredSource(meta.source ?? {}, `${at}.metadata.source`);
    const normalised: NormalisedEvent = {
      id,
      type: event.type,
      schemaVersion,
      json: JSON.stringify(event.data),
      data: event.data,
      occurredAt: storedOccurredAt(meta.occurredAt),
      actor: nonEmptyString(meta.actor, `${at}.metadata.actor`),
      correlationId:
        meta.correlationId === undefined
          ? (defaultCorrelationId ?? events[0].id).toLowerCase()
          : nonEmptyString(meta.correlationId, `${at}.metadata.correlationId`, 128),
      causationId:
        meta.causationId == null ? null : nonEmptyString(meta.causationId, `${at}.metadata.causationId`, 128),
      source,
    };
    const bytes =
      Buffer.byteLength(normalised.json) + Buffer.byteLength(JSON.stringify(normalised.source)) + 512;
    if (bytes > maxEventBytes) {
      throw new InvalidInput(
        'event-too-large',
        `${at}.data`,
        `${at} is ${bytes} bytes, over the limit of ${maxEventBytes}`,
      );
    }
    return normalised;
  });
}

/** A part of an append to several streams, validated as `normaliseBatch` validates a batch. */
export interface NormalisedPart {
  stream: string;
  batch: NormalisedEvent[];
  expected: ExpectedRevision;
}

/**
 * Validates the parts of an append to several streams: at least one, each stream once, each
 * batch as an append's; errors name the part (`parts[1].events[0].id`). Events without a
 * correlationId take the first event's id of the whole append.
 */
export function normaliseParts(
  parts: readonly StreamAppend[],
  maxEventBytes = DEFAULT_MAX_EVENT_BYTES,
): NormalisedPart[] {
  if (!isList(parts) || parts.length === 0)
    throw new InvalidInput('invalid-parts', 'parts', 'parts is empty: an append needs at least one stream');
  const streams = new Set<string>();
  const ids = new Set<string>();
  const firstId = parts[0]?.events?.[0]?.id;
  return parts.map((part, p) => {
    const at = `parts[${p}]`;
    let batch: NormalisedEvent[];
    try {
      batch = normaliseBatch(
        part?.stream,
        part?.events,
        part?.expectedRevision,
        maxEventBytes,
        typeof firstId === 'string' ? firstId : undefined,
      );
    } catch (error) {
      if (error instanceof InvalidInput)
        throw new InvalidInput(
          error.code,
          error.field === 'stream' || error.field === 'expectedRevision' || error.field.startsWith('events')
            ? `${at}.${error.field}`
            : error.field,
          `${at}: ${error.message}`,
        );
      throw error;
    }
    if (streams.has(part.stream))
      throw new InvalidInput(
        'invalid-parts',
        `${at}.stream`,
        `${at}.stream ${part.stream} appears twice in one append`,
      );
    streams.add(part.stream);
    batch.forEach((e, i) => {
      if (ids.has(e.id))
        throw new InvalidInput(
          'duplicate-event-id',
          `${at}.events[${i}].id`,
          `${at}.events[${i}].id ${e.id} appears twice in one append`,
        );
      ids.add(e.id);
    });
    return { stream: part.stream, batch, expected: part.expectedRevision ?? 'any' };
  });
}

/**
 * Checks exported events before they are restored: the same input rules as an append, plus each
 * event's hash recomputed from its content. Chain continuity is checked by the adapter.
 */
export function checkImportBatch(
  events: readonly StoredEvent[],
  maxEventBytes = DEFAULT_MAX_EVENT_BYTES,
): StoredEvent[] {
  if (!isList(events) || events.length === 0) {
    throw new InvalidInput('empty-batch', 'events', 'events is empty: nothing to import');
  }
  return events.map((event, i) => {
    const at = `events[${i}]`;
    try {
      normaliseBatch(event?.stream, [event], 'any', maxEventBytes);
    } catch (error) {
      // Name the event's place in the whole batch, not in the batch of one checked here.
      if (error instanceof InvalidInput)
        throw new InvalidInput(
          error.code,
          error.field.replace(/^events\[0\]/, at),
          error.message.replace(/events\[0\]/g, at),
        );
      throw error;
    }
    if (!Number.isSafeInteger(event.revision) || event.revision < 0) {
      throw new InvalidInput('invalid-metadata', `${at}.revision`, `${at}.revision must be an integer >= 0`);
    }
    if (
      typeof event.metadata.recordedAt !== 'string' ||
      !isISO8601(event.metadata.recordedAt, { strict: true })
    ) {
      throw new InvalidInput(
        'invalid-metadata',
        `${at}.metadata.recordedAt`,
        `${at}.metadata.recordedAt must be an ISO 8601 timestamp`,
      );
    }
    // The ledger writes every timestamp as toISOString gives it (and a year, month or day as
    // given), and its read models order them as strings: an import takes them in that form only.
    for (const field of ['occurredAt', 'recordedAt'] as const) {
      const value = event.metadata[field];
      const canonical = field === 'occurredAt' ? storedOccurredAt(value) : new Date(value).toISOString();
      if (value !== canonical) {
        throw new InvalidInput(
          'invalid-metadata',
          `${at}.metadata.${field}`,
          `${at}.metadata.${field} is ${JSON.stringify(value)}; an import takes timestamps as the ledger writes them: ${canonical}`,
        );
      }
    }
    const recomputed = eventHash(event);
    if (recomputed !== event.hash) {
      throw new InvalidInput(
        'hash-mismatch',
        `${at}.hash`,
        `${at} (${event.id}) does not hash to its stored hash: it was changed after export`,
      );
    }
    return event;
  });
}

/** `expected` against the stream's `actual` revision (-1: no stream): the port's rule for every adapter. */
export function revisionMatches(expected: ExpectedRevision, actual: number): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return actual === -1;
  if (expected === 'stream_exists') return actual >= 0;
  return expected === actual;
}

/**
 * An imported event whose id is stored already (`stored`, or undefined when it is not): skipped
 * when it is the same event, its hash the same; refused when it is another. True: skip it.
 */
export function alreadyImported(
  stored: { hash: string } | undefined,
  e: StoredEvent,
  index: number,
): boolean {
  if (stored === undefined) return false;
  if (stored.hash !== e.hash)
    throw new InvalidInput(
      'duplicate-event-id',
      `events[${index}].id`,
      `Event ${e.id} is already stored with another hash`,
    );
  return true;
}

/** An imported event must continue its stream's chain and come no earlier than the ledger's last recordedAt. */
export function assertImportContinues(
  e: StoredEvent,
  i: number,
  head: { revision: number; hash: string } | null,
  lastRecorded: string | undefined,
): void {
  if ((head?.revision ?? -1) !== e.revision - 1 || (head?.hash ?? null) !== e.prevHash) {
    throw new InvalidInput(
      'chain-break',
      `events[${i}]`,
      `Event ${e.id} (${e.stream} revision ${e.revision}) does not continue its stream, which is at revision ${head?.revision ?? -1}`,
    );
  }
  if (lastRecorded !== undefined && e.metadata.recordedAt < lastRecorded) {
    throw new InvalidInput(
      'recorded-out-of-order',
      `events[${i}].metadata.recordedAt`,
      `Event ${e.id} was recorded at ${e.metadata.recordedAt}, before the last event of this ledger (${lastRecorded}); import into an empty ledger or in recorded order`,
    );
  }
}
