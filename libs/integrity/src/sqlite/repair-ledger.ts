import Database from 'better-sqlite3';
import { EVENTS_APPEND_ONLY_TRIGGERS } from '@ledger/event-store';
import { eventsIntact } from '../ledger-structure';
import { verifyLedger, type LedgerVerificationReport } from '../verify-ledger';
import { MERKLE_COMPONENT } from './merkle-schema';
import { SqliteMerkleLog } from './sqlite-merkle-log';

export interface RepairResult {
  repaired: boolean;
  before: LedgerVerificationReport;
  after: LedgerVerificationReport;
}

/**
 * The way out when only what is derived from the events is damaged (`ledger repair`): recreates
 * the append-only triggers and rebuilds the Merkle log from the events, which are the source of
 * truth. Refuses, changing nothing, when the events themselves do not verify: a changed event
 * cannot be repaired in place, only restored. Run with the service stopped.
 */
export function repairLedger(path: string): RepairResult {
  const before = verifyLedger(path);
  if (before.ok) return { repaired: false, before, after: before };
  if (!eventsIntact(before.problems))
    throw new Error(`The ledger cannot be repaired in place: ${before.remedy}`);
  const db = new Database(path, { fileMustExist: true });
  try {
    db.transaction(() => {
      db.exec(EVENTS_APPEND_ONLY_TRIGGERS);
      db.exec('DROP TABLE IF EXISTS merkle_nodes; DROP TABLE IF EXISTS merkle_leaves;');
      db.prepare('DELETE FROM schema_versions WHERE component = ?').run(MERKLE_COMPONENT);
    })();
    // Migrated afresh (tables and their triggers), then every event becomes a leaf again.
    new SqliteMerkleLog(db).catchUpFromEventsTable();
  } finally {
    db.close();
  }
  return { repaired: true, before, after: verifyLedger(path) };
}
