import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Command, Option } from 'commander';
import { hashToken, loadApiKeys } from '@ledger/http/auth/authenticator';
import { generateCheckpointKeys } from '@ledger/integrity';
import { say } from './cli-io';
import { CliError } from './errors';
import { cliConfig } from './nest-store-access';
import type { CommandDeps, GlobalOptions } from './register-commands';

/** `ledger keys add` (API keys) and `ledger keys signing` (the checkpoint signing key). */
export function registerKeysCommands(program: Command, deps: CommandDeps): void {
  const keys = program.command('keys').description('API keys and the checkpoint signing key');

  keys
    .command('add')
    .summary('add an API key: prints its token once and stores only its SHA-256')
    .requiredOption('--name <name>', 'who the key is for (shown as the actor of what it records)')
    .addOption(new Option('--role <role>', 'what it may do').choices(['clerk', 'auditor']).makeOptionMandatory())
    .option('--file <file>', 'the keys file (default: api-keys.json beside the ledger file)')
    .action((options: { name: string; role: 'clerk' | 'auditor'; file?: string }, command: Command) => {
      const config = cliConfig(process.env, command.optsWithGlobals<GlobalOptions>());
      const file = resolve(options.file ?? config.LEDGER_API_KEYS_FILE ?? join(dirname(resolve(config.LEDGER_DB_PATH)), 'api-keys.json'));
      const existing = existsSync(file) ? loadApiKeys(file) : [];
      if (existing.some((k) => k.name === options.name)) throw new CliError('key-exists', `A key named ${options.name} is already in ${file}`);
      const token = `lk_${randomBytes(32).toString('base64url')}`;
      const entries = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as unknown[]) : [];
      entries.push({ name: options.name, role: options.role, sha256: hashToken(token) });
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, `${JSON.stringify(entries, null, 2)}\n`, { mode: 0o600 });
      // Validates what was written, as the service will at start.
      loadApiKeys(file);
      deps.io.stdout.write(`${token}\n`);
      say(deps.io, `Added ${options.role} key ${options.name} to ${file}. The token above is shown once; the file keeps only its hash.`);
      say(deps.io, `Start the service with LEDGER_API_KEYS_FILE=${file}`);
    });

  keys
    .command('signing')
    .summary('make an Ed25519 key pair for signing checkpoints')
    .requiredOption('--out <file>', 'where to write the private key (PEM, mode 600)')
    .action((options: { out: string }) => {
      if (existsSync(options.out)) throw new CliError('key-exists', `${options.out} exists; refusing to overwrite a signing key`);
      const pair = generateCheckpointKeys();
      mkdirSync(dirname(resolve(options.out)), { recursive: true });
      writeFileSync(options.out, pair.privateKeyPem, { mode: 0o600 });
      deps.io.stdout.write(pair.publicKeyPem);
      say(deps.io, `Private key in ${options.out} (key id ${pair.keyId}). Start the service with LEDGER_SIGNING_KEY_FILE=${resolve(options.out)}`);
    });
}
