import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import { asLedgerFileError, loadConfig, type LedgerConfig } from '@ledger/platform';
import { CliError } from './errors';
import type { CommandContext, ContextOptions, GlobalOptions, StoreAccess } from './store-access';

/**
 * The ledger's configuration for one CLI run: the environment, then the command line (`--db`).
 * Throws ConfigError (exit 2) on a bad setting, before anything is opened.
 *
 * Logging: the platform's pino logger writes to stdout, which carries the CLI's data (an export,
 * JSON), so the CLI keeps it silent, in JSON form (no pino-pretty worker thread to start). The
 * CLI's own messages go to stderr.
 */
export function cliConfig(env: Record<string, string | undefined>, globals: GlobalOptions): LedgerConfig {
  return loadConfig(env, {
    LOG_LEVEL: 'silent',
    LOG_FORMAT: 'json',
    ...(globals.db !== undefined ? { LEDGER_DB_PATH: globals.db } : {}),
  });
}

/**
 * Refuses to go on when the embedded ledger file is not there, naming the path: opening it would
 * create an empty ledger, and a read of a mistyped --db would answer "nothing" and exit 0.
 */
export function requireExistingLedger(config: LedgerConfig): void {
  if (config.LEDGER_STORE !== 'sqlite' || existsSync(config.LEDGER_DB_PATH)) return;
  throw new CliError(
    'no-ledger',
    `No ledger at ${resolve(config.LEDGER_DB_PATH)} (from --db or LEDGER_DB_PATH); nothing was created. Check the path.`,
  );
}

/** The root of one command's context: the CLI's root module, plus what that command imports. */
@Module({})
class CommandContextModule {}

/**
 * Opens the store the way the service does: a Nest application context on the given root module
 * (which imports PlatformModule), EVENT_STORE taken from it, and the context closed afterwards,
 * which closes the store (queued appends committed first). A command's extra `imports` (the
 * projections) join that context for its run only, so the other commands never start them.
 */
export function nestStoreAccess(
  rootModule: (config: LedgerConfig) => DynamicModule | Type,
  env: Record<string, string | undefined> = process.env,
): StoreAccess {
  return async <T>(
    globals: GlobalOptions,
    work: (store: EventStore, context: CommandContext) => Promise<T>,
    options: ContextOptions = {},
  ): Promise<T> => {
    const config = cliConfig(env, globals);
    if (options.existing) requireExistingLedger(config);
    options.beforeStart?.(config);
    const root = rootModule(config);
    const module = options.imports?.length
      ? { module: CommandContextModule, imports: [root, ...options.imports] }
      : root;
    // abortOnError: false, or Nest would abort() the process on a start-up error instead of throwing it.
    const app = await NestFactory.createApplicationContext(module, { logger: false, abortOnError: false });
    let result: T;
    try {
      const context: CommandContext = { get: (token) => app.get(token, { strict: false }) };
      result = await work(app.get<EventStore>(EVENT_STORE), context);
    } catch (error) {
      await app.close().catch(() => undefined); // the command's error is the one to report
      // A write refused by SQLite ("attempt to write a readonly database") names no file: when the
      // ledger file is the one that cannot be written, the error says so, and what to do.
      throw config.LEDGER_STORE === 'sqlite' ? asLedgerFileError(error, config.LEDGER_DB_PATH, true) : error;
    }
    await app.close();
    return result;
  };
}
