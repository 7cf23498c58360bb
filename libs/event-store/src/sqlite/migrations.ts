import type Database from 'better-sqlite3';
import { SchemaTooNew } from '../errors';

/**
 * Versioned schema migrations for one SQLite file shared by several components (the event log,
 * the Merkle log, the read models). Each component numbers its own migrations from 1; the
 * versions applied are kept in `schema_versions`. They run at start, each in a transaction.
 */
export interface Migration {
  version: number;
  description: string;
  up(db: Database.Database): void;
}

export function migrate(
  db: Database.Database,
  component: string,
  migrations: readonly Migration[],
  where = 'The ledger database',
): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_versions (
    component TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const known = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  const row = db.prepare('SELECT version FROM schema_versions WHERE component = ?').get(component) as
    { version: number } | undefined;
  const current = row?.version ?? 0;
  if (current > known) throw new SchemaTooNew(current, known, `${where} (component ${component})`);
  const pending = migrations.filter((m) => m.version > current).sort((a, b) => a.version - b.version);
  for (const m of pending) {
    db.transaction(() => {
      m.up(db);
      db.prepare(
        `INSERT INTO schema_versions (component, version, applied_at) VALUES (?, ?, ?)
         ON CONFLICT(component) DO UPDATE SET version = excluded.version, applied_at = excluded.applied_at`,
      ).run(component, m.version, new Date().toISOString());
    })();
  }
  return known;
}

export const EVENT_LOG_COMPONENT = 'events';

/** The triggers that make the events table append-only; `ledger repair` recreates them when dropped. */
export const EVENTS_APPEND_ONLY_TRIGGERS = `
  CREATE TRIGGER IF NOT EXISTS events_no_update BEFORE UPDATE ON events
    BEGIN SELECT RAISE(ABORT, 'events are append-only: record a correction event instead'); END;
  CREATE TRIGGER IF NOT EXISTS events_no_delete BEFORE DELETE ON events
    BEGIN SELECT RAISE(ABORT, 'events are append-only: record a retraction event instead'); END;
`;

export const eventLogMigrations: readonly Migration[] = [
  {
    version: 1,
    description: 'append-only events table with its read indexes',
    up(db) {
      db.exec(`
        CREATE TABLE events (
          position       INTEGER PRIMARY KEY,
          id             TEXT NOT NULL UNIQUE,
          stream         TEXT NOT NULL,
          category       TEXT NOT NULL,
          revision       INTEGER NOT NULL,
          type           TEXT NOT NULL,
          schema_version INTEGER NOT NULL,
          data           TEXT NOT NULL,
          occurred_at    TEXT NOT NULL,
          recorded_at    TEXT NOT NULL,
          actor          TEXT NOT NULL,
          correlation_id TEXT NOT NULL,
          causation_id   TEXT,
          source         TEXT NOT NULL,
          prev_hash      TEXT,
          hash           TEXT NOT NULL,
          UNIQUE (stream, revision)
        );
        CREATE INDEX events_by_type ON events (type, position);
        CREATE INDEX events_by_category ON events (category, position);
        CREATE INDEX events_by_occurred ON events (occurred_at, position);
        CREATE INDEX events_by_recorded ON events (recorded_at, position);
      `);
      db.exec(EVENTS_APPEND_ONLY_TRIGGERS);
    },
  },
];

export const IDEMPOTENCY_COMPONENT = 'idempotency';

/**
 * Idempotency keys with the fingerprint of the request that first used them, written in the
 * append's own transaction: a key is never committed without its events, nor events without
 * their key. Append-only, as the events are.
 */
export const idempotencyMigrations: readonly Migration[] = [
  {
    version: 1,
    description: 'idempotency keys with their request fingerprints, committed with the events',
    up(db) {
      db.exec(`
        CREATE TABLE idempotency_keys (
          key         TEXT PRIMARY KEY,
          fingerprint TEXT NOT NULL,
          stream      TEXT NOT NULL,
          position    INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TRIGGER idempotency_keys_no_update BEFORE UPDATE ON idempotency_keys
          BEGIN SELECT RAISE(ABORT, 'idempotency keys are append-only'); END;
        CREATE TRIGGER idempotency_keys_no_delete BEFORE DELETE ON idempotency_keys
          BEGIN SELECT RAISE(ABORT, 'idempotency keys are append-only'); END;
      `);
    },
  },
];
