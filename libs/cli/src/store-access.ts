import type { DynamicModule, Type } from '@nestjs/common';
import type { EventStore } from '@ledger/event-store';
import type { LedgerConfig } from '@ledger/platform';
import type { CliIo } from './cli-io';

/*
 * What every subcommand is handed: the global options, the way to open the store, and the I/O.
 * In its own file so that the subcommands and register-commands.ts, which lists them, do not
 * import each other.
 */

/** The program's own options, which every command sees (`ledger --db x events export` or `... export --db x`). */
export interface GlobalOptions {
  /** The SQLite ledger file; overrides LEDGER_DB_PATH. */
  db?: string;
}

/** Providers of the command's application context, by class or injection token (Nest's `app.get`). */
export interface CommandContext {
  get<P>(token: Type<P> | string | symbol): P;
}

export interface ContextOptions {
  /** Modules the command needs besides the store (e.g. the projections), added to the context for this run only. */
  imports?: Array<Type<unknown> | DynamicModule>;
  /** The command reads a ledger that must exist: a mistyped --db is refused, not created empty. */
  existing?: boolean;
  /** Runs with the command's configuration before its context starts (and, say, builds the read models). */
  beforeStart?: (config: LedgerConfig) => void;
}

/**
 * How a command gets the store: opened for the global options, handed to `work`, then closed
 * (queued writes committed) whatever `work` does. A command needing more than the store names the
 * modules in `options.imports` and takes their providers from `context`; they are started before
 * `work` and shut down with the context.
 */
export type StoreAccess = <T>(
  globals: GlobalOptions,
  work: (store: EventStore, context: CommandContext) => Promise<T>,
  options?: ContextOptions,
) => Promise<T>;

export interface CommandDeps {
  io: CliIo;
  withStore: StoreAccess;
}
