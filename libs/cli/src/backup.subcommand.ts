import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  renameSync,
  statSync,
  unlinkSync,
} from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { Command } from 'commander';
import { SqliteMerkleLog, verifyLedger, type LedgerVerificationReport } from '@ledger/integrity';
import type { LedgerConfig } from '@ledger/platform';
import { say } from './cli-io';
import { CliError } from './errors';
import { requireLedgerFile } from './ledger-file-only';
import { cliConfig } from './nest-store-access';
import type { CommandDeps, GlobalOptions } from './store-access';
import { firstFault } from './verification-output';

export interface BackupReport {
  source: string;
  out: string;
  bytes: number;
  /** The copy's Merkle tree, rebuilt from its events by `verify`. */
  treeSize: number;
  rootHash: string;
  /** The running ledger's root at the copy's size: equal to the copy's, or the backup fails. */
  sourceRootAtSize: string;
  eventsChecked: number;
}

/** Makes a file's bytes durable before it is reported (VACUUM INTO and copyFile do not sync). */
function fsyncFile(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function refuseUnverified(report: LedgerVerificationReport, what: string): void {
  if (!report.ok)
    throw new CliError(
      'backup-does-not-verify',
      `${what} does not verify: ${firstFault(report, report.problems[0])}`,
    );
}

/**
 * A consistent copy of a ledger file that may be in use, then proof that it is one. `VACUUM INTO`
 * writes the copy from one read transaction, a snapshot: writers carry on meanwhile (WAL), and
 * every append committed before it began is in the copy. The copy is then verified as `ledger
 * verify` would (every hash, chain and the Merkle tree rebuilt), and its root must equal the
 * source's own Merkle root at the copy's size: the copy is a prefix of this very ledger, not of
 * another. A copy that fails either check is deleted, and the backup fails.
 */
export function backupLedger(source: string, out: string): BackupReport {
  if (!existsSync(source)) throw new CliError('not-found', `There is no ledger at ${source}`);
  if (existsSync(out))
    throw new CliError('backup-exists', `${out} already exists: a backup never overwrites a file`);
  if (!existsSync(dirname(resolve(out))))
    throw new CliError('not-found', `The folder of ${out} does not exist`);
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    if (!SqliteMerkleLog.present(db))
      throw new CliError('not-supported', `${source} has no Merkle log to check a copy against`);
    db.prepare('VACUUM INTO ?').run(out);
    fsyncFile(out);
    let report: LedgerVerificationReport;
    let sourceRootAtSize: string;
    try {
      report = verifyLedger(out);
      refuseUnverified(report, `The copy ${out}`);
      sourceRootAtSize = new SqliteMerkleLog(db, { migrate: false }).rootHash(report.tree.treeSize);
      if (sourceRootAtSize !== report.tree.rootHash) {
        throw new CliError(
          'backup-root-mismatch',
          `The copy's root ${report.tree.rootHash} is not the ledger's root ${sourceRootAtSize} at size ${report.tree.treeSize}`,
        );
      }
    } catch (error) {
      unlinkSync(out);
      throw error;
    }
    return {
      source,
      out,
      bytes: statSync(out).size,
      treeSize: report.tree.treeSize,
      rootHash: report.tree.rootHash,
      sourceRootAtSize,
      eventsChecked: report.eventsChecked,
    };
  } finally {
    db.close();
  }
}

export interface RestoreReport {
  backup: string;
  restoredTo: string;
  treeSize: number;
  rootHash: string;
}

/**
 * Puts a backup in place as a ledger file, only if it verifies, and never over an existing ledger
 * or read models (restore to a new path, then point LEDGER_DB_PATH at it: the read models are
 * rebuilt from the events at start). Copied beside the target first, synced, then renamed, so a
 * crash leaves either no ledger or the whole one.
 */
export function restoreLedger(backup: string, target: string): RestoreReport {
  if (!existsSync(backup)) throw new CliError('not-found', `There is no backup at ${backup}`);
  for (const taken of [target, `${target}-wal`, `${target}.read`]) {
    if (existsSync(taken))
      throw new CliError(
        'restore-target-exists',
        `${taken} exists: restore never replaces a ledger; restore to a new path and point LEDGER_DB_PATH at it`,
      );
  }
  const report = verifyLedger(backup);
  refuseUnverified(report, `The backup ${backup}`);
  mkdirSync(dirname(resolve(target)), { recursive: true });
  const partial = `${target}.restoring`;
  copyFileSync(backup, partial);
  fsyncFile(partial);
  renameSync(partial, target);
  return { backup, restoredTo: target, treeSize: report.tree.treeSize, rootHash: report.tree.rootHash };
}

/** The ledger file's configuration; refused, before anything is opened, when the ledger is in another store. */
function sqliteConfig(command: Command, name: 'backup' | 'restore'): LedgerConfig {
  const config = cliConfig(process.env, command.optsWithGlobals<GlobalOptions>());
  requireLedgerFile(config, name, {
    postgres:
      "Back up and restore a PostgreSQL ledger with the database's own tools (pg_dump and pg_restore, or a base backup), or with `ledger events export` and `ledger events import` into an empty database.",
    eventstoredb:
      'Back up and restore an EventStoreDB cluster with its own tools, or with `ledger events export` and `ledger events import`.',
  });
  return config;
}

/** `ledger backup` and `ledger restore`: copies of a running ledger that prove themselves. */
export function registerBackupCommands(program: Command, deps: CommandDeps): void {
  program
    .command('backup')
    .summary(
      'copy the ledger while it runs (VACUUM INTO), verify the copy, and check its root against the ledger',
    )
    .description(
      'Take a consistent copy of the ledger file (--db or LEDGER_DB_PATH) while the service keeps recording, then verify it ' +
        "(every hash, chain and the Merkle tree) and check that its root is the ledger's root at the same size. Prints a JSON report. " +
        'An unverified copy is deleted and the command fails. The read models are not copied: they are rebuilt from the events.',
    )
    .requiredOption('-o, --out <file>', 'the backup file to write (must not exist)')
    .action((options: { out: string }, command: Command) => {
      const config = sqliteConfig(command, 'backup');
      const report = backupLedger(config.LEDGER_DB_PATH, options.out);
      deps.io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      say(deps.io, `OK: ${report.out} holds ${report.treeSize} events, root ${report.rootHash}, verified`);
    });

  program
    .command('restore')
    .summary('put a backup in place as the ledger file (--db), only if it verifies')
    .description(
      'Verify a backup and copy it to the ledger path (--db or LEDGER_DB_PATH), which must not exist yet. A backup that does not verify is refused.',
    )
    .argument('<backup>', 'the backup file')
    .action((backup: string, _options: unknown, command: Command) => {
      const config = sqliteConfig(command, 'restore');
      const report = restoreLedger(backup, config.LEDGER_DB_PATH);
      deps.io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      say(deps.io, `OK: restored ${report.treeSize} events to ${report.restoredTo}`);
    });
}
