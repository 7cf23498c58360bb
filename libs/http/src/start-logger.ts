import { ConsoleLogger, type LogLevel } from '@nestjs/common';
import { AnotherServiceRunning } from '@ledger/event-store';
import { LedgerIntegrityError } from '@ledger/integrity';
import { LedgerFileInaccessible, type LedgerConfig } from '@ledger/platform';

/** Nest's levels at or above a pino level. */
const NEST_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];
const PINO_TO_NEST: Record<string, number> = {
  fatal: 1,
  error: 2,
  warn: 3,
  info: 4,
  debug: 5,
  trace: 6,
  silent: 0,
};

/**
 * Refusals to start that say all an operator needs (which file, why, what to do): the service's
 * entry point prints each as one line. Nest's own handler logged them first with a stack trace
 * through Nest's injector, which reads as a crash of the service rather than a refusal.
 */
const EXPLAINED_REFUSALS = [LedgerFileInaccessible, AnotherServiceRunning, LedgerIntegrityError];

export function explainsItself(error: unknown): boolean {
  return EXPLAINED_REFUSALS.some((kind) => error instanceof kind);
}

/** Nest's console logger, less its handler's stack trace for a refusal that explains itself. */
class StartLogger extends ConsoleLogger {
  override error(message: unknown, ...rest: unknown[]): void {
    if (explainsItself(message)) return;
    super.error(message, ...rest);
  }
}

/**
 * What Nest logs before pino takes over (and why it could not start), at LOG_LEVEL: as JSON lines
 * when LOG_FORMAT=json, else as Nest prints them. False when nothing is to be logged.
 */
export function startLogger(config: LedgerConfig): ConsoleLogger | false {
  const levels = NEST_LEVELS.slice(0, PINO_TO_NEST[config.LOG_LEVEL] ?? 4);
  if (levels.length === 0) return false;
  return new StartLogger({ json: config.logFormat === 'json', logLevels: levels });
}
