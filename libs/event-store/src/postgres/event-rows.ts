import type { PendingQuery, Row, TransactionSql } from 'postgres';
import type { StoredEvent } from '../event-store.port';
import { categoryOf } from '../validation';

export { EVENT_COLUMNS as SELECT_COLUMNS, rowToEvent, type EventRow } from '../event-rows';

/**
 * Inserts events in one statement whatever their number: one array per column, unnested. The
 * statement is the same for every batch, so the server plans it once per connection. It also
 * notifies `channel` with the last position, which live subscribers receive at commit. Not sent
 * until awaited or executed.
 */
export function insertEvents(
  tx: TransactionSql,
  events: readonly StoredEvent[],
  channel: string,
): PendingQuery<Row[]> {
  const column = <T>(pick: (e: StoredEvent) => T): T[] => events.map(pick);
  return tx`
    WITH inserted AS (INSERT INTO events (position, id, stream, category, revision, type, schema_version, data, occurred_at, recorded_at,
      actor, correlation_id, causation_id, source, prev_hash, hash)
    SELECT * FROM unnest(
      ${column((e) => String(e.position))}::bigint[], ${column((e) => e.id)}::text[], ${column((e) => e.stream)}::text[],
      ${column((e) => categoryOf(e.stream))}::text[], ${column((e) => String(e.revision))}::bigint[], ${column((e) => e.type)}::text[],
      ${column((e) => String(e.schemaVersion))}::int[], ${column((e) => JSON.stringify(e.data))}::text[],
      ${column((e) => e.metadata.occurredAt)}::text[], ${column((e) => e.metadata.recordedAt)}::text[],
      ${column((e) => e.metadata.actor)}::text[], ${column((e) => e.metadata.correlationId)}::text[],
      ${column((e) => e.metadata.causationId)}::text[], ${column((e) => JSON.stringify(e.metadata.source))}::text[],
      ${column((e) => e.prevHash)}::text[], ${column((e) => e.hash)}::text[])
    RETURNING position)
    SELECT pg_notify(${channel}, max(position)::text) FROM inserted`;
}
