import { createHash, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Logger } from '@nestjs/common';
import type { LedgerConfig } from '@ledger/platform';

export interface ApiKey {
  name: string;
  role: 'clerk' | 'auditor';
  sha256: Buffer;
}

/** The roles a key or a JWT may carry. */
export const ROLES = new Set(['clerk', 'auditor']);

/** What a key's name may be (it is shown as the actor of what the key records), and the rule in words. */
export const API_KEY_NAME = /^[A-Za-z0-9._-]{1,64}$/;
export const API_KEY_NAME_RULE = '1-64 letters, digits, . _ -';

/** Hashes an API key's token as the keys file stores it: the token itself is never kept. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Reads the keys file; a malformed file stops the service at start with a message naming the entry. */
export function loadApiKeys(path: string): ApiKey[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`The API keys file ${path} cannot be read as JSON: ${(error as Error).message}`, {
      cause: error,
    });
  }
  if (!Array.isArray(raw)) throw new Error(`The API keys file ${path} must hold a JSON array`);
  return raw.map((entry, i) => {
    const e = entry as Record<string, unknown>;
    if (typeof e?.name !== 'string' || !API_KEY_NAME.test(e.name))
      throw new Error(`${path}[${i}].name must be ${API_KEY_NAME_RULE}`);
    if (!ROLES.has(String(e.role))) throw new Error(`${path}[${i}].role must be clerk or auditor`);
    if (typeof e.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(e.sha256))
      throw new Error(`${path}[${i}].sha256 must be the hex SHA-256 of the token`);
    return { name: e.name, role: e.role as ApiKey['role'], sha256: Buffer.from(e.sha256, 'hex') };
  });
}

/**
 * The keys file: LEDGER_API_KEYS_FILE, or `api-keys.json` beside the ledger file (where
 * `ledger keys add` writes by default: ./data/api-keys.json). Both the service and the CLI use it.
 */
export function apiKeysFile(config: Pick<LedgerConfig, 'LEDGER_API_KEYS_FILE' | 'LEDGER_DB_PATH'>): string {
  return resolve(
    config.LEDGER_API_KEYS_FILE || join(dirname(resolve(config.LEDGER_DB_PATH)), 'api-keys.json'),
  );
}

/** What tells one version of the keys file from another: a stat, cheap enough for every request. */
function versionOf(file: string): string {
  const stat = statSync(file, { throwIfNoEntry: false });
  return stat ? `${stat.ino}:${stat.size}:${stat.mtimeMs}` : 'absent';
}

/**
 * The rings SIGHUP reads again, behind one listener for the process: an app holds one ring, but a
 * process may hold several apps (the multi-instance tests start eleven), and a listener each made
 * Node warn of a leak.
 */
const ringsOnHangup = new Set<ApiKeyRing>();
const reloadOnHangup = () => ringsOnHangup.forEach((ring) => ring.reload('SIGHUP'));

/**
 * The API keys the service accepts, read from the keys file and read again as soon as it changes
 * (looked at before each token is checked: a stat) or on SIGHUP, so `ledger keys add` and
 * `ledger keys revoke` take effect at the next request, without a restart. A file named in
 * LEDGER_API_KEYS_FILE must exist at start; the default one may appear later. A change that leaves
 * the file malformed is logged and the keys in force stay as they were.
 */
export class ApiKeyRing {
  private readonly logger = new Logger('ApiKeys');
  private keys: ApiKey[] = [];
  private version: string;

  constructor(
    readonly file: string,
    required: boolean,
  ) {
    this.version = versionOf(file);
    if (required || existsSync(file)) this.keys = loadApiKeys(file);
    if (ringsOnHangup.size === 0) process.on('SIGHUP', reloadOnHangup);
    ringsOnHangup.add(this);
  }

  static forConfig(config: Pick<LedgerConfig, 'LEDGER_API_KEYS_FILE' | 'LEDGER_DB_PATH'>): ApiKeyRing {
    return new ApiKeyRing(apiKeysFile(config), Boolean(config.LEDGER_API_KEYS_FILE));
  }

  /** Set while this event-loop turn has looked at the file: requests of one turn share the stat. */
  private lookedThisTurn = false;

  /** The key whose token hashes to `digest`, compared in constant time, as the file says now. */
  find(digest: Buffer): ApiKey | undefined {
    if (!this.lookedThisTurn) {
      // Under load many requests are authenticated in one turn: one stat serves them all (a stat a
      // request was 1% of a recorded vote's CPU), and the next turn looks again.
      this.lookedThisTurn = true;
      setImmediate(() => (this.lookedThisTurn = false));
      if (versionOf(this.file) !== this.version) this.reload('a change of the file');
    }
    return this.keys.find((k) => timingSafeEqual(k.sha256, digest));
  }

  get size(): number {
    return this.keys.length;
  }

  /** Reads the file again: a missing file means no keys; a malformed one keeps the keys in force. */
  reload(why: string): void {
    this.version = versionOf(this.file);
    try {
      this.keys = existsSync(this.file) ? loadApiKeys(this.file) : [];
      this.logger.log(`API keys read again from ${this.file} after ${why}: ${this.keys.length} key(s)`);
    } catch (error) {
      this.logger.error(`API keys not changed: ${(error as Error).message}`);
    }
  }

  close(): void {
    ringsOnHangup.delete(this);
    if (ringsOnHangup.size === 0) process.off('SIGHUP', reloadOnHangup);
  }
}
