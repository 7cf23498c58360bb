import { Command } from 'commander';
import type { CliIo } from './cli-io';
import { commandsInFull } from './commands-in-full';
import { EXIT_OK, reportError } from './errors';
import { registerCommands } from './register-commands';
import type { StoreAccess } from './store-access';

export interface CliDeps {
  io: CliIo;
  withStore: StoreAccess;
}

/**
 * The `ledger` program. Commander never exits the process itself (exitOverride): help, usage errors
 * and command errors all come back to `runCli`, which picks the exit code.
 */
export function createProgram(deps: CliDeps): Command {
  const program: Command = new Command('ledger')
    .description('The governance ledger: an append-only, hash-chained record of how public bodies decide.')
    .option('--db <path>', 'the SQLite ledger file (overrides LEDGER_DB_PATH)')
    .configureOutput({
      writeOut: (text) => void deps.io.stdout.write(text),
      writeErr: (text) => void deps.io.stderr.write(text),
    })
    .addHelpText(
      'after',
      () => `
Commands in full:
${commandsInFull(program)}

Configuration comes from the environment (LEDGER_DB_PATH, LEDGER_SQLITE_SYNCHRONOUS, ...); --db overrides
LEDGER_DB_PATH. Data goes to stdout, messages and progress to stderr.
Exit codes: 0 done, 1 the command failed, 2 invalid configuration, 130 interrupted.`,
    )
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerCommands(program, deps);
  return program;
}

/** Parses `argv` (as process.argv: node, script, args…), runs the command, returns the exit code. */
export async function runCli(argv: readonly string[], deps: CliDeps): Promise<number> {
  try {
    await createProgram(deps).parseAsync([...argv]);
    return EXIT_OK;
  } catch (error) {
    return reportError(error, deps.io);
  }
}
