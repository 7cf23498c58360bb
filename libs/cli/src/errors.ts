import { CommanderError } from 'commander';
import { ConfigError } from '@ledger/platform';
import type { CliIo } from './cli-io';

/** An error the CLI raises itself; `code` is stable, like the store's. */
export class CliError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The command stopped on Ctrl-C, after saying how to resume. */
export class Interrupted extends CliError {
  constructor(message: string) {
    super('interrupted', message, 130);
  }
}

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_CONFIG = 2;

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code !== '' ? code : undefined;
}

/**
 * Prints what went wrong on stderr and returns the exit code: 2 for bad configuration (all the
 * problems, one a line, as the service prints them), else one line with the message and, for
 * typed errors (the store's, the CLI's, SQLite's), the code.
 */
export function reportError(error: unknown, io: Pick<CliIo, 'stderr'>): number {
  if (error instanceof CommanderError) return error.exitCode; // commander has printed it already
  if (error instanceof ConfigError) {
    io.stderr.write(`${error.message}\nNothing was done.\n`);
    return EXIT_CONFIG;
  }
  const message = (error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, ' ');
  const code = codeOf(error);
  io.stderr.write(`ledger: ${message}${code ? ` [${code}]` : ''}\n`);
  return error instanceof CliError ? error.exitCode : EXIT_FAILED;
}
