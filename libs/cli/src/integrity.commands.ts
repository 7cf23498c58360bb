import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { connectPostgres, SqliteEventStore } from '@ledger/event-store';
import { createCheckpoint, loadPrivateKey, merkleLogFor, parseCheckpoint, signCheckpoint, verifyLedger, verifyPostgresLedger, verifyProof, type Proof } from '@ledger/integrity';
import { say } from './cli-io';
import { CliError } from './errors';
import { cliConfig } from './nest-store-access';
import type { CommandDeps, GlobalOptions } from './register-commands';

function readJson(path: string, what: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new CliError('unreadable-file', `${what} ${path} cannot be read as JSON: ${(error as Error).message}`);
  }
}

/** `ledger verify`, `ledger verify-proof` and `ledger checkpoint`: tamper evidence from a terminal. */
export function registerIntegrityCommands(program: Command, deps: CommandDeps): void {
  program
    .command('verify')
    .summary('re-walk the ledger file: every hash, every chain, the Merkle tree, and consistency with older checkpoints')
    .option('--checkpoint <file...>', 'an older checkpoint (JSON) the ledger must be consistent with')
    .option('--key <file>', 'the public key (PEM) that signed the checkpoints')
    .action(async (options: { checkpoint?: string[]; key?: string }, command: Command) => {
      const config = cliConfig(process.env, command.optsWithGlobals<GlobalOptions>());
      if (config.LEDGER_STORE === 'postgres') {
        // The same walk over the database: hashes, chains, positions, every Merkle node and tree head.
        if (options.checkpoint?.length) throw new CliError('not-supported', '--checkpoint is checked against the embedded store only; on PostgreSQL use GET /ledger/proofs/consistency');
        const sql = connectPostgres(config.DATABASE_URL as string, { max: 1 });
        try {
          const report = await verifyPostgresLedger(sql);
          deps.io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
          if (!report.ok) throw new CliError('ledger-tampered', `The ledger does not verify: ${report.problems[0]}`);
          say(deps.io, `OK: ${report.eventCount} events, tree of ${report.treeSize} with root ${report.rootHash}`);
        } finally {
          await sql.end();
        }
        return;
      }
      const checkpoints = (options.checkpoint ?? []).map((f) => parseCheckpoint(readJson(f, 'Checkpoint')));
      const report = verifyLedger(config.LEDGER_DB_PATH, { checkpoints, publicKey: options.key ? readFileSync(options.key, 'utf8') : undefined });
      deps.io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      if (!report.ok) {
        const bad = report.firstBadEvent;
        throw new CliError('ledger-tampered', bad ? `The ledger does not verify: first bad event at position ${bad.position} (${bad.id}): ${bad.message}` : `The ledger does not verify: ${report.problems[0]?.message ?? 'see the report'}`);
      }
      say(deps.io, `OK: ${report.eventsChecked} events, ${report.streams} streams, tree of ${report.tree.treeSize} with root ${report.tree.rootHash}`);
    });

  program
    .command('verify-proof')
    .summary('check an inclusion or consistency proof against a checkpoint, without the store')
    .requiredOption('--checkpoint <file>', 'the checkpoint (JSON) you trust')
    .requiredOption('--proof <file>', 'the proof (JSON) from /ledger/proofs/…')
    .option('--old <file>', 'for a consistency proof: your older checkpoint')
    .option('--key <file>', 'the public key (PEM) the checkpoints must be signed with')
    .action((options: { checkpoint: string; proof: string; old?: string; key?: string }) => {
      const result = verifyProof(readJson(options.proof, 'Proof') as Proof, parseCheckpoint(readJson(options.checkpoint, 'Checkpoint')), {
        olderCheckpoint: options.old ? parseCheckpoint(readJson(options.old, 'Checkpoint')) : undefined,
        publicKey: options.key ? readFileSync(options.key, 'utf8') : undefined,
      });
      if (!result.ok) throw new CliError('proof-invalid', `FAIL: ${result.reason}`);
      deps.io.stdout.write('OK\n');
    });

  program
    .command('checkpoint')
    .summary("print the ledger's current tree head as a checkpoint (signed with --sign-with)")
    .option('--sign-with <file>', 'an Ed25519 private key (PEM)')
    .action(async (options: { signWith?: string }, command: Command) => {
      await deps.withStore(command.optsWithGlobals<GlobalOptions>(), async (store) => {
        if (!(store instanceof SqliteEventStore)) throw new CliError('not-supported', 'checkpoint reads the embedded store; on EventStoreDB use GET /ledger/checkpoint');
        const head = merkleLogFor(store.db).treeHead();
        const checkpoint = options.signWith ? signCheckpoint(head, loadPrivateKey(options.signWith)) : createCheckpoint(head);
        deps.io.stdout.write(`${JSON.stringify(checkpoint, null, 2)}\n`);
      });
    });
}
