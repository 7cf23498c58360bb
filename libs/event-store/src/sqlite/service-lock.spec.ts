import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AnotherServiceRunning, ServiceLock } from './service-lock';

/** One service at a time on a ledger file; the lock goes with the connection, and with the process. */
describe('ServiceLock', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ledger-lock-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('given a service holding the lock, when another takes it, then it is refused by name until the first lets go', () => {
    const ledger = join(dir, 'ledger.db');
    const first = ServiceLock.take(ledger);
    expect(() => ServiceLock.take(ledger)).toThrow(AnotherServiceRunning);
    expect(() => ServiceLock.take(ledger)).toThrow(/Another ledger service is running on .*ledger\.db/);
    // Another file is another ledger.
    ServiceLock.take(join(dir, 'other.db')).release();
    first.release();
    ServiceLock.take(ledger).release();
  });

  it('given a ledger whose folder does not exist yet (a first start), then the lock is taken and the folder made', () => {
    const ledger = join(dir, 'data', 'nested', 'ledger.db');
    const lock = ServiceLock.take(ledger);
    expect(() => ServiceLock.take(ledger)).toThrow(AnotherServiceRunning);
    lock.release();
  });

  it('given the lock held by another process, then it is refused there; once that process has ended, it is free', () => {
    const ledger = join(dir, 'ledger.db');
    const held = ServiceLock.take(ledger);
    const driver = require.resolve('better-sqlite3');
    // The same lock, taken as the service does, from a process of its own.
    const script = `
      const Database = require(${JSON.stringify(driver)});
      const db = new Database(${JSON.stringify(`${ledger}-service.lock`)});
      db.pragma('busy_timeout = 0'); db.pragma('locking_mode = EXCLUSIVE');
      try { db.exec('BEGIN EXCLUSIVE'); db.exec('COMMIT'); process.stdout.write('taken'); }
      catch (e) { process.stdout.write(e.code); }`;
    expect(spawnSync(process.execPath, ['-e', script]).stdout.toString()).toMatch(/^SQLITE_BUSY/);
    held.release();
    expect(spawnSync(process.execPath, ['-e', script]).stdout.toString()).toBe('taken');
    // That process ended holding it (it never closed its connection): the lock went with it.
    ServiceLock.take(ledger).release();
  });
});
