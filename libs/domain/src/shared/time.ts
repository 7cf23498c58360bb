import { ensure } from './rules';

/**
 * How precisely a date is known. Popolo and Open Civic Data give dates in ISO 8601 at reduced
 * precision (YYYY, YYYY-MM, YYYY-MM-DD); the ledger keeps a date exactly as given, so that a
 * month reported as "July 2012" is never turned into a fake midnight on 1 July.
 */
export type DatePrecision = 'year' | 'month' | 'day' | 'time';

/** A year, a month or a day alone (kept as given); anything else is a full timestamp. */
export const REDUCED_PRECISION_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** The precision a stored or given `occurredAt` is written at. */
export function datePrecision(value: string): DatePrecision {
  const reduced = REDUCED_PRECISION_DATE.exec(value);
  if (!reduced) return 'time';
  return reduced[3] !== undefined ? 'day' : reduced[2] !== undefined ? 'month' : 'year';
}

/**
 * Whether a reduced-precision date names a real period (no month 13, no 30 February): Date.parse
 * would roll those over into the next month rather than refuse them.
 */
export function isRealDate(value: string): boolean {
  const reduced = REDUCED_PRECISION_DATE.exec(value);
  if (!reduced) return !Number.isNaN(Date.parse(value));
  const [, y, m = '01', d = '01'] = reduced;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return (
    date.getUTCFullYear() === Number(y) &&
    date.getUTCMonth() === Number(m) - 1 &&
    date.getUTCDate() === Number(d)
  );
}

/** Instants already worked out: the same few dates (terms, founding dates) are compared again and again. */
const instants = new Map<string, string>();

/**
 * The instant a date is placed at when dates are compared: a timestamp is itself; a year, month
 * or day is the first instant of its period (UTC). This is the ledger's one cut rule: an entry
 * dated "2012-07" is in every as-of view from 2012-07-01T00:00:00Z on (see README, "Uncertain
 * dates"). It is a sort key, never what a read shows: reads show the date as given.
 */
export function toInstant(value: string): string {
  let instant = instants.get(value);
  if (instant === undefined) {
    instant = new Date(value).toISOString();
    if (instants.size >= 10_000) instants.clear();
    instants.set(value, instant);
  }
  return instant;
}

export function isOnOrBefore(a: string, b: string): boolean {
  return toInstant(a) <= toInstant(b);
}

/**
 * Orders dates of any precision deterministically: by the first instant of each, then the
 * coarser first (a year before the first of its days, as the stored strings sort), then as given.
 */
export function compareDates(a: string, b: string): number {
  const byInstant = toInstant(a).localeCompare(toInstant(b));
  if (byInstant !== 0) return byInstant;
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** The date-in-future rule every command obeys, whatever its aggregate. */
export function assertNotInFuture(occurredAt: string, now: string): void {
  ensure(isOnOrBefore(occurredAt, now), 'date-in-future', `occurredAt ${occurredAt} is after now (${now})`, {
    occurredAt,
    now,
  });
}

/** The time rules every command obeys, whatever its aggregate. */
export function assertTimely(
  occurredAt: string,
  now: string,
  lastOccurredAt: string | undefined,
  stream: string,
): void {
  assertNotInFuture(occurredAt, now);
  ensure(
    lastOccurredAt === undefined || isOnOrBefore(lastOccurredAt, occurredAt),
    'date-goes-backwards',
    `${stream} already has an event that happened at ${lastOccurredAt}, after ${occurredAt}; record a correction of the earlier entry instead`,
    { occurredAt, lastOccurredAt },
  );
}

/** Whether `date` falls within [start, end): a term, a body's life, a membership. */
export function within(date: string, start: string | undefined, end: string | undefined): boolean {
  const d = toInstant(date);
  return (start === undefined || toInstant(start) <= d) && (end === undefined || d < toInstant(end));
}

/** The first day (YYYY-MM-DD, UTC) a date of any precision can be: "2012-06" is 2012-06-01. */
function firstDayOf(value: string): string {
  return toInstant(value).slice(0, 10);
}

/** The last day (YYYY-MM-DD, UTC) a date of any precision can be: "2012-06" is 2012-06-30. */
function lastDayOf(value: string): string {
  const reduced = REDUCED_PRECISION_DATE.exec(value);
  if (!reduced) return firstDayOf(value);
  const [, year, month, day] = reduced;
  if (day !== undefined) return value;
  // Day 0 of the next month is the last day of this one.
  if (month !== undefined)
    return new Date(Date.UTC(Number(year), Number(month), 0)).toISOString().slice(0, 10);
  return `${year}-12-31`;
}

/**
 * The `ends-before-start` rule, for every period the ledger records with a start and an end (a
 * term of office, a membership of an alliance), however its end is recorded: with the start, or
 * later by a leaving. Each date comes with the field it was read from, so the refusal names them.
 * Days are compared, each date at the precision it is given: an end is refused only when the last
 * day it can be falls before the first day the start can be (a term may end the day it starts).
 */
export function ensureEndsAfterStart(
  what: string,
  start: { field: string; date: string },
  end: { field: string; date: string | undefined },
): void {
  if (end.date === undefined) return;
  ensure(
    firstDayOf(start.date) <= lastDayOf(end.date),
    'ends-before-start',
    `${what} ends on ${end.date} (${end.field}), before it starts on ${start.date} (${start.field})`,
    { fields: [end.field, start.field], [end.field]: end.date, [start.field]: start.date },
  );
}
