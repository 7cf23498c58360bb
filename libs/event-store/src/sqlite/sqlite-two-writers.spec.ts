import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { newEvent } from '../testing/event-store.contract';
import { SqliteEventStore } from './sqlite-event-store';

/**
 * Another writer on the same ledger file (the CLI's `story load` or `events import` while the
 * service runs, as the README's first session does): while it holds the write lock, an append
 * waits for it (busy_timeout) and is then written, rather than failing at once with
 * SQLITE_BUSY (a deferred transaction that has read cannot wait for a writer: it starts
 * immediate, taking the write lock first).
 */
describe('SqliteEventStore beside another writer on its file', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ledger-writers-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A thread that takes the file's write lock, holds it for `ms`, then commits. */
  function holdWriteLock(path: string, ms: number): Promise<{ locked: Promise<void>; done: Promise<void> }> {
    const driver = createRequire(__filename).resolve('better-sqlite3');
    const worker = new Worker(
      `const { parentPort, workerData } = require('node:worker_threads');
       const Database = require(workerData.driver);
       const db = new Database(workerData.path);
       db.pragma('busy_timeout = 5000');
       db.exec('BEGIN IMMEDIATE');
       db.exec('CREATE TABLE IF NOT EXISTS other_writer (x)');
       db.prepare('INSERT INTO other_writer VALUES (1)').run();
       parentPort.postMessage('locked');
       Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, workerData.ms);
       db.exec('COMMIT');
       db.close();`,
      { eval: true, workerData: { driver, path, ms } },
    );
    const locked = new Promise<void>((resolve) => worker.once('message', () => resolve()));
    const done = new Promise<void>((resolve, reject) => {
      worker.once('exit', () => resolve());
      worker.once('error', reject);
    });
    return Promise.resolve({ locked, done });
  }

  it('given another connection holding the write lock, when events are appended, then they wait for it and are written', async () => {
    const path = join(dir, 'ledger.db');
    const store = new SqliteEventStore({ path });
    try {
      await store.append('s-1', [newEvent({ type: 'Seeded' })]);
      const other = await holdWriteLock(path, 300);
      await other.locked;
      const appended = await Promise.all([
        store.append('s-1', [newEvent({ type: 'Waited' })], { expectedRevision: 0 }),
        store.append('s-2', [newEvent({ type: 'Waited' })]),
      ]);
      expect(appended.map((a) => a.nextExpectedRevision)).toEqual([1, 0]);
      await other.done;
      expect(await store.head()).toBe(3);
    } finally {
      await store.close();
    }
  });
});
