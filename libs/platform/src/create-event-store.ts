import {
  EventStoreDbEventStore,
  PostgresEventStore,
  SqliteEventStore,
  type EventStore,
} from '@ledger/event-store';
import { assertLedgerVerifies, enableMerkleLog, enablePostgresMerkleLog } from '@ledger/integrity';
import type { LedgerConfig } from './ledger-config';

/** The one place that turns configuration into an event-store adapter. */
/** `clock` replaces the store's clock (recordedAt): for tests that replay history at its own dates. */
/** `verifyAtStart`: the service verifies the whole ledger first and refuses to start on a problem (the CLI, which repairs, does not). */
export function createEventStore(
  config: LedgerConfig,
  clock?: () => Date,
  options: { verifyAtStart?: boolean } = {},
): EventStore {
  switch (config.LEDGER_STORE) {
    case 'sqlite': {
      if (options.verifyAtStart) assertLedgerVerifies(config.LEDGER_DB_PATH);
      const store = new SqliteEventStore({
        path: config.LEDGER_DB_PATH,
        synchronous: config.LEDGER_SQLITE_SYNCHRONOUS,
        maxEventBytes: config.LEDGER_MAX_EVENT_BYTES,
        ...(clock ? { clock } : {}),
      });
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
