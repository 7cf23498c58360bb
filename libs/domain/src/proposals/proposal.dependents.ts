import type { DependentEntry, NamingRecord, Recorded } from '../shared/decider';
import { dataOf, dependentsIn, namersOf } from '../shared/named-elsewhere';
import type { ProposalEvent } from './proposal.events';
import type { ProposalState } from './proposal.state';

/**
 * What rests on a decision in other records (Decider.namedElsewhere): a document of it (a
 * decision notice), and a scrutiny review of it with the decision-maker's responses to the
 * review's recommendations (each answered by the body that took the decision), responses first.
 * Each names the decision by its proposal and id. What names the proposal alone (a vote on it, a
 * child proposal taking it forward) rests on its tabling, which the ledger checks for any record
 * (shared/corrected-entries.ts).
 */
export function proposalNamedElsewhere(
  entry: Recorded<ProposalEvent>,
  state: ProposalState,
  namers: readonly NamingRecord[],
): DependentEntry[] {
  if (entry.type !== 'DecisionRecorded') return [];
  const { proposalId } = state;
  const { decisionId } = entry.data;
  const decision = `decision ${decisionId} of proposal ${proposalId}`;
  const names = (e: Recorded) => dataOf(e).proposalId === proposalId && dataOf(e).decisionId === decisionId;
  return [
    ...namersOf(namers, 'document').flatMap((document) =>
      dependentsIn(
        document,
        (e) => e.type === 'DocumentRecorded' && names(e),
        `names ${decision} (decisionId)`,
      ),
    ),
    ...namersOf(namers, 'review')
      .filter((review) => review.state.proposalId === proposalId && review.state.decisionId === decisionId)
      .flatMap((review) => [
        ...dependentsIn(
          review,
          (e) => e.type === 'RecommendationResponded',
          `answers a recommendation on ${decision}`,
        ),
        ...dependentsIn(
          review,
          (e) => e.type === 'DecisionReviewed' && names(e),
          `names ${decision} (decisionId)`,
        ),
      ]),
  ];
}
