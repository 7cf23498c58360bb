import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import { LedgerConfig } from '@ledger/platform';

/** The key as the store keeps it: per caller, so two callers' keys never meet. */
export function storedIdempotencyKey(caller: string, key: string): string {
  return `${caller}:${key}`;
}

/**
 * The fingerprint of the request that first used each Idempotency-Key. The SQLite store keeps it
 * with the events, in the append's transaction (AppendOptions.idempotency): a crash cannot
 * separate them. A store that does not keep them (EventStoreDB) has them kept here, in a file
 * beside the ledger, written after the append; event ids derived from the key still stop a
 * retry from recording twice.
 */
@Injectable()
export class IdempotencyStore implements OnApplicationShutdown {
  private readonly own?: Database.Database;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    config: LedgerConfig,
  ) {
    if (store.idempotencyFingerprint) return;
    const path =
      config.LEDGER_DB_PATH === ':memory:'
        ? ':memory:'
        : join(
            dirname(resolve(config.LEDGER_DB_PATH)),
            `${basename(config.LEDGER_DB_PATH)}.read`,
            'idempotency.db',
          );
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.own = new Database(path);
    if (path !== ':memory:') this.own.pragma('journal_mode = WAL');
    this.own.exec(
      `CREATE TABLE IF NOT EXISTS idempotency_fingerprints (key TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, created_at TEXT NOT NULL)`,
    );
  }

  async fingerprint(caller: string, key: string): Promise<string | undefined> {
    const stored = storedIdempotencyKey(caller, key);
    if (this.store.idempotencyFingerprint) return this.store.idempotencyFingerprint(stored);
    return this.own!.prepare('SELECT fingerprint FROM idempotency_fingerprints WHERE key = ?')
      .pluck()
      .get(stored) as string | undefined;
  }

  /** After a write: needed only where the store did not keep the key with the events. */
  remember(caller: string, key: string, fingerprint: string): void {
    this.own
      ?.prepare(
        'INSERT OR IGNORE INTO idempotency_fingerprints (key, fingerprint, created_at) VALUES (?, ?, ?)',
      )
      .run(storedIdempotencyKey(caller, key), fingerprint, new Date().toISOString());
  }

  onApplicationShutdown(): void {
    this.own?.close();
  }
}
