import {
  EventStoreDbEventStore,
  PostgresEventStore,
  ServiceLock,
  SqliteEventStore,
  type EventStore,
} from '@ledger/event-store';
import {
  assertLedgerVerifies,
  enableMerkleLog,
  enablePostgresMerkleLog,
  type LedgerVerificationReport,
} from '@ledger/integrity';
import type { LedgerConfig } from './ledger-config';

/**
 * The service's check of its ledger file at start (`verifyAtStart`), kept for the integrity watch:
 * it is the watch's first pass, so the whole file is not walked twice as the service starts.
 * Empty on a new file, and on the other stores.
 */
export interface LedgerStartCheck {
  report?: LedgerVerificationReport;
}
export const LEDGER_START_CHECK = Symbol('LEDGER_START_CHECK');

/** The one place that turns configuration into an event-store adapter. */
/** `clock` replaces the store's clock (recordedAt): for tests that replay history at its own dates. */
/** `verifyAtStart`: the service verifies the whole ledger first and refuses to start on a problem (the CLI, which repairs, does not). */
/** `oneService`: the service takes the file's service lock first (service-lock.ts): a second service on it is refused; the CLI writes beside it. */
export function createEventStore(
  config: LedgerConfig,
  clock?: () => Date,
  options: { verifyAtStart?: boolean; oneService?: boolean; startCheck?: LedgerStartCheck } = {},
): EventStore {
  switch (config.LEDGER_STORE) {
    case 'sqlite': {
      const memory = config.LEDGER_DB_PATH === ':memory:';
      const serviceLock = options.oneService && !memory ? ServiceLock.take(config.LEDGER_DB_PATH) : undefined;
      let store: SqliteEventStore;
      try {
        if (options.verifyAtStart) {
          const report = assertLedgerVerifies(config.LEDGER_DB_PATH);
          if (options.startCheck) options.startCheck.report = report;
        }
        store = new SqliteEventStore({
          path: config.LEDGER_DB_PATH,
          synchronous: config.LEDGER_SQLITE_SYNCHRONOUS,
          maxEventBytes: config.LEDGER_MAX_EVENT_BYTES,
          ...(clock ? { clock } : {}),
          serviceLock,
        });
      } catch (error) {
        serviceLock?.release();
        throw error;
      }
      // Every append is integrated into the Merkle log in its own transaction (tamper evidence).
      enableMerkleLog(store);
      return store;
    }
    case 'postgres': {
      const store = new PostgresEventStore({
        url: config.DATABASE_URL as string,
        maxEventBytes: config.LEDGER_MAX_EVENT_BYTES,
        ...(clock ? { clock } : {}),
      });
      // The Merkle log in the database, written in each append's transaction, as on SQLite.
      enablePostgresMerkleLog(store);
      return store;
    }
    case 'eventstoredb':
      return new EventStoreDbEventStore({
        connectionString: config.EVENTSTORE_CONNECTION_STRING as string,
        maxEventBytes: config.LEDGER_MAX_EVENT_BYTES,
        ...(clock ? { clock } : {}),
      });
    default: {
      const never: never = config.LEDGER_STORE;
      throw new Error(`Unknown LEDGER_STORE ${String(never)}`);
    }
  }
}
