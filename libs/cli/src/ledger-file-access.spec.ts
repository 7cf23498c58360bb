import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openStore, seed, tempDir } from './testing/cli-fixtures';
import { runLedger as run, type LedgerRun } from './testing/run-ledger';

/*
 * A ledger file the CLI cannot open or write was refused in SQLite's words ("unable to open
 * database file", "attempt to write a readonly database"), naming no file.
 *
 * Root writes through any chmod, and CI runs as root: there the read-only case runs the CLI in a
 * child process started as nobody (uid 65534), which the files are handed to, as a ledger's files
 * are its user's. Run as another user, it runs the CLI in this process.
 */
const NOBODY = 65534;
const asRoot = process.getuid?.() === 0;
/** The uid the refusal names: the user that ran the CLI. */
const runner = asRoot ? NOBODY : process.getuid?.();
const ROOT = resolve(__dirname, '../../..');
const FIXTURE = join(__dirname, 'ledger-file-access.fixture.js');

/** `ledger <args>` as run does, but as nobody when this runs as root (the fixture calls run). */
async function runAsTheUser(args: readonly string[]): Promise<LedgerRun> {
  if (!asRoot) return run(args);
  const child = spawnSync(process.execPath, ['-r', '@swc-node/register', FIXTURE, ...args], {
    cwd: ROOT,
    uid: NOBODY,
    gid: NOBODY,
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (child.status !== 0) throw new Error(`the fixture failed (${child.status}): ${child.stderr}`);
  return JSON.parse(child.stdout) as LedgerRun;
}

/** As root, makes `path` (and what is in it) nobody's, as a ledger's files are its user's. */
function handToTheUser(path: string): void {
  if (!asRoot) return;
  chownSync(path, NOBODY, NOBODY);
  for (const entry of readdirSync(path, { withFileTypes: true, recursive: true }))
    chownSync(join(entry.parentPath, entry.name), NOBODY, NOBODY);
}

describe('the CLI on a ledger file it cannot open or write (real SQLite files)', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('--db naming a folder: the folder named, and what to give instead', async () => {
    const folder = tmp.path('ledgers');
    mkdirSync(folder);
    const res = await run(['store', 'info', '--db', folder]);
    expect([res.code, res.out]).toEqual([1, '']);
    expect(res.err).toBe(
      `ledger: The ledger file ${folder} cannot be opened for writing: it is a folder, not a ledger file. ` +
        `Set LEDGER_DB_PATH (or --db) to the ledger file itself (say ${join(folder, 'ledger.db')}); nothing was changed. [ledger-file-inaccessible]\n`,
    );
  });

  it('events import into a read-only ledger: the file named, not "a readonly database"', async () => {
    const source = tmp.path('source.db');
    const store = openStore(source);
    await seed(store, 4);
    await store.close();
    const all = tmp.path('all.ndjson');
    expect((await run(['events', 'export', '--db', source, '--out', all])).code).toBe(0);
    const target = tmp.path('read-only.db');
    await openStore(target).close();
    expect((await run(['store', 'info', '--db', target])).code).toBe(0); // every table made
    handToTheUser(tmp.dir);
    chmodSync(target, 0o444);
    const res = await runAsTheUser(['events', 'import', all, '--db', target]);
    expect([res.code, res.out]).toEqual([1, '']);
    expect(res.err).toBe(
      'imported 0 events, skipped 0 already present before the import stopped\n' +
        `ledger: The ledger file ${target} cannot be opened for writing: the file cannot be written by this user (EACCES). ` +
        `Give the user the ledger runs as (uid ${runner}) write access to the file and its folder, ` +
        'or set LEDGER_DB_PATH (or --db) to a ledger it can write; nothing was changed. [ledger-file-inaccessible]\n',
    );
  });
});
