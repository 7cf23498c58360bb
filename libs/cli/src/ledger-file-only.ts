import type { LedgerConfig } from '@ledger/platform';
import { CliError } from './errors';

type OtherStore = Exclude<LedgerConfig['LEDGER_STORE'], 'sqlite'>;

const STORE_NAMES: Record<OtherStore, string> = { postgres: 'PostgreSQL', eventstoredb: 'EventStoreDB' };

/**
 * Refuses a command that works on the embedded ledger file when LEDGER_STORE names another
 * store: the file at LEDGER_DB_PATH (or --db) is then not the ledger (only the read models live
 * beside it), so acting on it would answer for, or change, a ledger the service does not use.
 * Called before anything is opened; `instead` says what to do on each other store.
 */
export function requireLedgerFile(
  config: LedgerConfig,
  command: string,
  instead: Record<OtherStore, string>,
): void {
  const store = config.LEDGER_STORE;
  if (store === 'sqlite') return;
  throw new CliError(
    'not-supported',
    `ledger ${command} works on a SQLite ledger file, and the ledger is in ${STORE_NAMES[store]} (LEDGER_STORE=${store}): nothing was read or changed. ${instead[store]}`,
  );
}
