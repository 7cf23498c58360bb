import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';

/*
 * Why a SQLite ledger file cannot be opened or written, in words that name the file and say what
 * to do: createEventStore checks the file before the service opens it, and maps SQLite's refusals
 * (which name no file) when it or the CLI opens or writes it.
 */

/**
 * The codes by which SQLite and the system say a file or folder could not be opened or written.
 * SQLite's own messages ("attempt to write a readonly database", "unable to open database file")
 * name no file, and the operator is left to guess which one, and why.
 */
const CANNOT_OPEN_OR_WRITE =
  /^(SQLITE_READONLY|SQLITE_CANTOPEN|SQLITE_PERM|SQLITE_AUTH|EACCES|EPERM|EROFS|ENOTDIR|EISDIR|EEXIST)/;

/** What is wrong with a ledger path and what to do about it. */
interface LedgerFileProblem {
  problem: string;
  fix: string;
}

/** The system's refusal to write `path`, or undefined when it may be written. */
function refusedWrite(path: string): NodeJS.ErrnoException | undefined {
  try {
    accessSync(path, constants.W_OK);
    return undefined;
  } catch (error) {
    return error as NodeJS.ErrnoException;
  }
}

function cannotWrite(refusal: NodeJS.ErrnoException, what: string): LedgerFileProblem {
  const uid = process.getuid?.();
  const user = uid === undefined ? 'the user the ledger runs as' : `the user the ledger runs as (uid ${uid})`;
  return refusal.code === 'EROFS'
    ? {
        problem: `${what} is on a file system mounted read-only`,
        fix: 'Mount it read-write, or set LEDGER_DB_PATH (or --db) to a ledger on a writable disk',
      }
    : {
        problem: `${what} cannot be written by this user (${refusal.code ?? 'refused'})`,
        fix: `Give ${user} write access to the file and its folder, or set LEDGER_DB_PATH (or --db) to a ledger it can write`,
      };
}

/**
 * Why the ledger file at `path` cannot be opened for writing, as far as the file system says, or
 * undefined when nothing stands in the way. SQLite writes the file and, beside it, its -wal and
 * -shm files (the service its -service.lock too), so the folder must be writable as well.
 */
export function ledgerFileProblem(path: string): LedgerFileProblem | undefined {
  const file = resolve(path);
  const folder = dirname(file);
  let existing = folder;
  while (!existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing);
  if (!statSync(existing).isDirectory())
    return {
      problem:
        existing === folder
          ? `its folder ${folder} is a file`
          : `${existing} is a file, so the folder ${folder} cannot be made`,
      fix: 'Set LEDGER_DB_PATH (or --db) to a path in a folder',
    };
  if (existing !== folder) {
    const refusal = refusedWrite(existing);
    return refusal ? cannotWrite(refusal, `its folder ${folder} does not exist, and ${existing}`) : undefined;
  }
  if (existsSync(file)) {
    if (statSync(file).isDirectory())
      return {
        problem: 'it is a folder, not a ledger file',
        fix: `Set LEDGER_DB_PATH (or --db) to the ledger file itself (say ${resolve(file, 'ledger.db')})`,
      };
    const refusal = refusedWrite(file);
    if (refusal) return cannotWrite(refusal, 'the file');
  }
  const refusal = refusedWrite(folder);
  const name = basename(file);
  return refusal
    ? cannotWrite(refusal, `its folder ${folder}, where ${name}-wal and ${name}-shm are kept,`)
    : undefined;
}

/** The ledger file cannot be opened, or written, where it is: the message names it and says why. */
export class LedgerFileInaccessible extends Error {
  readonly code = 'ledger-file-inaccessible';
  constructor(
    readonly path: string,
    { problem, fix }: LedgerFileProblem,
    options?: { cause?: unknown },
  ) {
    super(
      `The ledger file ${path} cannot be opened for writing: ${problem}. ${fix}; nothing was changed.`,
      options,
    );
    this.name = new.target.name;
  }
}

/**
 * `error` as LedgerFileInaccessible when its code says a file could not be opened or written,
 * else as it is. `onlyIfFound`: only when the file system shows why (for an error raised after
 * the ledger was opened, which may be of another file: a read model's); otherwise SQLite's own
 * message is given, with the file's name.
 */
export function asLedgerFileError(error: unknown, path: string, onlyIfFound = false): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !CANNOT_OPEN_OR_WRITE.test(code) || path === ':memory:') return error;
  const found = ledgerFileProblem(path);
  if (!found && onlyIfFound) return error;
  return new LedgerFileInaccessible(
    resolve(path),
    found ?? {
      problem: `${(error as Error).message} [${code}]`,
      fix: 'Check that the file and its folder exist and that the user the ledger runs as may write both, or set LEDGER_DB_PATH (or --db) to a ledger it can write',
    },
    { cause: error },
  );
}
