import type { ReadCutsNormalised } from '../read-options';
import { SELECT_COLUMNS } from './event-rows';

/**
 * What a read pages through: one stream, by revision; or the log, by position (only the streams
 * that start with one of these prefixes, when there are any).
 */
export type PageScope = { stream: string } | { streamPrefixes: readonly string[] };

/**
 * The SQL of a page of events for a read's scope and cuts (types, occurredUntil, recordedUntil):
 * keyset pagination on `key`, whose last two parameters are the cursor and the page's size.
 * Parameters are numbered ($1, $2, …) in the order they are added.
 */
export function pageQuery(
  cuts: ReadCutsNormalised,
  scope: PageScope,
): { sql: string; params: unknown[]; key: 'position' | 'revision'; forwards: boolean } {
  const forwards = cuts.direction === 'forwards';
  const where: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const key = 'stream' in scope ? 'revision' : 'position';
  if ('stream' in scope) where.push(`stream = ${param(scope.stream)}`);
  else if (scope.streamPrefixes.length > 0)
    where.push(
      `(${scope.streamPrefixes.map((prefix) => `starts_with(stream, ${param(prefix)})`).join(' OR ')})`,
    );
  if (cuts.types.length > 0) where.push(`type = ANY(${param([...cuts.types])}::text[])`);
  if (cuts.occurredUntil) where.push(`occurred_at <= ${param(cuts.occurredUntil)}`);
  if (cuts.recordedUntil) where.push(`recorded_at <= ${param(cuts.recordedUntil)}`);
  const cursorAt = params.length + 1;
  const sql = `SELECT ${SELECT_COLUMNS} FROM events WHERE ${[...where, `${key} ${forwards ? '>=' : '<='} $${cursorAt}`].join(' AND ')}
      ORDER BY ${key} ${forwards ? 'ASC' : 'DESC'} LIMIT $${cursorAt + 1}`;
  return { sql, params, key, forwards };
}
