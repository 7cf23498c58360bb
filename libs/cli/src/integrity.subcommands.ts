import type { KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command } from 'commander';
import { connectPostgres, PostgresEventStore, SqliteEventStore, type EventStore } from '@ledger/event-store';
import {
  createCheckpoint,
  loadPrivateKey,
  merkleLogFor,
  parseCheckpoint,
  parsePublicKey,
  POSTGRES_REBUILD,
  PostgresMerkleLog,
  repairLedger,
  signCheckpoint,
  verifyLedger,
  verifyPostgresLedger,
  verifyProof,
  type Checkpoint,
  type LedgerVerificationReport,
  type PostgresVerificationReport,
  type Proof,
  type TreeHead,
} from '@ledger/integrity';
import type { LedgerConfig } from '@ledger/platform';
import { say, type CliIo } from './cli-io';
import { CliError } from './errors';
import { requireLedgerFile } from './ledger-file-only';
import { cliConfig, requireExistingLedger } from './nest-store-access';
import { startProgress, type Progress } from './progress';
import type { CommandDeps, GlobalOptions } from './store-access';
import { printVerification } from './verification-output';

/** Said when checkpoints are taken without --key: their roots are compared, their signatures not. */
const UNSIGNED_NOTE =
  'Note: no --key given, so no checkpoint signature was checked: the result holds only for checkpoints you got from a source you trust';

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliError(
      'unreadable-file',
      `${what} ${resolve(path)} cannot be read: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'there is no such file' : (error as Error).message}`,
    );
  }
}

function readJson(path: string, what: string): unknown {
  const text = readText(path, what);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(
      'unreadable-file',
      `${what} ${resolve(path)} cannot be read as JSON: ${(error as Error).message}`,
    );
  }
}

/** OpenSSL's own codes ("error:1E08010C:DECODER routines::unsupported") tell an operator nothing. */
function plainReason(error: unknown): string {
  const message = (error as Error).message;
  return /^error:[0-9A-F]+:/.test(message) ? '' : `: ${message}`;
}

/**
 * The public key at `--key`: a PEM file, or the JSON that GET /ledger/public-key answers (`{ "pem": … }`,
 * as saved with curl). Anything else is refused as what it is, before a checkpoint is read: handed
 * on, it would fail as a signature that "does not hold", which reads as tampering.
 */
function readPublicKey(path: string): string {
  const text = readText(path, 'Public key');
  const notAKey = (detail: string) =>
    new CliError(
      'not-a-public-key',
      `${resolve(path)} is not a public key (PEM, or the JSON GET /ledger/public-key answers)${detail}`,
    );
  let pem = text;
  if (text.trimStart().startsWith('{')) {
    let served: unknown;
    try {
      served = JSON.parse(text);
    } catch (error) {
      throw notAKey(`: it cannot be read as JSON (${(error as Error).message})`);
    }
    const inner = (served as { pem?: unknown } | null)?.pem;
    if (typeof inner !== 'string') throw notAKey(': it is JSON with no "pem" field');
    pem = inner;
  }
  // A private key would check signatures too, but it belongs on the signing server, not with a verifier.
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem))
    throw notAKey(
      ': it is a private key; give its public key (ledger keys signing printed it, GET /ledger/public-key answers it)',
    );
  try {
    parsePublicKey(pem);
  } catch (error) {
    throw notAKey(plainReason(error));
  }
  return pem;
}

/** The private key at `--sign-with`, read before the store is opened: a public key there cannot sign. */
function readSigningKey(path: string): KeyObject {
  const text = readText(path, 'Signing key');
  try {
    return loadPrivateKey(path);
  } catch (error) {
    const isPublic = /-----BEGIN PUBLIC KEY-----|"pem"/.test(text);
    throw new CliError(
      'not-a-signing-key',
      `${resolve(path)} is not the private signing key (an Ed25519 private key, PEM, as ledger keys signing --out writes it)` +
        (isPublic
          ? ': it is a public key, which checks signatures but cannot make them'
          : plainReason(error)),
    );
  }
}

/** Verifications of more events than this get a progress bar (on a terminal). */
const PROGRESS_MIN_EVENTS = 10_000;

