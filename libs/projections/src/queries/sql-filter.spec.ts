import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidInput } from '@ledger/event-store';
import { registerCursor, SqlFilter } from './sql-filter';

/**
 * Registers store dates as given (`2013`, `2013-04`, a date-time with its zone): their cursors
 * and date filters must not read them as fixed-width strings or compare them as raw text.
 */
describe('a register of dates as given', () => {
  let dir: string;
  let db: Database.Database;
  const rows: Array<[string, string]> = [
    ['2012', '00000000-0000-4000-8000-000000000001'],
    ['2012-12-31T23:30:00-02:00', '00000000-0000-4000-8000-000000000002'], // 2013-01-01T01:30Z
    ['2013', '00000000-0000-4000-8000-000000000003'],
    ['2013', '00000000-0000-4000-8000-000000000004'],
    ['2013-01-01T01:00:00+02:00', '00000000-0000-4000-8000-000000000005'], // 2012-12-31T23:00Z
    ['2013-04', '00000000-0000-4000-8000-000000000006'],
    ['2024-04-03', '00000000-0000-4000-8000-000000000007'],
  ];
  const select = (f: SqlFilter, limit = 100) =>
    db
      .prepare(`SELECT r.date, r.event_id FROM reg r WHERE ${f.sql} ORDER BY r.date, r.event_id LIMIT ?`)
      .all(...f.params, limit) as Array<{ date: string; event_id: string }>;
  const ids = (r: Array<{ event_id: string }>) => r.map((x) => Number(x.event_id.slice(-1)));

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sql-filter-'));
    db = new Database(join(dir, 'rm.db'));
    db.exec('CREATE TABLE reg (date TEXT NOT NULL, event_id TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO reg VALUES (?, ?)');
    for (const r of rows) insert.run(...r);
  });
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('pages through every row by its cursor, whatever the date precision', () => {
    const seen: number[] = [];
    let after: string | undefined;
    for (let page = select(new SqlFilter().after('r'), 1); page.length > 0;) {
      seen.push(...ids(page));
      after = registerCursor(page[0]);
      page = select(new SqlFilter().after('r', after), 1);
    }
    expect(seen).toEqual(ids(select(new SqlFilter())));
    expect(seen).toHaveLength(rows.length);
  });

  it.each(['zzzz', '2013', '2013-13-01' + rows[0][1], '2013' + 'x'.repeat(36), rows[0][1]])(
    'refuses a cursor that is not one, naming `after`: %s',
    (after) => {
      expect(() => new SqlFilter().after('r', after)).toThrow(InvalidInput);
      expect(() => new SqlFilter().after('r', after)).toThrow(expect.objectContaining({ field: 'after' }));
    },
  );

  it('filters by first instants (the cut rule), a zone included', () => {
    const range = (from?: string, to?: string) =>
      ids(select(new SqlFilter().datedRange(db, { from, to }, 'r.date')));
    expect(range('2013-01-01')).toEqual([2, 3, 4, 6, 7]);
    expect(range(undefined, '2012-12-31T23:59:59Z')).toEqual([1, 5]);
    expect(range('2013-01-01', '2013-01-01')).toEqual([3, 4]);
    expect(range('2013-04-01', '2013-04-01')).toEqual([6]);
    expect(range('9999-01-01')).toEqual([]);
    expect(range(undefined, '9999-12-31')).toHaveLength(rows.length);
  });
});
