import type Database from 'better-sqlite3';
import { EVENT_COLUMNS, type EventRow } from './event-rows';

/**
 * Pages of a SQLite ledger's events rows as stored (not yet read as events), in position order:
 * for the offline verifier, which must see a damaged row as it is. The column list is the
 * adapter's own (event-rows.ts), so the verifier cannot drift from what the store writes.
 */
export type EventRowPages = (after: number, upTo: number, limit: number) => EventRow[];

export function sqliteEventRowPages(db: Database.Database): EventRowPages {
  const page = db.prepare(
    `SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? AND position <= ? ORDER BY position LIMIT ?`,
  );
  return (after, upTo, limit) => page.all(after, upTo, limit) as EventRow[];
}
