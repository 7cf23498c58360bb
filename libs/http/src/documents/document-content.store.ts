import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Injectable } from '@nestjs/common';
import { StorageFull } from '@ledger/event-store';
import { LedgerConfig } from '@ledger/platform';

/**
 * What a file system answers when it has no room for a write: no space left on the device
 * (ENOSPC), or the owner's quota used up (EDQUOT). With the event store's SQLITE_FULL (its
 * asStorageFull), these are the disk being full.
 */
const NO_ROOM = new Set(['ENOSPC', 'EDQUOT']);

/**
 * A write the disk had no room for as the port's StorageFull, which the one mapping of problems
 * answers 507 storage-full ("nothing was written"), as it does for the ledger's own writes; any
 * other error as it is. The detail names the code, never the folder's path.
 */
export function noRoomAsStorageFull(error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException)?.code;
  return typeof code === 'string' && NO_ROOM.has(code)
    ? new StorageFull(`no room for the document's content, ${code}`)
    : error;
}

/**
 * Document content beside the ledger, addressed by its SHA-256: `<dir>/<sha256>`. The ledger
 * records each document's hash and size; content is kept only when it has both, so a file here
 * is always the content some document records, and two documents with the same content share it.
 */
@Injectable()
export class DocumentContentStore {
  private readonly dir: string;
  /**
   * This store's part of a temporary file's name. put is synchronous, so no two of this store's
   * writes are ever under way at once; instances sharing the folder (several services on one
   * PostgreSQL ledger) each have their own. A put made asynchronous would need one per write.
   */
  private readonly writer = randomUUID();

  constructor(config: LedgerConfig) {
    this.dir = resolve(config.LEDGER_DOCUMENTS_DIR ?? join(dirname(config.LEDGER_DB_PATH), 'documents'));
  }

  static sha256(content: Buffer): string {
    return createHash('sha256').update(content).digest('hex');
  }

  has(sha256: string): boolean {
    return existsSync(this.pathOf(sha256));
  }

  /**
   * Written to a temporary file first and renamed, so a crash never leaves half a file under a
   * hash. A write that fails (the disk full, most often) removes its temporary file before it
   * throws: an auditor never finds half a document in the folder, even under another name.
   */
  put(sha256: string, content: Buffer): void {
    if (this.has(sha256)) return;
    const temporary = this.temporaryPathOf(sha256);
    try {
      mkdirSync(this.dir, { recursive: true });
      writeFileSync(temporary, content, { flush: true });
      renameSync(temporary, this.pathOf(sha256));
    } catch (error) {
      removeQuietly(temporary);
      throw noRoomAsStorageFull(error);
    }
  }

  get(sha256: string): Buffer | undefined {
    return this.has(sha256) ? readFileSync(this.pathOf(sha256)) : undefined;
  }

  /** Where put writes this content before renaming it to its hash: a dot file of this store's own. */
  temporaryPathOf(sha256: string): string {
    return join(this.dir, `.${basenameOf(sha256)}.${this.writer}.part`);
  }

  private pathOf(sha256: string): string {
    return join(this.dir, basenameOf(sha256));
  }
}

/** The hash comes from the ledger's own record, checked as 64 hex digits: never a path of the caller's. */
function basenameOf(sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`Not a SHA-256: ${sha256}`);
  return sha256;
}

/**
 * Removes a failed write's temporary file. Its own failure is not thrown: the write's error is
 * the one to answer, and a file that could not be removed is overwritten by this store's next
 * put of the same content.
 */
function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // Nothing more to do here: see above.
  }
}
