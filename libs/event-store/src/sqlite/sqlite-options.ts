import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { StoredEvent } from '../event-store.port';
import {
  EVENT_LOG_COMPONENT,
  eventLogMigrations,
  IDEMPOTENCY_COMPONENT,
  idempotencyMigrations,
  migrate,
  type Migration,
} from './migrations';

export type SqliteSynchronous = 'FULL' | 'NORMAL' | 'OFF';

/**
 * Work another component does inside the append transaction: the Merkle log and the inline
 * read models. It runs once per transaction, with the events of every append the group commit
 * gathered (in position order), so a hook hashes and writes a whole group at once. If it throws,
 * the group is rolled back and committed again with the hooks run per append, each in its
 * append's savepoint: the append it refuses is rejected alone, and nothing of it is written.
 */
export interface TransactionHook {
  component: string;
  migrations: readonly Migration[];
  onAppend(db: Database.Database, events: readonly StoredEvent[]): void;
  /**
   * A transaction or savepoint in which onAppend ran was rolled back (a hook or a check refused,
   * the commit failed): what the hook keeps in memory about its writes must be dropped.
   */
  onRollback?(db: Database.Database): void;
}

export interface SqliteEventStoreOptions {
  /** A file path, or ':memory:'. The folder is created. */
  path: string;
  /** FULL (default) survives power loss; NORMAL may lose the last commits on power loss, never corrupts. */
  synchronous?: SqliteSynchronous;
  /** Commit appends arriving within one event-loop turn in one transaction (default true). */
  groupCommit?: boolean;
  maxEventBytes?: number;
  pageSize?: number;
  /** How often a live subscription looks for appends made by another process (ms). */
  pollIntervalMs?: number;
  clock?: () => Date;
  /** The service's lock on the file (service-lock.ts), let go of when the store closes. */
  serviceLock?: { release(): void };
}

/** Opens (or creates) a ledger file: WAL, the durability asked for, and the log's own tables migrated. */
export function openLedgerFile(path: string, synchronous: SqliteSynchronous): Database.Database {
  const memory = path === ':memory:';
  if (!memory) mkdirSync(dirname(resolve(path)), { recursive: true });
  const db = new Database(path);
  try {
    if (!memory) db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${synchronous}`);
    db.pragma('busy_timeout = 5000');
    migrate(db, EVENT_LOG_COMPONENT, eventLogMigrations, `Ledger database ${path}`);
    migrate(db, IDEMPOTENCY_COMPONENT, idempotencyMigrations, `Ledger database ${path}`);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
