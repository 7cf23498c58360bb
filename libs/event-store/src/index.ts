export * from './event-store.port';
export * from './errors';
export { expectEventAt } from './subscription-check';
export * from './hashing';
export * from './validation';
export * from './provenance';
export * from './read-options';
export * from './sqlite/sqlite-event-store';
export * from './sqlite/projected-pages';
export * from './sqlite/sqlite-options';
export * from './sqlite/service-lock';
export * from './sqlite/migrations';
export * from './eventstoredb/eventstoredb-event-store';
export * from './postgres/postgres-event-store';
export type { HookQuery, PostgresTransactionHook } from './postgres/group-commit';
export * from './postgres/connection';
export {
  APPENDER_ROLE,
  appendOnlyTable,
  eventLogMigrations as postgresEventLogMigrations,
  migratePostgres,
  type PostgresMigration,
} from './postgres/schema';
export { EVENT_COLUMNS, rowToEvent, type EventRow } from './event-rows';
export * from './event-row-reader';
