import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { LedgerConfig } from '@ledger/platform';

export interface IdempotencyRecord {
  fingerprint: string;
  response: unknown;
}

/**
 * The first response to each Idempotency-Key, per caller, kept beside the ledger. Another
 * instance that has not seen the key still records nothing new: event ids are derived from the
 * key, and the store refuses to write them twice.
 */
@Injectable()
export class IdempotencyStore implements OnApplicationShutdown {
  private readonly db: Database.Database;

  constructor(config: LedgerConfig) {
    const path = config.LEDGER_DB_PATH === ':memory:' ? ':memory:' : join(dirname(resolve(config.LEDGER_DB_PATH)), `${basename(config.LEDGER_DB_PATH)}.read`, 'idempotency.db');
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    if (path !== ':memory:') this.db.pragma('journal_mode = WAL');
    this.db.exec(`CREATE TABLE IF NOT EXISTS idempotency (caller TEXT NOT NULL, key TEXT NOT NULL, fingerprint TEXT NOT NULL, response TEXT NOT NULL, created_at TEXT NOT NULL, PRIMARY KEY (caller, key))`);
  }

  get(caller: string, key: string): IdempotencyRecord | undefined {
    const row = this.db.prepare('SELECT fingerprint, response FROM idempotency WHERE caller = ? AND key = ?').get(caller, key) as { fingerprint: string; response: string } | undefined;
    return row && { fingerprint: row.fingerprint, response: JSON.parse(row.response) };
  }

  put(caller: string, key: string, record: IdempotencyRecord): void {
    this.db.prepare('INSERT OR IGNORE INTO idempotency (caller, key, fingerprint, response, created_at) VALUES (?, ?, ?, ?, ?)').run(caller, key, record.fingerprint, JSON.stringify(record.response), new Date().toISOString());
  }

  onApplicationShutdown(): void {
    this.db.close();
  }
}
