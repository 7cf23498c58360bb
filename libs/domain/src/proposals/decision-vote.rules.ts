import type { VoteResult } from '../alliances/decision-rule';
import { countVotes } from '../alliances/decision-rule';
import type { DecideContext } from '../shared/decider';
import { ensure } from '../shared/rules';
import type { VoteEventState } from '../votes/vote.state';
import type { DecisionOutcome, ProposalEvent } from './proposal.events';
import type { ProposalState } from './proposal.state';

type RecordedDecision = Extract<ProposalEvent, { type: 'DecisionRecorded' }>['data'];

/**
 * What a vote's result can carry. A vote's question is free text, and a motion may be put either
 * way ("that the authority proceeds", "that it does not"), so the rule reads only what holds
 * whichever way it was put:
 * - a decision that does something (an approval, in principle or final; a contract's award or
 *   signature; a rescission or revocation) is carried only by a motion that passed: a motion that
 *   failed, tied without the chair's casting vote, or was put to an inquorate meeting carried
 *   nothing, whatever it moved;
 * - a rejection may follow a motion that passed (one to reject) or one that was lost (to
 *   proceed: failed, or tied and so lost, as standing orders have it), but not an inquorate vote,
 *   at which no business was transacted (the `meeting-inquorate` rule);
 * - a deferral may follow a vote of any result. It decides nothing on the proposal: any decision
 *   may follow it (decision-standing.ts, mayFollow), so it never makes the ledger say a vote
 *   carried what it did not: a motion to defer that carried; a tie or an inquorate vote, on which
 *   the item stands over; a motion that failed, after which the body put the matter off.
 */
const CARRIED_BY: Readonly<Record<DecisionOutcome, ReadonlySet<VoteResult> | 'any'>> = {
  approve: new Set(['passed']),
  'award-contract': new Set(['passed']),
  'sign-contract': new Set(['passed']),
  rescind: new Set(['passed']),
  revoke: new Set(['passed']),
  reject: new Set(['passed', 'failed', 'tied']),
  defer: 'any',
};

type ClosedVote = VoteEventState & { closed: NonNullable<VoteEventState['closed']> };

/**
 * The vote's result for the deciding body. Under a rule by which each member decides for itself
 * (`per-member`) there is no collective result: the body's own ballots are its result, as a
 * majority of them would give it (none cast carries nothing, as an inquorate vote).
 */
function resultFor(vote: ClosedVote, bodyId: string): VoteResult {
  if (vote.closed.result !== 'per-member') return vote.closed.result;
  const own = countVotes(vote.votes.filter((v) => v.bodyId === bodyId).map((v) => v.option));
  if (own.yes + own.no === 0) return 'inquorate';
  return own.yes > own.no ? 'passed' : own.yes < own.no ? 'failed' : 'tied';
}

/** How a refusal names a result: a per-member vote's is the deciding body's own. */
const resultNamed = (vote: ClosedVote, result: VoteResult, bodyId: string): string =>
  vote.closed.result === 'per-member' ? `"per-member" (${bodyId}'s own ballots: ${result})` : `"${result}"`;

/**
 * The vote a decision names as the one that carried it: recorded, on this proposal, closed, taken
 * at the decision's meeting when it names one (a decision that names none is not given one), and
 * with a result that carries the decision's outcome (CARRIED_BY).
 */
export function ensureCarriedByVote(
  state: ProposalState,
  d: RecordedDecision,
  refs: DecideContext['refs'],
): void {
  if (!d.voteEventId) return;
  const vote = refs.get('vote', d.voteEventId);
  ensure(vote?.exists, 'not-found', `Vote ${d.voteEventId} is not recorded`);
  ensure(
    vote.proposalId === state.proposalId,
    'vote-on-another-proposal',
    `Vote ${d.voteEventId} is a vote on proposal ${vote.proposalId}, not on ${state.terms.title} (proposal ${state.proposalId})`,
    { voteEventId: d.voteEventId, voteProposalId: vote.proposalId, proposalId: state.proposalId },
  );
  ensure(vote.closed, 'invalid-value', `Vote ${d.voteEventId} is still open, so it carried nothing yet`);
  // A decision naming no meeting is not given its vote's: the source may not say where it was taken.
  if (typeof d.meetingId === 'string')
    ensure(
      vote.meetingId === d.meetingId,
      'vote-at-another-meeting',
      `Vote ${d.voteEventId} was taken at meeting ${vote.meetingId}, not at meeting ${d.meetingId} where decision ${d.decisionId} was taken`,
      { voteEventId: d.voteEventId, voteMeetingId: vote.meetingId, meetingId: d.meetingId },
    );
  const closed = vote as ClosedVote;
  const result = resultFor(closed, d.bodyId);
  const carries = CARRIED_BY[d.outcome];
  ensure(
    carries === 'any' || carries.has(result),
    'decision-contradicts-vote',
    `Vote ${d.voteEventId} closed with result ${resultNamed(closed, result, d.bodyId)}, which cannot carry decision ${d.decisionId} to ${d.outcome}`,
    { voteEventId: d.voteEventId, result, outcome: d.outcome },
  );
}
