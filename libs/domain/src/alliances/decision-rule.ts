import { either, FLAG, oneOf, shape, wholeNumber } from '../shared/field-values';

/**
 * How a body or alliance turns votes or members' decisions into a result. The one place these
 * rules live: votes use `voteResult`, proposal status uses `membersResult`.
 */
export type DecisionRule =
  /** Every member must agree (the Bedfordshire, Cambridgeshire and Hertfordshire alliance). */
  | { kind: 'unanimity' }
  /** A majority of members present and voting, with a quorum and the chair's casting vote on a tie. */
  | { kind: 'majority'; quorum: number; chairHasCastingVote: boolean }
  /** Each member decides for itself; there is no collective result. */
  | { kind: 'each-member' };

/** What a decision rule may be, by its kind (checked on a correction: shared/field-values.ts). */
export const DECISION_RULE_VALUE = either(
  shape({ kind: oneOf(['unanimity']) }, ['kind']),
  shape({ kind: oneOf(['majority']), quorum: wholeNumber(0, 10_000), chairHasCastingVote: FLAG }, [
    'kind',
    'quorum',
    'chairHasCastingVote',
  ]),
  shape({ kind: oneOf(['each-member']) }, ['kind']),
);

export type VoteOption = 'yes' | 'no' | 'abstain' | 'absent' | 'recused';
export const VOTE_OPTIONS: readonly VoteOption[] = ['yes', 'no', 'abstain', 'absent', 'recused'];

export type VoteCounts = Record<VoteOption, number>;
export type VoteResult = 'passed' | 'failed' | 'tied' | 'inquorate' | 'per-member';

export function countVotes(options: readonly VoteOption[]): VoteCounts {
  const counts: VoteCounts = { yes: 0, no: 0, abstain: 0, absent: 0, recused: 0 };
  for (const option of options) counts[option] += 1;
  return counts;
}

/**
 * The result of a vote. `eligible` is how many could vote; `castingVote` is the chair's, used
 * only on a tie under a majority rule that grants it.
 */
export function voteResult(
  rule: DecisionRule,
  counts: VoteCounts,
  eligible: number,
  castingVote?: 'yes' | 'no',
): { result: VoteResult; unanimous: boolean; castingVoteUsed: boolean } {
  const present = counts.yes + counts.no + counts.abstain + counts.recused;
  const unanimous =
    counts.yes + counts.no > 0 && (counts.yes === 0 || counts.no === 0) && counts.abstain === 0;
  switch (rule.kind) {
    case 'unanimity': {
      // Every member agrees: any no, abstention, recusal or absence fails it.
      const everyoneYes =
        eligible > 0 &&
        counts.yes >= eligible &&
        counts.no + counts.abstain + counts.recused + counts.absent === 0;
      return { result: everyoneYes ? 'passed' : 'failed', unanimous, castingVoteUsed: false };
    }
    case 'majority': {
      if (present < rule.quorum) return { result: 'inquorate', unanimous: false, castingVoteUsed: false };
      if (counts.yes !== counts.no)
        return { result: counts.yes > counts.no ? 'passed' : 'failed', unanimous, castingVoteUsed: false };
      if (rule.chairHasCastingVote && castingVote)
        return {
          result: castingVote === 'yes' ? 'passed' : 'failed',
          unanimous: false,
          castingVoteUsed: true,
        };
      return { result: 'tied', unanimous: false, castingVoteUsed: false };
    }
    case 'each-member':
      return { result: 'per-member', unanimous, castingVoteUsed: false };
  }
}

export type MemberPosition = 'approve' | 'reject' | 'defer' | undefined;

/**
 * The collective outcome from each member's decision: agreed, rejected, or still open.
 * Under unanimity one rejection suffices to reject; agreement needs every member.
 */
export function membersResult(
  rule: DecisionRule,
  positions: readonly MemberPosition[],
): 'agreed' | 'rejected' | 'open' | 'per-member' {
  const approve = positions.filter((p) => p === 'approve').length;
  const reject = positions.filter((p) => p === 'reject').length;
  switch (rule.kind) {
    case 'unanimity':
      if (reject > 0) return 'rejected';
      return positions.length > 0 && approve === positions.length ? 'agreed' : 'open';
    case 'majority':
      if (approve * 2 > positions.length) return 'agreed';
      if (reject * 2 >= positions.length && positions.length > 0) return 'rejected';
      return 'open';
    case 'each-member':
      return 'per-member';
  }
}