/** `ledger verify`, `ledger verify-proof` and `ledger checkpoint`: tamper evidence from a terminal. */
export function registerIntegrityCommands(program: Command, deps: CommandDeps): void {
  program
    .command('verify')
    .summary(
      're-walk the ledger (its SQLite file, or its PostgreSQL database): every hash, every chain, the Merkle tree, and consistency with older checkpoints',
    )
    .description(
      'For an auditor or an operator: re-walk the ledger (its SQLite file, or its PostgreSQL database), recomputing every hash, ' +
        'every stream chain and the Merkle tree, and prove it consistent with older checkpoints (--checkpoint, signatures checked with --key). ' +
        'Prints the report as JSON; on a problem, names the first event that does not match and exits 1.',
    )
    .option('--checkpoint <file...>', 'an older checkpoint (JSON) the ledger must be consistent with')
    .option(
      '--key <file>',
      'the public key that signed the checkpoints: PEM, or the JSON GET /ledger/public-key answers',
    )
    .action(async (options: { checkpoint?: string[]; key?: string }, command: Command) => {
      const config = cliConfig(process.env, command.optsWithGlobals<GlobalOptions>());
      // The file at --db is not the ledger then: an OK for it would be an OK for the wrong ledger.
      if (config.LEDGER_STORE === 'eventstoredb')
        throw new CliError(
          'not-supported',
          'ledger verify walks a SQLite ledger file or a PostgreSQL database, and the ledger is in EventStoreDB (LEDGER_STORE=eventstoredb): nothing was read. ' +
            'The service verifies an EventStoreDB ledger itself, in the background: GET /ledger/verification gives its last pass.',
        );
      const checkpoints = (options.checkpoint ?? []).map((f) => parseCheckpoint(readJson(f, 'Checkpoint')));
      const publicKey = options.key ? readPublicKey(options.key) : undefined;
      // An OK against a checkpoint whose signature nobody checked proves less than it reads.
      if (checkpoints.length > 0 && !publicKey) say(deps.io, UNSIGNED_NOTE);
      if (config.LEDGER_STORE === 'postgres') {
        const report = await verifyDatabase(config, { checkpoints, publicKey });
        return printVerification(
          deps.io,
          report,
          report.findings[0],
          `${report.eventCount} events, tree of ${report.treeSize} with root ${report.rootHash}`,
        );
      }
      requireExistingLedger(config);
      const report = verifyFile(config.LEDGER_DB_PATH, { checkpoints, publicKey }, deps.io);
      printVerification(
        deps.io,
        report,
        report.problems[0],
        `${report.eventsChecked} events, ${report.streams} streams, tree of ${report.tree.treeSize} with root ${report.tree.rootHash}`,
      );
    });

  program
    .command('repair')
    .summary(
      'with the service stopped: recreate the append-only triggers and rebuild the Merkle log of a SQLite ledger file from the events (refused if the events do not verify)',
    )
    .description(
      'For an operator, with the service stopped: recreate the append-only triggers and rebuild the Merkle log of a SQLite ledger ' +
        'file from its events. Refused when the events themselves do not verify: restore a backup or an export then.',
    )
    .action((_options: unknown, command: Command) => {
      const config = cliConfig(process.env, command.optsWithGlobals<GlobalOptions>());
      requireLedgerFile(config, 'repair', {
        postgres: `To rebuild its Merkle log, once \`ledger verify\` says the events are intact: ${POSTGRES_REBUILD}.`,
        eventstoredb: `Its Merkle log is the service's own copy, ${resolve(config.LEDGER_DB_PATH)}.merkle.db: with the service stopped, delete that file, and the service rebuilds it from the events when it starts.`,
      });
      let result: ReturnType<typeof repairLedger>;
      try {
        result = repairLedger(config.LEDGER_DB_PATH);
      } catch (error) {
        throw new CliError('ledger-tampered', (error as Error).message);
      }
      if (!result.repaired)
        return say(deps.io, `Nothing to repair: ${result.before.eventsChecked} events verify`);
      if (!result.after.ok)
        throw new CliError(
          'ledger-tampered',
          `The repair did not make the ledger verify: ${result.after.problems[0]?.message}`,
        );
      say(
        deps.io,
        `Repaired (${result.before.problemCount} problem(s): ${[...new Set(result.before.problems.map((p) => p.code))].join(', ')}); the Merkle log was rebuilt from ${result.after.eventsChecked} events, root ${result.after.tree.rootHash}. Compare it with your last signed checkpoint: ledger verify --checkpoint <file>`,
      );
    });

  program
    .command('verify-proof')
    .summary('check an inclusion or consistency proof against a checkpoint, without the store')
    .description(
      'For anyone who holds a checkpoint: check an inclusion or consistency proof (from GET /ledger/proofs/…) against it, ' +
        "without the store, and with --key the checkpoints' signatures too. Prints OK, or FAIL and why (exit 1).",
    )
    .requiredOption('--checkpoint <file>', 'the checkpoint (JSON) you trust')
    .requiredOption('--proof <file>', 'the proof (JSON) from /ledger/proofs/…')
    .option('--old <file>', 'for a consistency proof: your older checkpoint')
    .option(
      '--key <file>',
      'the public key the checkpoints must be signed with: PEM, or the JSON GET /ledger/public-key answers',
    )
    .action((options: { checkpoint: string; proof: string; old?: string; key?: string }) => {
      const result = verifyProof(
        readJson(options.proof, 'Proof') as Proof,
        parseCheckpoint(readJson(options.checkpoint, 'Checkpoint')),
        {
          olderCheckpoint: options.old ? parseCheckpoint(readJson(options.old, 'Checkpoint')) : undefined,
          publicKey: options.key ? readPublicKey(options.key) : undefined,
        },
      );
      if (!result.ok) throw new CliError('proof-invalid', `FAIL: ${result.reason}`);
      if (!options.key) say(deps.io, UNSIGNED_NOTE);
      deps.io.stdout.write('OK\n');
    });

  program
    .command('checkpoint')
    .summary("print the ledger's current tree head as a checkpoint (signed with --sign-with)")
    .description(
      "For an operator: print the ledger's current tree head as a checkpoint (JSON), signed with the private key given by " +
        '--sign-with, to publish or keep, so that auditors can later prove the ledger only grew from it (verify --checkpoint).',
    )
    .option('--sign-with <file>', 'an Ed25519 private key (PEM)')
    .action(async (options: { signWith?: string }, command: Command) => {
      const signingKey = options.signWith ? readSigningKey(options.signWith) : undefined;
      await deps.withStore(
        command.optsWithGlobals<GlobalOptions>(),
        (store) => printCheckpoint(store, signingKey, deps.io),
        { existing: true },
      );
    });
}

