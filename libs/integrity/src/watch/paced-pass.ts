import type Database from 'better-sqlite3';
import { setTimeout as pause } from 'node:timers/promises';
import type { TreeHead } from '../proofs';
import { LedgerVerifier } from '../verify-ledger';
import type { LedgerVerificationReport } from '../verify-ledger.types';

/** Marks the integrity watch's thread in its workerData (integrity-thread.ts, integrity-pass-thread.ts). */
export const INTEGRITY_THREAD_ROLE = 'ledger-integrity-watch';

/** What one pass of the watch is given: the tree heads it is held to, and how big a page is. */
export interface PassRequest {
  anchors: TreeHead[];
  pageSize: number;
}

/**
 * One pass of `ledger verify`'s own verifier over the file, a page at a time, pausing three times
 * as long as each page took: a pass costs at most a quarter of one core, however large the ledger,
 * and whatever else the machine is doing goes first.
 */
export async function pacedPass(
  db: Database.Database,
  request: PassRequest,
): Promise<LedgerVerificationReport> {
  const started = Date.now();
  const verifier = new LedgerVerifier(db, db.name, {
    checkpoints: request.anchors,
    pageSize: request.pageSize,
  });
  verifier.begin();
  for (;;) {
    const pageStarted = performance.now();
    if (!verifier.step()) break;
    await pause(Math.max(1, 3 * (performance.now() - pageStarted)));
  }
  return verifier.finish(started);
}
