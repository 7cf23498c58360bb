import type { LedgerVerificationReport, Problem } from './verify-ledger.types';

/**
 * The report step of a verification: problems are counted, the first few kept (at most
 * `maxProblems`), and the first event at fault remembered with its first problem.
 */
export class ProblemLog {
  readonly problems: Problem[] = [];
  count = 0;
  firstBadEvent: LedgerVerificationReport['firstBadEvent'] = null;

  constructor(private readonly maxProblems: number) {}

  add(...problems: Problem[]): void {
    for (const problem of problems) {
      this.count += 1;
      if (problem.event && !this.firstBadEvent)
        this.firstBadEvent = { ...problem.event, code: problem.code, message: problem.message };
      if (this.problems.length < this.maxProblems) this.problems.push(problem);
    }
  }
}
