import { existsSync } from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import type { LedgerConfig } from '@ledger/platform';
import type { CommandDeps, ContextOptions, GlobalOptions } from './store-access';
import { registerBackupCommands } from './backup.subcommand';
import { CliError } from './errors';
import { exportEvents } from './events-export.subcommand';
import { checkStartsTheLedger, DEFAULT_IMPORT_CHUNK, importEventsFrom } from './events-import.subcommand';
import { openImportInput } from './import-input';
import { PROJECTIONS_CONTEXT, rebuildProjections } from './projections-rebuild.subcommand';
import { announceImplicitBuild, projectionsStatus } from './projections-status.subcommand';
import { registerIntegrityCommands } from './integrity.subcommands';
import { registerKeysCommands } from './keys.subcommands';
import { storeInfo } from './store-info.subcommand';
import { registerStoryCommands } from './story.subcommands';

/** For the commands that only read: the ledger must already be there. */
const READS: ContextOptions = { existing: true };

/** An option's parser for whole numbers from `min` up; its refusal states that rule, whatever was typed. */
function integerFrom(min: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < min)
      throw new InvalidArgumentError(`Not an integer >= ${min}.`);
    return n;
  };
}

const nonNegativeInteger = integerFrom(0);
const positiveInteger = integerFrom(1);

/** Variadic and comma-separated at once: `--types A B`, `--types A,B`, `--types A --types B`. */
function list(value: string, previous: string[] | undefined): string[] {
  return [
    ...(previous ?? []),
    ...value
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v !== ''),
  ];
}

function globalsOf(command: Command): GlobalOptions {
  return command.optsWithGlobals<GlobalOptions>();
}

export function registerEventsCommands(program: Command, deps: CommandDeps): Command {
  const events = program.command('events').description('Export and import the event log as NDJSON');

  events
    .command('export')
    .summary('write events as NDJSON, in global order, to stdout or a file (resumable)')
    .description(
      'Write events as NDJSON (one stored event a line, in global order) to stdout or a file. ' +
        'Ends by printing the last position written on stderr: pass it to --from to resume.',
    )
    .option('-o, --out <file>', 'write to this file instead of stdout')
    .option('--append', 'append to --out instead of replacing it (to resume into the same file)')
    .option('--from <position>', 'start after this global position (exclusive)', nonNegativeInteger)
    .addOption(
      new Option(
        '--stream-prefix <prefix...>',
        'only streams starting with one of these prefixes (e.g. proposal-)',
      ).argParser(list),
    )
    .addOption(new Option('--types <type...>', 'only events of these types').argParser(list))
    .option('--occurred-until <iso>', 'only events that occurred at or before this date (ISO 8601)')
    .option(
      '--recorded-until <iso>',
      'only events recorded at or before this date: the ledger as known then (ISO 8601)',
    )
    .action(async (options: ExportCliOptions, command: Command) => {
      // Refused before the store is opened: ignored, the export would go to stdout and the file stay as it was.
      if (options.append && !options.out)
        throw new CliError(
          'append-without-out',
          '--append adds to the file named by --out, and no --out was given: nothing was exported. ' +
            'To resume an export into its file: --out <file> --append --from <last position>',
        );
      await deps.withStore(
        globalsOf(command),
        (store) =>
          exportEvents(
            store,
            {
              out: options.out,
              append: options.append,
              from: options.from,
              streamPrefix: options.streamPrefix,
              types: options.types,
              occurredUntil: options.occurredUntil,
              recordedUntil: options.recordedUntil,
            },
            deps.io,
          ),
        READS,
      );
    });

  events
    .command('import')
    .summary('restore an NDJSON export, idempotently (a file, or - for stdin)')
    .description(
      'Restore an NDJSON export (a file, or - for stdin) exactly as recorded, hashes and chains checked. ' +
        'Idempotent: events already present are skipped. A bad line stops the import there; the lines before it stay imported. ' +
        'An empty ledger is started only from a whole export (its first event at position 1), never from a partial one.',
    )
    .argument('<file>', 'the NDJSON file, or - for stdin')
    .option('--chunk-size <lines>', 'events per transaction', positiveInteger, DEFAULT_IMPORT_CHUNK)
    .option(
      '--any-first-position',
      'into an empty ledger, take a file whose first event is not at position 1: a whole export of an EventStoreDB ledger ' +
        '(its positions are commit positions); a partial export taken so gives a ledger missing the records it refers to',
    )
    .action(
      async (file: string, options: { chunkSize: number; anyFirstPosition?: boolean }, command: Command) => {
        // Read up to the first event before the ledger is opened: opening a ledger file creates it,
        // and an import that cannot import anything must leave nothing behind.
        const input = await openImportInput(
          file,
          deps.io,
          'nothing was imported, and no ledger was opened or created',
        );
        const importOptions = { chunkSize: options.chunkSize, anyFirstPosition: options.anyFirstPosition };
        try {
          await deps.withStore(
            globalsOf(command),
            (store) => importEventsFrom(store, input, importOptions, deps.io),
            {
              // A ledger file not there yet would be created empty: a partial export is refused before.
              beforeStart: (config) => {
                if (config.LEDGER_STORE === 'sqlite' && !existsSync(config.LEDGER_DB_PATH))
                  checkStartsTheLedger(input, 0, options.anyFirstPosition);
              },
            },
          );
        } finally {
          input.close();
        }
      },
    );

  return events;
}

