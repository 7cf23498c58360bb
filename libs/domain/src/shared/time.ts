import { unrealDateProblem } from './real-dates';
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
 * Whether a date names a real period or instant (no month 13, no 30 February, no T24:00, no
 * +14:30 offset): Date.parse would roll those over, or take them, rather than refuse them.
 */
export function isRealDate(value: string): boolean {
  // The ledger's one judge of what is real (real-dates.ts); Date.parse only reads the rest.
  if (unrealDateProblem(value) !== undefined) return false;
  return REDUCED_PRECISION_DATE.test(value) || !Number.isNaN(Date.parse(value));
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

/** The date-in-future rule, for one date a command gives: `field` is named in the refusal. */
function ensureNotAfterNow(field: string, value: string, now: string): void {
  ensure(isOnOrBefore(value, now), 'date-in-future', `${field} ${value} is after now (${now})`, {
    field,
    [field]: value,
    now,
  });
}

/** The date-in-future rule every command obeys, whatever its aggregate. */
export function assertNotInFuture(occurredAt: string, now: string): void {
  ensureNotAfterNow('occurredAt', occurredAt, now);
}

/**
 * The fields a command may date after now: what is planned, or fixed in advance by law or
 * appointment, not what has happened (a meeting's date and its new date, a deferral's end; the
 * day a body is founded or abolished, as the police authorities' abolition and the PCCs' founding
 * on 22 November 2012 were known in advance; the start and end of a term or a membership). Reads
 * apply them by date, so the clock alone makes them true. A publication, a signature, a source's
 * reading or a grant of dispensation is something that has happened, and is held to now.
 */
const PLANNED_DATE_FIELDS = new Set([
  'scheduledFor',
  'newDate',
  'until',
  'foundingDate',
  'dissolutionDate',
  'startDate',
  'endDate',
]);
/** How a field that holds a date is named: foundingDate, publishedAt, publishedOn, signed.on. */
const DATE_FIELD = /(?:Date|At|On)$|^on$/;
/** A date as a command gives one: a year, a month, a day or a date-time. */
const GIVEN_DATE = /^\d{4}(?:-\d{2}(?:-\d{2}(?:T.*)?)?)?$/;

/**
 * The date-in-future rule for every other date a command gives (a body's foundingDate, a term's
 * startDate, a document's publishedAt, a decision's publishedOn or signed.on, a correction's
 * changes), wherever it is nested: a date after now would show a fact as already true. Each is
 * compared at its first instant, as occurredAt is; the refusal names the field by its path.
 */
export function assertGivenDatesNotInFuture(data: unknown, now: string, path = ''): void {
  if (Array.isArray(data)) {
    data.forEach((item, i) => assertGivenDatesNotInFuture(item, now, `${path}[${i}]`));
    return;
  }
  if (data === null || typeof data !== 'object') return;
  for (const [key, value] of Object.entries(data)) {
    const field = path ? `${path}.${key}` : key;
    if (typeof value === 'string') {
      if (
        DATE_FIELD.test(key) &&
        !PLANNED_DATE_FIELDS.has(key) &&
        GIVEN_DATE.test(value) &&
        isRealDate(value)
      )
        ensureNotAfterNow(field, value, now);
    } else assertGivenDatesNotInFuture(value, now, field);
  }
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
    `${stream} already has an entry that happened at ${lastOccurredAt}, after ${occurredAt}: a record's entries follow one another in the order of their dates. To fix the later entry's date, retract it and record it again with its right date; to fix what it says, correct it`,
    { occurredAt, lastOccurredAt },
  );
}

/** Whether `date` falls within [start, end): a term, a body's life, a membership. */
export function within(date: string, start: string | undefined, end: string | undefined): boolean {
  const d = toInstant(date);
  return (start === undefined || toInstant(start) <= d) && (end === undefined || d < toInstant(end));
}

/**
 * The first calendar day (YYYY-MM-DD) a date of any precision can be, as it is written: "2012-06"
 * is 2012-06-01, a day is itself, and a date-time is the day its date part names, in its own
 * offset (2012-06-10T00:30:00+01:00 is the 10th, though it is the 9th in UTC). A clerk dates an
 * entry by the local day it happened on; days are compared as given, never moved to UTC. Instants
 * (toInstant) are for ordering; this is for "which day".
 */
export function firstDayOf(value: string): string {
  const reduced = REDUCED_PRECISION_DATE.exec(value);
  if (!reduced) return value.slice(0, 10);
  const [, year, month = '01', day = '01'] = reduced;
  return `${year}-${month}-${day}`;
}

/** The last calendar day (YYYY-MM-DD) a date of any precision can be, as written: "2012-06" is 2012-06-30. */
export function lastDayOf(value: string): string {
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
