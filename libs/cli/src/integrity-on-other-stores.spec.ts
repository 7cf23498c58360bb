import { existsSync, readdirSync } from 'node:fs';
import Database from 'better-sqlite3';
import { PostgresServer } from '@ledger/event-store/testing';
import { POSTGRES_REBUILD, verifyLedger } from '@ledger/integrity';
import {
  postgresLedger,
  sqliteLedger,
  TAMPERABLE_EVENTS,
  type TamperableLedger,
} from '@ledger/integrity/testing';
import { tempDir } from './testing/cli-fixtures';
import { runLedger } from './testing/run-ledger';

/*
 * `ledger verify` prints the same for a ledger file and a PostgreSQL database, and the commands
 * that work on a ledger file (repair, backup, restore) refuse, changing nothing, when the ledger
 * is in another store: acting on a file the service does not use would answer for the wrong
 * ledger. Real stores: a SQLite file, a PostgreSQL server started for the suite.
 */

const tmp = tempDir();
let server: PostgresServer;
beforeAll(async () => {
  server = await PostgresServer.primary('cli-verify');
}, 120_000);
afterAll(async () => {
  await server?.stop();
  tmp.cleanup();
});

let files = 0;
const nextFile = () => tmp.path(`ledger-${(files += 1)}.db`);

/** Each store with the environment (or option) that points `ledger` at it. */
const STORES = [
  ['SQLite', () => sqliteLedger(nextFile()), (at: string) => ({ args: ['--db', at], env: {} })],
  [
    'PostgreSQL',
    () => postgresLedger(server.createDatabase()),
    (at: string) => ({ args: [], env: { LEDGER_STORE: 'postgres', DATABASE_URL: at } }),
  ],
] as const;

describe.each(STORES)('ledger verify on a %s ledger', (_name, create, pointAt) => {
  let ledger: TamperableLedger;
  beforeEach(async () => (ledger = await create()));
  afterEach(() => ledger.dispose());
  const verify = () => {
    const { args, env } = pointAt(ledger.location);
    return runLedger(['verify', ...args], env);
  };

  it('says OK with the number of events and the root', async () => {
    const res = await verify();
    expect([res.code, JSON.parse(res.out).ok]).toEqual([0, true]);
    expect(res.err).toMatch(new RegExp(`^OK: ${TAMPERABLE_EVENTS} events, .*tree of ${TAMPERABLE_EVENTS}`));
  });

  it('prints the report, names the first bad event and the way out (a restore), and exits 1', async () => {
    await ledger.changeData(5);
    const res = await verify();
    expect(res.code).toBe(1);
    const report = JSON.parse(res.out);
    expect(report).toMatchObject({ ok: false, firstBadEvent: { position: 5, code: 'hash-mismatch' } });
    expect(res.err).toBe(
      `ledger: The ledger does not verify: first bad event at position 5 (${report.firstBadEvent.id}): ${report.firstBadEvent.message} ` +
        `The way out: ${report.remedy} [ledger-tampered]\n`,
    );
    expect(report.remedy).toMatch(/do not verify from position 5 .*Restore the ledger from a backup/);
  });

  it('names a damaged Merkle log and the way out for this store (a rebuild)', async () => {
    await ledger.overwriteNode(1, 3);
    const res = await verify();
    expect(res.code).toBe(1);
    const report = JSON.parse(res.out);
    expect(report.remedy).toMatch(/^The events are intact/);
    expect(res.err).toMatch(
      /^ledger: The ledger does not verify: node-mismatch: .* The way out: The events are intact/,
    );
  });
});

describe('the commands on a ledger file, when the ledger is in PostgreSQL', () => {
  let url: string;
  beforeAll(() => (url = server.createDatabase()));
  const onPostgres = (args: string[]) => runLedger(args, { LEDGER_STORE: 'postgres', DATABASE_URL: url });

  /** A ledger file whose trigger was dropped: `repair` would recreate it, were it let at the file. */
  async function damagedFile(): Promise<string> {
    const path = nextFile();
    await (await sqliteLedger(path)).dispose();
    const db = new Database(path);
    db.exec('DROP TRIGGER events_no_delete');
    db.close();
    return path;
  }

  it('repair refuses, says how to rebuild the log in PostgreSQL, and leaves the file at --db alone', async () => {
    const path = await damagedFile();
    const res = await onPostgres(['repair', '--db', path]);
    expect(res.code).toBe(1);
    expect(res.err).toContain('LEDGER_STORE=postgres');
    expect(res.err).toContain(POSTGRES_REBUILD);
    expect(res.err).toMatch(/nothing was read or changed/);
    expect(verifyLedger(path).problems.map((p) => p.code)).toEqual(['append-only-trigger-missing']);
  });

  it('repair creates no file where --db points', async () => {
    const path = tmp.path('not-there.db');
    const res = await onPostgres(['repair', '--db', path]);
    expect([res.code, existsSync(path)]).toEqual([1, false]);
    expect(res.err).toContain(POSTGRES_REBUILD);
  });

  it('backup and restore refuse, naming the database tools, and write nothing', async () => {
    const before = readdirSync(tmp.dir).sort();
    const backup = await onPostgres(['backup', '--out', tmp.path('copy.db')]);
    expect(backup.code).toBe(1);
    expect(backup.err).toMatch(/the ledger is in PostgreSQL \(LEDGER_STORE=postgres\).*pg_dump/);
    const restore = await onPostgres(['restore', await damagedFile(), '--db', tmp.path('restored.db')]);
    expect(restore.code).toBe(1);
    expect(restore.err).toMatch(/the ledger is in PostgreSQL \(LEDGER_STORE=postgres\).*pg_dump/);
    expect(readdirSync(tmp.dir).filter((f) => !before.includes(f))).toEqual([
      expect.stringMatching(/^ledger-\d+\.db$/), // the backup given to restore, made above
    ]);
  });
});

describe('the commands on a ledger file, when the ledger is in EventStoreDB', () => {
  const onEventStoreDb = (args: string[]) =>
    runLedger(args, {
      LEDGER_STORE: 'eventstoredb',
      EVENTSTORE_CONNECTION_STRING: 'esdb://127.0.0.1:2113?tls=false',
    });

  it.each(['verify', 'repair'])(
    '%s refuses rather than answer for the file at --db, which the service does not use',
    async (command) => {
      const ledger = await sqliteLedger(nextFile());
      const res = await onEventStoreDb([command, '--db', ledger.location]);
      expect(res.code).toBe(1);
      expect(res.out).toBe('');
      expect(res.err).toMatch(/the ledger is in EventStoreDB \(LEDGER_STORE=eventstoredb\)/);
    },
  );
});
