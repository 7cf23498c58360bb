import { existsSync } from 'node:fs';
import { verifyLedger, type LedgerVerificationReport } from './verify-ledger';

/** The ledger does not verify: the service refuses to start, naming the problem and the way out. */
export class LedgerIntegrityError extends Error {
  constructor(readonly report: LedgerVerificationReport) {
    super(describeFailure(report, 'so the service will not start'));
    this.name = 'LedgerIntegrityError';
  }
}

/** One paragraph: what is wrong (the first event at fault, by position and id), how much else, and the way out. */
export function describeFailure(report: LedgerVerificationReport, consequence: string): string {
  const bad = report.firstBadEvent;
  const first = bad
    ? `event ${bad.id} at position ${bad.position} (${bad.code}): ${bad.message}`
    : `${report.problems[0]?.code}: ${report.problems[0]?.message}`;
  const more = report.problemCount > 1 ? ` (and ${report.problemCount - 1} more problem(s))` : '';
  return `The ledger ${report.path} does not verify, ${consequence}: ${first}${more}. The way out: ${report.remedy}`;
}

/**
 * The service's check at start, on the embedded store: the whole file verified as `ledger
 * verify` does (every hash, chain, leaf and node, the triggers), before the store opens it and
 * before the Merkle log integrates anything. Its cost grows with the ledger (a pass over every
 * event); what is checked and what it says are `ledger verify`'s, so the two always agree.
 */
export function assertLedgerVerifies(path: string): LedgerVerificationReport | undefined {
  if (path === ':memory:' || !existsSync(path)) return undefined; // a new ledger: nothing to check yet
  const report = verifyLedger(path);
  if (!report.ok) throw new LedgerIntegrityError(report);
  return report;
}
