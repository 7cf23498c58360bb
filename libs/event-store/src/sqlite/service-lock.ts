import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** Another service already runs on the ledger file: the embedded store takes one at a time. */
export class AnotherServiceRunning extends Error {
  override name = 'AnotherServiceRunning';
  constructor(
    readonly ledgerPath: string,
    readonly lockPath: string,
  ) {
    super(
      `Another ledger service is running on ${ledgerPath} (it holds ${lockPath}). The embedded store ` +
        'takes one service at a time: each keeps its read models and caches for the file, and a second ' +
        'would answer from its own. Stop the other one, or give this one another LEDGER_DB_PATH; for ' +
        'several instances on one ledger, use PostgreSQL (LEDGER_STORE=postgres). The CLI may write ' +
        'beside a running service.',
    );
  }
}

/**
 * The one service on a ledger file. A small SQLite file beside the ledger, written once in
 * EXCLUSIVE locking mode, so that its connection keeps the file's exclusive lock until it closes:
 * the operating system lets go of it when the process ends, however it ends, so a crashed service
 * never leaves a stale lock behind. A second service's attempt is refused at once, by name; the
 * CLI takes no such lock (it writes beside the service, waiting for the write lock).
 */
export class ServiceLock {
  private constructor(private readonly db: Database.Database) {}

  static take(ledgerPath: string): ServiceLock {
    const lockPath = `${resolve(ledgerPath)}-service.lock`;
    // Taken before the ledger is opened, which makes its folder: on a first start there is none yet.
    mkdirSync(dirname(lockPath), { recursive: true });
    const db = new Database(lockPath);
    try {
      db.pragma('busy_timeout = 0');
      db.pragma('locking_mode = EXCLUSIVE');
      db.exec('BEGIN EXCLUSIVE');
      db.exec('CREATE TABLE IF NOT EXISTS service (pid INTEGER, since TEXT)');
      db.exec('DELETE FROM service');
      db.prepare('INSERT INTO service (pid, since) VALUES (?, ?)').run(process.pid, new Date().toISOString());
      db.exec('COMMIT');
    } catch (error) {
      db.close();
      if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY'))
        throw new AnotherServiceRunning(resolve(ledgerPath), lockPath);
      throw error;
    }
    return new ServiceLock(db);
  }

  release(): void {
    if (this.db.open) this.db.close();
  }
}
