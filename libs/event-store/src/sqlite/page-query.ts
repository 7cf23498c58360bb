import { EVENT_COLUMNS } from '../event-rows';
import type { ReadCutsNormalised } from '../read-options';

/**
 * The SQL of a page of events for a read's cuts (types, occurredUntil, recordedUntil), keyed by
 * position (the log) or revision (a stream): keyset pagination, whose last two parameters are
 * the cursor and the page's size.
 */
export function pageQuery(
  cuts: ReadCutsNormalised,
  key: 'position' | 'revision',
  baseWhere: readonly string[],
  baseParams: readonly unknown[],
): { sql: string; params: unknown[]; forwards: boolean } {
  const forwards = cuts.direction === 'forwards';
  const where = [...baseWhere];
  const params = [...baseParams];
  if (cuts.types.length > 0) {
    where.push(`type IN (${cuts.types.map(() => '?').join(', ')})`);
    params.push(...cuts.types);
  }
  if (cuts.occurredUntil) {
    where.push('occurred_at <= ?');
    params.push(cuts.occurredUntil);
  }
  if (cuts.recordedUntil) {
    where.push('recorded_at <= ?');
    params.push(cuts.recordedUntil);
  }
  const cursorOp = forwards ? '>=' : '<=';
  const sql = `SELECT ${EVENT_COLUMNS} FROM events WHERE ${[...where, `${key} ${cursorOp} ?`].join(' AND ')}
      ORDER BY ${key} ${forwards ? 'ASC' : 'DESC'} LIMIT ?`;
  return { sql, params, forwards };
}

/** The condition (and its parameters) of a read of the streams that start with any of these prefixes. */
export function streamPrefixWhere(prefixes: readonly string[]): [string[], unknown[]] {
  if (prefixes.length === 0) return [[], []];
  const params: unknown[] = [];
  for (const prefix of prefixes) params.push(prefix.length, prefix);
  return [[`(${prefixes.map(() => 'substr(stream, 1, ?) = ?').join(' OR ')})`], params];
}
