import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@ledger/event-store';
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
    for (let n = 1; n <= 100_000; n++)
      writer.run('INSERT INTO t (n, v) VALUES (?, ?)', [n, n % 2 ? `odd ${n}` : null]);
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
    await expect(writer.settled()).rejects.toThrow(
      /writer thread failed: SQLITE_CONSTRAINT_PRIMARYKEY: UNIQUE constraint failed: t\.n/,
    );
    expect(() => writer.run('INSERT INTO t (n, v) VALUES (?, ?)', [3, 'three'])).toThrow(
      /UNIQUE constraint failed/,
    );
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

describe('the writer thread reading the ledger for a rebuild', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ledger-reader-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('hands over the same pages the store serves, in order, to the end', async () => {
    const store = new SqliteEventStore({ path: join(dir, 'ledger.db') });
    const rmPath = join(dir, 'rm.db');
    new Database(rmPath).close();
    try {
      for (let n = 0; n < 5; n++) {
        await store.append(
          `proposal-p${n % 2}`,
          Array.from({ length: 7 }, (_, i) => ({
            id: `00000000-0000-4000-8000-${String(n * 10 + i).padStart(12, '0')}`,
            type: 'ClaimRecorded',
            schemaVersion: 1,
            data: {
              proposalId: `p${n % 2}`,
              text: `claim "${n}.${i}" \u2014 quoted`,
              amount: n * i,
              nested: { list: [1, null, 'x'] },
            },
            metadata: {
              occurredAt: '2012-10-01T00:00:00.000Z',
              actor: 'clerk:test',
              source: { kind: 'test', reference: 'reader' },
            },
          })),
        );
      }
      const expected = [...store.readProjectedPages(3, 4)];
      const writer = new WriterThread(rmPath, []);
      const read = [];
      for await (const page of writer.readPages(store.file!, 3, 4)) read.push(page);
      await writer.close();
      expect(read).toEqual(expected);
      expect(read.flat().map((e) => e.position)).toEqual(Array.from({ length: 33 }, (_, i) => i + 3));
    } finally {
      await store.close();
    }
  });
});
