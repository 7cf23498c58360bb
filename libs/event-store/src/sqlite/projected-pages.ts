import type Database from 'better-sqlite3';
import type { StoredEvent } from '../event-store.port';

/** An event as a projection reads it: a rebuild reads the whole log, and needs no more. */
export type ProjectedEvent = Pick<
  StoredEvent,
  'id' | 'stream' | 'revision' | 'position' | 'type' | 'schemaVersion' | 'data'
> & {
  // Whether the entry's date is a guess (its source's occurredAtApproximate): reads give it
  // beside the dates some entries set (a meeting held, a proposal tabled or closed).
  metadata: Pick<StoredEvent['metadata'], 'occurredAt' | 'recordedAt'> & { occurredAtApproximate?: true };
};

/**
 * The source's occurredAtApproximate, 1 or 0, as a SQL expression: 1 only for JSON `true`, as the
 * live projector reads it (isApproximate); `instr` first, so only the few sources that carry the
 * flag are parsed as JSON (a rebuild reads every row).
 */
const APPROXIMATE_SQL = `CASE WHEN instr(source, 'occurredAtApproximate') > 0 AND json_type(source, '$.occurredAtApproximate') = 'true' THEN 1 ELSE 0 END`;

/**
 * A page of the log as a rebuild reads it: raw rows, in these columns. A rebuild's writer thread
 * may read pages itself with this very statement, and hand them over as rows (data parsed).
 */
export const PROJECTED_PAGE_SQL = `SELECT position, id, stream, revision, type, schema_version, data, occurred_at, recorded_at, ${APPROXIMATE_SQL} FROM events WHERE position >= ? ORDER BY position LIMIT ?`;
/**
 * The same page as one JSON text of those rows (data inline), made by SQLite as UTF-8 bytes:
 * [rows, last position, bytes (null for no rows)]. A rebuild's writer thread reads pages so and
 * hands them over without a copy (the text is what JSON.stringify of the rows would give, up to
 * how strings are escaped).
 */
export const PROJECTED_PAGE_JSON_SQL = `SELECT count(*), max(position), CAST('[' || group_concat(row, ',') || ']' AS BLOB) FROM (
  SELECT position, format('[%d,%s,%s,%d,%s,%d,%s,%s,%s,%d]', position, json_quote(id), json_quote(stream), revision, json_quote(type), schema_version, data, json_quote(occurred_at), json_quote(recorded_at), ${APPROXIMATE_SQL}) AS row
  FROM events WHERE position >= ? ORDER BY position LIMIT ?)`;
export type ProjectedRow<Data = string> = [
  number,
  string,
  string,
  number,
  string,
  number,
  Data,
  string,
  string,
  number,
];

/** A row of PROJECTED_PAGE_SQL as an event, its data parsed. */
export const projectedEvent = ([
  position,
  id,
  stream,
  revision,
  type,
  schemaVersion,
  data,
  occurredAt,
  recordedAt,
  approximate,
]: ProjectedRow<unknown>): ProjectedEvent => ({
  id,
  stream,
  revision,
  position,
  type,
  schemaVersion,
  data: data,
  metadata: approximate
    ? { occurredAt, recordedAt, occurredAtApproximate: true }
    : { occurredAt, recordedAt },
});

/**
 * The log from `fromPosition` on, a page at a time, read with PROJECTED_PAGE_SQL: `assertOpen`
 * is asked before each page, so a store closed meanwhile ends the read with its error.
 */
export function* projectedPages(
  select: Database.Statement,
  fromPosition: number,
  pageSize: number,
  assertOpen: () => void,
): Generator<ProjectedEvent[]> {
  // Rows as arrays (raw): cheaper to make than objects, and turned into events at once anyway.
  const raw = select.raw(true);
  let cursor = fromPosition;
  for (;;) {
    assertOpen();
    // The data column arrives as JSON text and is parsed in place.
    const rows = raw.all(cursor, pageSize) as ProjectedRow<unknown>[];
    if (rows.length === 0) return;
    yield rows.map((row) => {
      row[6] = JSON.parse(row[6] as string) as unknown;
      return projectedEvent(row);
    });
    if (rows.length < pageSize) return;
    cursor = rows[rows.length - 1][0] + 1;
  }
}
