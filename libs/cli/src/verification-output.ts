import type { LedgerVerificationReport, Problem } from '@ledger/integrity';
import { say, type CliIo } from './cli-io';
import { CliError } from './errors';

/** What every store's verification report says of the ledger as a whole (its JSON says the rest). */
export interface Verdict {
  ok: boolean;
  firstBadEvent: LedgerVerificationReport['firstBadEvent'];
  /** The way out, for the store at hand. */
  remedy: string | null;
}

/**
 * The first thing wrong, in words: the first bad event by position when one can be named (what a
 * person looks up first), else the first problem with its code (a damaged log, a checkpoint).
 */
export function firstFault(verdict: Verdict, firstProblem: Problem | undefined): string {
  const bad = verdict.firstBadEvent;
  if (bad) return `first bad event at position ${bad.position} (${bad.id}): ${bad.message}`;
  return firstProblem ? `${firstProblem.code}: ${firstProblem.message}` : 'see `ledger verify`';
}

/**
 * How `ledger verify` answers, whatever the store, so that a script or a person reads every store
 * the same way: the whole report as JSON on stdout; then either `summary` (exit 0), or the first
 * fault and the way out (exit 1).
 */
export function printVerification(
  io: CliIo,
  report: Verdict,
  firstProblem: Problem | undefined,
  summary: string,
): void {
  io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  if (!report.ok)
    throw new CliError(
      'ledger-tampered',
      `The ledger does not verify: ${firstFault(report, firstProblem)}\nThe way out: ${report.remedy}`,
    );
  say(io, `OK: ${summary}`);
}
