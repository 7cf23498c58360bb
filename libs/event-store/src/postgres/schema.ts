import type { Sql, TransactionSql } from 'postgres';
import { SchemaTooNew } from '../errors';

/**
 * Versioned migrations of the ledger's PostgreSQL schema, one list per component (the event log,
 * the Merkle log), kept in `ledger_schema_versions`. Several service instances may start at once:
 * each runs the migrations under a transaction-level advisory lock, so one applies them and the
 * others find them applied.
 */
export interface PostgresMigration {
  version: number;
  description: string;
  sql: string;
}

/** Advisory lock keys (one namespace, two keys): appends, and migrations. */
export const ADVISORY_NAMESPACE = 0x1ed6e2;
export const APPEND_LOCK_KEY = 1;
const MIGRATION_LOCK_KEY = 2;

/** The channel a commit notifies, with the new head position as payload. */
export const APPENDED_CHANNEL = 'ledger_appended';

/** The role every migration grants SELECT and INSERT (never UPDATE, DELETE or TRUNCATE) on its tables. */
export const APPENDER_ROLE = 'ledger_appender';

export async function migratePostgres(
  sql: Sql,
  component: string,
  migrations: readonly PostgresMigration[],
  where: string,
): Promise<number> {
  const known = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  await sql.begin(async (tx: TransactionSql) => {
    await tx`SELECT pg_advisory_xact_lock(${ADVISORY_NAMESPACE}::int, ${MIGRATION_LOCK_KEY}::int)`;
    // Looked up first: a service running as the appender role may not create anything, and needs not.
    const [{ exists }] = await tx<
      { exists: boolean }[]
    >`SELECT to_regclass('ledger_schema_versions') IS NOT NULL AS exists`;
    if (!exists) {
      await tx.unsafe(`CREATE TABLE ledger_schema_versions (
        component text PRIMARY KEY,
        version integer NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      );
      DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APPENDER_ROLE}')
           AND (SELECT rolcreaterole OR rolsuper FROM pg_roles WHERE rolname = current_user) THEN
          CREATE ROLE ${APPENDER_ROLE} NOLOGIN;
        END IF;
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APPENDER_ROLE}') THEN
          GRANT SELECT ON ledger_schema_versions TO ${APPENDER_ROLE};
        END IF;
      END $$;`);
    }
    const [row] = await tx<
      { version: number }[]
    >`SELECT version FROM ledger_schema_versions WHERE component = ${component}`;
    const current = row?.version ?? 0;
    if (current > known) throw new SchemaTooNew(current, known, `${where} (component ${component})`);
    for (const m of migrations.filter((m) => m.version > current).sort((a, b) => a.version - b.version)) {
      await tx.unsafe(m.sql);
      await tx`INSERT INTO ledger_schema_versions (component, version) VALUES (${component}, ${m.version})
        ON CONFLICT (component) DO UPDATE SET version = excluded.version, applied_at = now()`;
    }
  });
  return known;
}

/**
 * SQL that refuses UPDATE, DELETE and TRUNCATE on `table` (to its owner too, who could otherwise
 * change history), takes those rights from everyone, and grants reading and appending to the
 * appender role. That role is created with the versions table when the migrating user may create
 * roles (a DBA creates it otherwise); a service runs as a login role that is a member of it.
 */
export function appendOnlyTable(table: string, what: string): string {
  return `
    CREATE OR REPLACE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '% is append-only: %', TG_TABLE_NAME, TG_ARGV[0] USING ERRCODE = 'insufficient_privilege';
    END $$;
    CREATE TRIGGER ${table}_no_update BEFORE UPDATE OR DELETE ON ${table}
      FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change('${what}');
    CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
      FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change('${what}');
    REVOKE UPDATE, DELETE, TRUNCATE ON ${table} FROM PUBLIC;
    DO $$
    BEGIN
      IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APPENDER_ROLE}') THEN
        GRANT SELECT, INSERT ON ${table} TO ${APPENDER_ROLE};
      END IF;
    END $$;`;
}

export const EVENT_LOG_COMPONENT = 'events';

/**
 * Timestamps are stored as the text the ledger writes (toISOString), so that they read back
 * byte for byte as they were hashed; data and source as JSON text for the same reason.
 * `position` is given by the store under the append lock: dense, and in commit order.
 */
export const eventLogMigrations: readonly PostgresMigration[] = [
  {
    version: 1,
    description: 'append-only events table with its read indexes',
    sql: `
      CREATE TABLE events (
        position       bigint PRIMARY KEY CHECK (position >= 1),
        id             text NOT NULL UNIQUE,
        stream         text NOT NULL,
        category       text NOT NULL,
        revision       bigint NOT NULL CHECK (revision >= 0),
        type           text NOT NULL,
        schema_version integer NOT NULL,
        data           text NOT NULL,
        occurred_at    text NOT NULL,
        recorded_at    text NOT NULL,
        actor          text NOT NULL,
        correlation_id text NOT NULL,
        causation_id   text,
        source         text NOT NULL,
        prev_hash      text,
        hash           text NOT NULL,
        UNIQUE (stream, revision)
      );
      CREATE INDEX events_by_type ON events (type, position);
      CREATE INDEX events_by_category ON events (category, position);
      CREATE INDEX events_by_stream_prefix ON events (stream text_pattern_ops, position);
      CREATE INDEX events_by_occurred ON events (occurred_at, position);
      CREATE INDEX events_by_recorded ON events (recorded_at, position);
      ${appendOnlyTable('events', 'record a correction or retraction event instead')}
    `,
  },
];
