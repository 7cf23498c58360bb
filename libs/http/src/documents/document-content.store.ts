import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Injectable } from '@nestjs/common';
import { LedgerConfig } from '@ledger/platform';

/**
 * Document content beside the ledger, addressed by its SHA-256: `<dir>/<sha256>`. The ledger
 * records each document's hash and size; content is kept only when it has both, so a file here
 * is always the content some document records, and two documents with the same content share it.
 */
@Injectable()
export class DocumentContentStore {
  private readonly dir: string;

  constructor(config: LedgerConfig) {
    this.dir = resolve(config.LEDGER_DOCUMENTS_DIR ?? join(dirname(config.LEDGER_DB_PATH), 'documents'));
  }

  static sha256(content: Buffer): string {
    return createHash('sha256').update(content).digest('hex');
  }

  has(sha256: string): boolean {
    return existsSync(this.pathOf(sha256));
  }

  /** Written to a temporary file first and renamed, so a crash never leaves half a file under a hash. */
  put(sha256: string, content: Buffer): void {
    if (this.has(sha256)) return;
    mkdirSync(this.dir, { recursive: true });
    const temporary = join(this.dir, `.${sha256}.${randomUUID()}.part`);
    writeFileSync(temporary, content, { flush: true });
    renameSync(temporary, this.pathOf(sha256));
  }

  get(sha256: string): Buffer | undefined {
    return this.has(sha256) ? readFileSync(this.pathOf(sha256)) : undefined;
  }

  private pathOf(sha256: string): string {
    // The hash comes from the ledger's own record, checked as 64 hex digits: never a path of the caller's.
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`Not a SHA-256: ${sha256}`);
    return join(this.dir, sha256);
  }
}
