import 'reflect-metadata';
import { nestStoreAccess, processIo, runCli } from '@ledger/cli';
import { CliModule } from './cli.module';

/**
 * `ledger <command>`. Each command opens a Nest application context on CliModule (configuration
 * from the environment and --db, PlatformModule's EVENT_STORE), runs, and closes it.
 * Exit codes: 0 done, 1 the command failed, 2 bad configuration, 130 interrupted.
 */
const io = processIo();
runCli(process.argv, { io, withStore: nestStoreAccess((config) => CliModule.register(config)) }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: Error) => {
    process.stderr.write(`ledger: ${error.message}\n`);
    process.exitCode = 1;
  },
);
