import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Command, Option } from 'commander';
import { API_KEY_NAME, API_KEY_NAME_RULE, apiKeysFile, hashToken, loadApiKeys, ROLES } from '@ledger/http';
import { generateCheckpointKeys } from '@ledger/integrity';
import { say } from './cli-io';
import { CliError } from './errors';
import { cliConfig } from './nest-store-access';
import type { CommandDeps, GlobalOptions } from './store-access';

/** The keys file named by --file, or the service's own (LEDGER_API_KEYS_FILE, else api-keys.json beside the ledger). */
function keysFileFor(options: { file?: string }, command: Command): string {
  return options.file
    ? resolve(options.file)
    : apiKeysFile(cliConfig(process.env, command.optsWithGlobals<GlobalOptions>()));
}

/** The file's entries as written (hashes kept as they are), after checking them as the service does. */
function readEntries(file: string): Array<{ name: string; role: string; sha256: string }> {
  if (!existsSync(file)) return [];
  loadApiKeys(file);
  return JSON.parse(readFileSync(file, 'utf8')) as Array<{ name: string; role: string; sha256: string }>;
}

/**
 * Writes the whole file at once (a temp file renamed over it), so the service never reads half of
 * it. The temp file is read as the service reads the keys file before it takes the file's place: a
 * file the service cannot read would leave it on the keys it had and every later `keys` command
 * refused, the revocation of a leaked key included.
 */
function writeEntries(file: string, entries: unknown[]): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(entries, null, 2)}\n`, { mode: 0o600 });
  try {
    loadApiKeys(temp);
  } catch (error) {
    rmSync(temp, { force: true });
    throw new CliError(
      'invalid-keys-file',
      `${(error as Error).message.replace(temp, file)}; ${file} was not changed`,
    );
  }
  renameSync(temp, file);
}

/** Refuses a name the keys file may not hold (the rule the service reads the file with), before anything is read or written. */
function checkName(name: string): void {
  if (!API_KEY_NAME.test(name))
    throw new CliError(
      'invalid-key-name',
      `--name ${JSON.stringify(name)} is not a key name: a name is ${API_KEY_NAME_RULE} (no spaces), as the actor of what the key records. Nothing was written`,
    );
}

const RELOAD_NOTE = 'A running service reads the file again at its next request; no restart is needed.';

/** `ledger keys add|list|revoke` (API keys) and `ledger keys signing` (the checkpoint signing key). */
export function registerKeysCommands(program: Command, deps: CommandDeps): void {
  const keys = program.command('keys').description('API keys and the checkpoint signing key');

  keys
    .command('add')
    .summary('add an API key: prints its token once and stores only its SHA-256')
    .description(
      'For an operator: add an API key for a clerk (records, and reads everything) or an auditor (reads everything). ' +
        'Prints its token once; the keys file keeps only its SHA-256, and a running service takes it at its next request.',
    )
    .requiredOption('--name <name>', 'who the key is for (shown as the actor of what it records)')
    .addOption(new Option('--role <role>', 'what it may do').choices([...ROLES]).makeOptionMandatory())
    .option('--file <file>', "the keys file (default: the service's, api-keys.json beside the ledger file)")
    .action((options: { name: string; role: 'clerk' | 'auditor'; file?: string }, command: Command) => {
      checkName(options.name);
      const file = keysFileFor(options, command);
      const entries = readEntries(file);
      if (entries.some((k) => k.name === options.name))
        throw new CliError('key-exists', `A key named ${options.name} is already in ${file}`);
      const token = `lk_${randomBytes(32).toString('base64url')}`;
      writeEntries(file, [...entries, { name: options.name, role: options.role, sha256: hashToken(token) }]);
      deps.io.stdout.write(`${token}\n`);
      say(
        deps.io,
        `Added ${options.role} key ${options.name} to ${file}. The token above is shown once; the file keeps only its hash.`,
      );
      say(deps.io, RELOAD_NOTE);
    });

  keys
    .command('list')
    .summary('list the API keys: name and role, one a line (tokens are never stored)')
    .description(
      'For an operator: list the API keys of the keys file by name and role, one a line (the tokens are never stored).',
    )
    .option('--file <file>', "the keys file (default: the service's, api-keys.json beside the ledger file)")
    .action((options: { file?: string }, command: Command) => {
      const file = keysFileFor(options, command);
      const entries = readEntries(file);
      for (const k of entries) deps.io.stdout.write(`${k.name}\t${k.role}\n`);
      say(deps.io, `${entries.length} key(s) in ${file}`);
    });

  keys
    .command('revoke')
    .summary('revoke an API key: its token is refused from then on')
    .description(
      'For an operator: remove an API key from the keys file; a running service refuses its token from its next request, with no restart.',
    )
    .requiredOption('--name <name>', 'the key to revoke')
    .option('--file <file>', "the keys file (default: the service's, api-keys.json beside the ledger file)")
    .action((options: { name: string; file?: string }, command: Command) => {
      const file = keysFileFor(options, command);
      const entries = readEntries(file);
      if (!entries.some((k) => k.name === options.name))
        throw new CliError('key-not-found', `No key named ${options.name} in ${file}`);
      writeEntries(
        file,
        entries.filter((k) => k.name !== options.name),
      );
      say(deps.io, `Revoked key ${options.name} in ${file}. ${RELOAD_NOTE}`);
    });

  keys
    .command('signing')
    .summary('make an Ed25519 key pair for signing checkpoints')
    .description(
      'For an operator: make an Ed25519 key pair for signing checkpoints. The private key goes to --out (mode 600), for ' +
        'LEDGER_SIGNING_KEY_FILE; the public key is printed, for whoever checks the checkpoints (verify --key, verify-proof --key).',
    )
    .requiredOption('--out <file>', 'where to write the private key (PEM, mode 600)')
    .action((options: { out: string }) => {
      if (existsSync(options.out))
        throw new CliError('key-exists', `${options.out} exists; refusing to overwrite a signing key`);
      const pair = generateCheckpointKeys();
      mkdirSync(dirname(resolve(options.out)), { recursive: true });
      writeFileSync(options.out, pair.privateKeyPem, { mode: 0o600 });
      deps.io.stdout.write(pair.publicKeyPem);
      say(
        deps.io,
        `Private key in ${options.out} (key id ${pair.keyId}). Start the service with LEDGER_SIGNING_KEY_FILE=${resolve(options.out)}`,
      );
    });
}
