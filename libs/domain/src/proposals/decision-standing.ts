import type { DecisionOutcome } from './proposal.events';
import type { DecisionEntry } from './proposal.state';

/**
 * Which decisions still count, and what may follow them. A body's decisions on a proposal move
 * by stages (in principle, then final; approval, then a contract's award, then its signature);
 * a rescission or revocation undoes an earlier one, which then no longer counts.
 */

const UNDOING: ReadonlySet<DecisionOutcome> = new Set(['rescind', 'revoke']);

export const undoes = (d: Pick<DecisionEntry, 'outcome'>) => UNDOING.has(d.outcome);

/** The rescission or revocation that undid a decision, if any. */
export function undoneBy(decisions: readonly DecisionEntry[], decisionId: string): DecisionEntry | undefined {
  return decisions.find((d) => undoes(d) && d.undoesDecisionId === decisionId);
}

/** Decisions that stand: not undoings themselves, and not undone. In the order recorded. */
export function standingDecisions(decisions: readonly DecisionEntry[]): DecisionEntry[] {
  return decisions.filter((d) => !undoes(d) && !undoneBy(decisions, d.decisionId));
}

/** The latest standing decision of the bodies `mine` accepts (a body and those it succeeded). */
export function latestStanding(
  decisions: readonly DecisionEntry[],
  mine: (bodyId: string) => boolean,
): DecisionEntry | undefined {
  return standingDecisions(decisions)
    .reverse()
    .find((d) => mine(d.bodyId));
}

export type DecisionPosition = 'approved' | 'approved-in-principle' | 'rejected' | 'deferred';

/** What a standing decision amounts to: an approval in principle is not yet an approval. */
export function positionOf(d: Pick<DecisionEntry, 'outcome' | 'stage'>): DecisionPosition {
  switch (d.outcome) {
    case 'approve':
      return d.stage === 'in-principle' ? 'approved-in-principle' : 'approved';
    case 'award-contract':
    case 'sign-contract':
      return 'approved';
    case 'reject':
      return 'rejected';
    case 'defer':
    case 'rescind':
    case 'revoke':
      return 'deferred';
  }
}

/** What the alliance's rule counts: only a final approval agrees; an approval in principle is still open. */
export function memberPositionOf(
  d: Pick<DecisionEntry, 'outcome' | 'stage'> | undefined,
): 'approve' | 'reject' | 'defer' | undefined {
  if (!d) return undefined;
  const position = positionOf(d);
  if (position === 'approved') return 'approve';
  if (position === 'rejected') return 'reject';
  return position === 'deferred' ? 'defer' : undefined;
}

/**
 * The `already-decided` rule: what may follow a body's standing decision. Nothing stands, or a
 * deferral: any decision. An approval in principle: anything but a second one (a final approval,
 * a rejection, an award or signature, a deferral of the final decision). A final approval: the contract's award or signature. An award: its signature.
 * A rejection or a signature: nothing but its rescission or revocation.
 */
export function mayFollow(
  standing: DecisionEntry | undefined,
  next: Pick<DecisionEntry, 'outcome' | 'stage'>,
): boolean {
  if (!standing || standing.outcome === 'defer') return true;
  if (undoes(next)) return true;
  switch (positionOf(standing)) {
    case 'approved-in-principle':
      return !(next.outcome === 'approve' && next.stage === 'in-principle');
    case 'approved':
      return (
        (standing.outcome === 'approve' && next.outcome === 'award-contract') ||
        (standing.outcome !== 'sign-contract' && next.outcome === 'sign-contract')
      );
    default:
      return false;
  }
}
