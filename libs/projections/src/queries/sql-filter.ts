import type Database from 'better-sqlite3';
import { isRealDate, REDUCED_PRECISION_DATE, toInstant } from '@ledger/domain';
import { InvalidInput } from '@ledger/event-store';
import type { TimeCut } from '../time-travel/time-cut';

/** The connections `ledger_instant` is registered on: a new read-model generation is a new one. */
const withInstant = new WeakSet<Database.Database>();

/**
 * SQL for the first instant of a date stored as given (`2013`, `2013-04`, a date-time with its
 * zone): the cut rule, through the domain's own toInstant, so that no register compares the
 * raw string (`2013` sorts before `2013-01-01T00:00:00.000Z` though it is the same instant).
 */
export function instantOf(db: Database.Database, column: string): string {
  if (!withInstant.has(db)) {
    db.function('ledger_instant', { deterministic: true }, (value: unknown) =>
      typeof value === 'string' && isRealDate(value) ? toInstant(value) : null,
    );
    withInstant.add(db);
  }
  return `ledger_instant(${column})`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A date as a register stores it: a year, a month, a day or a date-time, and a real one. */
const isStoredDate = (date: string) =>
  (REDUCED_PRECISION_DATE.test(date) || /^\d{4}-\d{2}-\d{2}T/.test(date)) && isRealDate(date);

/**
 * A page cursor of a register ordered by (date, event id): the two run together. The event id is
 * a UUID (the store refuses any other), so it is the last 36 characters whatever the date's
 * precision; anything else was not a `next` of ours, and is refused rather than read as a place.
 */
export function registerCursor(row: Record<string, unknown>): string {
  return `${String(row.date)}${String(row.event_id)}`;
}

function parseRegisterCursor(after: string): [date: string, eventId: string] {
  const [date, eventId] = [after.slice(0, -36), after.slice(-36)];
  if (after.length <= 36 || !UUID.test(eventId) || !isStoredDate(date))
    throw new InvalidInput(
      'invalid-read-option',
      'after',
      'after is not a cursor of this register: pass the `next` of the page before, as it was given',
    );
  return [date, eventId];
}

/** The year `by` years from an instant's, as a stored date starts (four digits), kept to 0000–9999 by open ends. */
const yearBound = (instant: string, by: number): string => {
  const year = Number(instant.slice(0, 4)) + by;
  return year < 0 ? '' : year > 9999 ? '\uffff' : String(year).padStart(4, '0');
};

/** A WHERE clause built up condition by condition, with its parameters in order. */
export class SqlFilter {
  readonly clauses: string[] = [];
  readonly params: unknown[] = [];

  add(clause: string, ...params: unknown[]): this {
    this.clauses.push(clause);
    this.params.push(...params);
    return this;
  }

  when(value: unknown, clause: string, ...params: unknown[]): this {
    return value === undefined || value === null || value === '' ? this : this.add(clause, ...params);
  }

  /** The rows after a register's cursor (registerCursor), in (date, event id) order. */
  after(alias: string, after?: string): this {
    if (!after) return this;
    return this.add(`(${alias}.date, ${alias}.event_id) > (?, ?)`, ...parseRegisterCursor(after));
  }

  /** Rows dated by the cut's asOf. */
  cut(cut: TimeCut, dateColumn: string): this {
    return this.when(cut.asOf, `${dateColumn} <= ?`, cut.asOf && new Date(cut.asOf).toISOString());
  }

  /** Of a versioned register (register-versions.ts), the version the ledger held at knownAt, or now. */
  known(cut: TimeCut, alias: string): this {
    if (!cut.knownAt) return this.add(`${alias}.known_until IS NULL`);
    const at = new Date(cut.knownAt).toISOString();
    return this.add(
      `${alias}.known_from <= ? AND (${alias}.known_until IS NULL OR ${alias}.known_until > ?)`,
      at,
      at,
    );
  }

  /** A range over a column that holds instants (an ISO 8601 instant in UTC, as toInstant gives). */
  range(range: { from?: string; to?: string }, column: string): this {
    this.when(range.from, `${column} >= ?`, range.from && new Date(range.from).toISOString());
    return this.when(range.to, `${column} <= ?`, range.to && new Date(range.to).toISOString());
  }

  /**
   * A range over a column of dates stored as given, by each date's first instant (the cut rule):
   * `2013` is in from=2013-01-01. The years either side bound the raw column too, so that its
   * index still narrows the rows: a date's own year is never more than one off its instant's.
   */
  datedRange(db: Database.Database, range: { from?: string; to?: string }, column: string): this {
    const instant = instantOf(db, column);
    const from = range.from && new Date(range.from).toISOString();
    const to = range.to && new Date(range.to).toISOString();
    if (from) this.add(`${column} >= ? AND ${instant} >= ?`, yearBound(from, -1), from);
    if (to) this.add(`${column} < ? AND ${instant} <= ?`, yearBound(to, 2), to);
    return this;
  }

  get sql(): string {
    return this.clauses.length === 0 ? '1 = 1' : this.clauses.join(' AND ');
  }
}