/** What a verification is given: older checkpoints, and the key that signed them. */
interface Given {
  checkpoints: Checkpoint[];
  publicKey?: string;
}

/**
 * The walk over a PostgreSQL ledger: hashes, chains, positions, every Merkle node and tree head,
 * and each older checkpoint's root at its size (verify-postgres-ledger.ts).
 */
async function verifyDatabase(config: LedgerConfig, given: Given): Promise<PostgresVerificationReport> {
  const sql = connectPostgres(config.DATABASE_URL as string, { max: 1 });
  try {
    return await verifyPostgresLedger(sql, given);
  } finally {
    await sql.end();
  }
}

/** The walk over a ledger file, with a progress bar on a terminal for a large one. */
function verifyFile(path: string, given: Given, io: CliIo): LedgerVerificationReport {
  let progress: Progress | undefined;
  const report = verifyLedger(path, {
    ...given,
    onProgress: ({ checked, total }) => {
      progress ??= startProgress(io, {
        label: 'verify',
        total,
        unit: 'events',
        minTotal: PROGRESS_MIN_EVENTS,
      });
      progress.update(checked);
    },
  });
  progress?.stop();
  return report;
}

/** The tree head of the store's Merkle log: the embedded file's tables, or the database's. */
async function treeHeadOf(store: EventStore): Promise<TreeHead> {
  if (store instanceof SqliteEventStore) return merkleLogFor(store.db).treeHead();
  if (store instanceof PostgresEventStore) {
    const log = new PostgresMerkleLog(store.sql);
    const treeSize = await log.size();
    return { treeSize, rootHash: await log.rootHash(treeSize) };
  }
  throw new CliError(
    'not-supported',
    'checkpoint reads the Merkle log of the embedded store or of PostgreSQL; on EventStoreDB use GET /ledger/checkpoint',
  );
}

async function printCheckpoint(store: EventStore, signWith: KeyObject | undefined, io: CliIo): Promise<void> {
  const head = await treeHeadOf(store);
  const checkpoint = signWith ? signCheckpoint(head, signWith) : createCheckpoint(head);
  io.stdout.write(`${JSON.stringify(checkpoint, null, 2)}\n`);
  // Said on stderr, the JSON staying a checkpoint: one kept unsigned vouches only for whoever kept it.
  if (!signWith)
    say(
      io,
      'Unsigned: no --sign-with key given, so this tree head carries no signature; publish a signed one (--sign-with <private key>) for others to check',
    );
}
