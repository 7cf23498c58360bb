import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WriterThread } from './writer-thread';

describe('the writer thread of a rebuild', () => {
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-writer-'));
    path = join(dir, 'rm.db');
    const db = new Database(path);
    db.exec('CREATE TABLE t (n INTEGER PRIMARY KEY, v TEXT)');
    db.close();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const rows = () => {
    const db = new Database(path, { readonly: true });
    try {
      return db.prepare('SELECT n, v FROM t ORDER BY n').all();
    } finally {
      db.close();
    }
  };

  it('applies statements in the order they were given, in batches, with the values bound as given', async () => {
    const writer = new WriterThread(path, ['synchronous = OFF']);
    writer.exec('BEGIN');
    for (let n = 1; n <= 100_000; n++) writer.run('INSERT INTO t (n, v) VALUES (?, ?)', [n, n % 2 ? `odd ${n}` : null]);
    writer.run('UPDATE t SET v = ? WHERE n = ?', ['changed', 2]);
    await writer.drained();
    writer.exec('COMMIT');
    await writer.settled();
    const written = rows() as Array<{ n: number; v: string | null }>;
    expect(written).toHaveLength(100_000);
    expect(written.slice(0, 3)).toEqual([
      { n: 1, v: 'odd 1' },
      { n: 2, v: 'changed' },
      { n: 3, v: 'odd 3' },
    ]);
    await writer.close();
  });

  it('reports the first failure, executes nothing after it, and leaves nothing uncommitted behind', async () => {
    const writer = new WriterThread(path, []);
    writer.exec('BEGIN');
    writer.run('INSERT INTO t (n, v) VALUES (?, ?)', [1, 'one']);
    writer.run('INSERT INTO t (n, v) VALUES (?, ?)', [1, 'again']);
    writer.run('INSERT INTO t (n, v) VALUES (?, ?)', [2, 'two']);
    await expect(writer.settled()).rejects.toThrow(/writer thread failed: UNIQUE constraint failed: t\.n/);
    expect(() => writer.run('INSERT INTO t (n, v) VALUES (?, ?)', [3, 'three'])).toThrow(/UNIQUE constraint failed/);
    await writer.close();
    expect(rows()).toEqual([]);
  });

  it('rolls back what was not committed when it is closed', async () => {
    const writer = new WriterThread(path, []);
    writer.exec('BEGIN');
    writer.run('INSERT INTO t (n, v) VALUES (?, ?)', [1, 'kept']);
    writer.exec('COMMIT; BEGIN');
    writer.run('INSERT INTO t (n, v) VALUES (?, ?)', [2, 'dropped']);
    await writer.settled();
    await writer.close();
    expect(rows()).toEqual([{ n: 1, v: 'kept' }]);
  });
});