interface ExportCliOptions {
  out?: string;
  append?: boolean;
  from?: number;
  streamPrefix?: string[];
  types?: string[];
  occurredUntil?: string;
  recordedUntil?: string;
}

export function registerStoreCommands(program: Command, deps: CommandDeps): Command {
  const store = program.command('store').description('Inspect the event store');
  store
    .command('info')
    .summary('print the store as JSON (kind, head, counts, schema version)')
    .description(
      'Print the store as JSON: kind, head position, event and stream counts, schema version, details',
    )
    .action(async (_options: unknown, command: Command) => {
      await deps.withStore(globalsOf(command), (s) => storeInfo(s, deps.io), READS);
    });
  return store;
}

export function registerProjectionsCommands(program: Command, deps: CommandDeps): Command {
  const announceBuild = (config: LedgerConfig) => announceImplicitBuild(config.LEDGER_DB_PATH, deps.io);
  const projections = program.command('projections').description('Inspect and rebuild the read models');
  projections
    .command('status')
    .summary("print the read models' status as JSON (version, generation, checkpoint, head, lag, mode)")
    .description(
      "Print the read models' status as JSON: projection version, generation, checkpoint (the last position applied), " +
        "the ledger's head and the lag between them. Builds the read models first if there are none for this version.",
    )
    .action(async (_options: unknown, command: Command) => {
      await deps.withStore(globalsOf(command), (_store, context) => projectionsStatus(context, deps.io), {
        ...READS,
        imports: PROJECTIONS_CONTEXT,
        beforeStart: announceBuild,
      });
    });
  projections
    .command('rebuild')
    .summary('rebuild the read models from the whole log into a new generation, then switch to it')
    .description(
      'Rebuild the read models from the whole event log into the next generation, then switch over and delete the old one ' +
        '(a service on the same ledger keeps using its generation until it restarts). Shows progress on a terminal; prints the new status as JSON.',
    )
    .action(async (_options: unknown, command: Command) => {
      await deps.withStore(
        globalsOf(command),
        (store, context) => rebuildProjections(store, context, deps.io),
        { ...READS, imports: PROJECTIONS_CONTEXT, beforeStart: announceBuild },
      );
    });
  return projections;
}

/** Adds every command of the ledger to `program`. Later commands are registered here too. */
export function registerCommands(program: Command, deps: CommandDeps): Command {
  registerEventsCommands(program, deps);
  registerStoreCommands(program, deps);
  registerProjectionsCommands(program, deps);
  registerIntegrityCommands(program, deps);
  registerKeysCommands(program, deps);
  registerStoryCommands(program, deps);
  registerBackupCommands(program, deps);
  return program;
}
