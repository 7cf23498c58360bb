import { resolve } from 'node:path';
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
import { asLedgerFileError, LedgerFileInaccessible, ledgerFileProblem } from './ledger-file-problem';

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
      const path = config.LEDGER_DB_PATH;
      const memory = path === ':memory:';
      // The service records: a file it cannot write is refused at start, not at the first write.
      // (The CLI may read a ledger it cannot write, a copy on read-only media say.)
      const problem = options.oneService && !memory ? ledgerFileProblem(path) : undefined;
      if (problem) throw new LedgerFileInaccessible(resolve(path), problem);
      let serviceLock: ServiceLock | undefined;
      let store: SqliteEventStore | undefined;
      try {
        serviceLock = options.oneService && !memory ? ServiceLock.take(path) : undefined;
        if (options.verifyAtStart) {
          const report = assertLedgerVerifies(path);
          if (options.startCheck) options.startCheck.report = report;
        }
        store = new SqliteEventStore({
          path,
          synchronous: config.LEDGER_SQLITE_SYNCHRONOUS,
          maxEventBytes: config.LEDGER_MAX_EVENT_BYTES,
          ...(clock ? { clock } : {}),
          serviceLock,
        });
        // Every append is integrated into the Merkle log in its own transaction (tamper evidence).
        enableMerkleLog(store);
        return store;
      } catch (error) {
        if (store) store.db.close();
        serviceLock?.release();
        throw asLedgerFileError(error, path);
      }
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
