import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createEventStore } from './create-event-store';
import { loadConfig } from './ledger-config';
import { asLedgerFileError, LedgerFileInaccessible } from './ledger-file-problem';

/*
 * A ledger file that cannot be opened or written was refused in SQLite's words ("attempt to write
 * a readonly database", "unable to open database file"), which name no file. The refusal names the
 * file, says why, and what to do.
 *
 * Root writes through any chmod, and CI runs as root: there the read-only cases open the ledger in
 * a child process started as nobody (uid 65534), which the files are handed to, as a ledger's files
 * are its user's. Run as another user, they open it in this process.
 */
const NOBODY = 65534;
const asRoot = process.getuid?.() === 0;
/** The uid the refusal names: the user that opened the ledger. */
const opener = asRoot ? NOBODY : process.getuid?.();
const ROOT = resolve(__dirname, '../../..');
const FIXTURE = join(__dirname, 'create-event-store.ledger-file.fixture.js');

/**
 * What came of opening a ledger: what it threw (the error itself in this process; its name, code
 * and message from the child), or the ledger's head.
 */
interface Opened {
  error?: { name: string; code?: unknown; message: string };
  head?: number;
}

/** Opens `path` as the service (which takes the service lock) or as the CLI, in this process. */
async function openHere(path: string, oneService: boolean): Promise<Opened> {
  let store;
  try {
    store = createEventStore(loadConfig({ LEDGER_DB_PATH: path }), undefined, { oneService });
  } catch (error) {
    return { error: error as Opened['error'] };
  }
  try {
    return { head: await store.head() };
  } finally {
    await store.close();
  }
}

/**
 * What opening `path` gives, for the service (which takes the service lock) and then for the CLI:
 * `asTheUser`, as nobody when this runs as root (the fixture does what openHere does).
 */
async function refusals(path: string, asTheUser = false): Promise<Opened[]> {
  if (!asRoot || !asTheUser) return [await openHere(path, true), await openHere(path, false)];
  const child = spawnSync(process.execPath, ['-r', '@swc-node/register', FIXTURE, path], {
    cwd: ROOT,
    uid: NOBODY,
    gid: NOBODY,
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (child.status !== 0) throw new Error(`the fixture failed (${child.status}): ${child.stderr}`);
  return JSON.parse(child.stdout) as Opened[];
}

/** As root, makes `path` (and what is in it) nobody's, as a ledger's files are its user's. */
function handToTheUser(path: string): void {
  if (!asRoot) return;
  chownSync(path, NOBODY, NOBODY);
  for (const entry of readdirSync(path, { withFileTypes: true, recursive: true }))
    chownSync(join(entry.parentPath, entry.name), NOBODY, NOBODY);
}

describe('a ledger file that cannot be opened or written (createEventStore, real files)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-file-'));
  beforeAll(() => handToTheUser(dir));
  afterAll(() => {
    chmodSync(dir, 0o755);
    rmSync(dir, { recursive: true, force: true });
  });

  it('a folder given as the ledger file: named, and what to give instead', async () => {
    const folder = join(dir, 'a-folder');
    mkdirSync(folder);
    for (const { error } of await refusals(folder)) {
      expect(error).toBeInstanceOf(LedgerFileInaccessible);
      expect(error?.message).toBe(
        `The ledger file ${folder} cannot be opened for writing: it is a folder, not a ledger file. ` +
          `Set LEDGER_DB_PATH (or --db) to the ledger file itself (say ${join(folder, 'ledger.db')}); nothing was changed.`,
      );
    }
  });

  it('a ledger file under a file: named, and the file in the way', async () => {
    const file = join(dir, 'notes.txt');
    writeFileSync(file, 'not a folder');
    for (const { error } of await refusals(join(file, 'ledger.db'))) {
      expect(error).toBeInstanceOf(LedgerFileInaccessible);
      expect(error).toMatchObject({
        code: 'ledger-file-inaccessible',
        message: `The ledger file ${join(file, 'ledger.db')} cannot be opened for writing: its folder ${file} is a file. Set LEDGER_DB_PATH (or --db) to a path in a folder; nothing was changed.`,
      });
    }
  });

  it('a read-only ledger file: the service refuses it at start, naming it; the CLI may read it', async () => {
    const folder = join(dir, 'read-only-file');
    mkdirSync(folder);
    const path = join(folder, 'ledger.db');
    await createEventStore(loadConfig({ LEDGER_DB_PATH: path })).close(); // a whole ledger, every table made
    handToTheUser(folder);
    chmodSync(path, 0o444);
    const [service, cli] = await refusals(path, true);
    expect(service.error).toMatchObject({ name: 'LedgerFileInaccessible', code: 'ledger-file-inaccessible' });
    expect(service.error?.message).toBe(
      `The ledger file ${path} cannot be opened for writing: the file cannot be written by this user (EACCES). ` +
        `Give the user the ledger runs as (uid ${opener}) write access to the file and its folder, or set LEDGER_DB_PATH (or --db) to a ledger it can write; nothing was changed.`,
    );
    expect(cli).toEqual({ head: 0 });
  });

  it('a ledger in a read-only folder: the folder named, and why it must be writable', async () => {
    const folder = join(dir, 'read-only-folder');
    mkdirSync(folder);
    handToTheUser(folder);
    chmodSync(folder, 0o555);
    for (const path of [join(folder, 'ledger.db'), join(folder, 'new', 'ledger.db')]) {
      for (const { error } of await refusals(path, true)) {
        expect(error).toMatchObject({ name: 'LedgerFileInaccessible', code: 'ledger-file-inaccessible' });
        expect(error?.message).toContain(`The ledger file ${path} cannot be opened for writing: `);
        expect(error?.message).toContain(`${folder}`);
      }
    }
  });
});

describe('asLedgerFileError: which errors are the ledger file’s', () => {
  const readOnly = () =>
    Object.assign(new Error('attempt to write a readonly database'), { code: 'SQLITE_READONLY' });
  const dir = mkdtempSync(join(tmpdir(), 'ledger-file-map-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('at open: SQLite’s refusal with the file named, when the file system shows nothing', () => {
    const path = join(dir, 'ledger.db');
    const error = readOnly();
    const mapped = asLedgerFileError(error, path);
    expect(mapped).toBeInstanceOf(LedgerFileInaccessible);
    expect(mapped).toMatchObject({
      path,
      cause: error,
      message: `The ledger file ${path} cannot be opened for writing: attempt to write a readonly database [SQLITE_READONLY]. Check that the file and its folder exist and that the user the ledger runs as may write both, or set LEDGER_DB_PATH (or --db) to a ledger it can write; nothing was changed.`,
    });
  });

  it('after open (onlyIfFound): left as it is when the ledger file can be written (a read model’s, say)', () => {
    const error = readOnly();
    expect(asLedgerFileError(error, join(dir, 'ledger.db'), true)).toBe(error);
  });

  it('other errors, and the in-memory ledger, are left as they are', () => {
    const busy = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    expect(asLedgerFileError(busy, join(dir, 'ledger.db'))).toBe(busy);
    const error = readOnly();
    expect(asLedgerFileError(error, ':memory:')).toBe(error);
  });
});
