import { countVotes, voteResult } from '../alliances/decision-rule';
import { activeBody, officeHolder } from '../bodies/body.rules';
import type { DecideContext } from '../shared/decider';
import { ensure } from '../shared/rules';
import type { CommandData, VotingEvent } from './vote.events';
import type { VoteEventState } from './vote.state';

/**
 * The rules a ballot and a closing keep, each in one place: casting and closing a vote run them,
 * and so does a correction of the ballot, the closing, or the opening they rest on
 * (vote.corrections.ts).
 */

type Closing = Extract<VotingEvent, { type: 'VoteClosed' }>['data'];
type CastingVote = NonNullable<Closing['castingVote']>;

/** The `not-eligible-to-vote` rule: a ballot is cast for a body taking part in the vote. */
export function ensureVotingBody(bodyId: string, votingBodyIds: readonly string[], ballot?: string): void {
  ensure(
    votingBodyIds.includes(bodyId),
    'not-eligible-to-vote',
    `${ballot ? `${ballot}: ` : ''}${bodyId} does not take part in this vote`,
    { bodyId },
  );
}

/** The post a ballot is cast in: one its voter held on a body taking the vote, on the ballot's date. */
export function ballotPost(
  d: Pick<CommandData<'CastVote'>, 'personId' | 'bodyId'>,
  state: VoteEventState,
  { occurredAt, refs }: Pick<DecideContext, 'occurredAt' | 'refs'>,
): string {
  ensureVotingBody(d.bodyId, state.votingBodyIds);
  return officeHolder(activeBody(refs, d.bodyId, occurredAt), d.personId, occurredAt).postId;
}

/** A recusal states the interest declared. */
export function ensureInterestStated(
  d: Pick<CommandData<'CastVote'>, 'personId' | 'option' | 'declaredInterest'>,
): void {
  ensure(
    d.option !== 'recused' || (d.declaredInterest ?? '').trim() !== '',
    'interest-not-declared',
    `${d.personId} recused without declaring the interest`,
  );
}

/**
 * What a closing records, worked out from the ballots by the opening's rule and voting bodies
 * (`castingVote` is the chair's, counted only on a tie under a rule that grants it). The chair
 * who gives it is checked by closing (vote.decider.ts), who reads the meeting.
 */
export function closingOf(
  state: Pick<VoteEventState, 'voteEventId' | 'rule' | 'votingBodyIds' | 'votes'>,
  castingVote?: CastingVote,
): Closing {
  const counts = countVotes(state.votes.map((v) => v.option));
  // A voting body none of whose office holders voted counts as absent.
  counts.absent += state.votingBodyIds.filter((b) => !state.votes.some((v) => v.bodyId === b)).length;
  const eligible = state.rule.kind === 'unanimity' ? state.votingBodyIds.length : state.votes.length;
  const { result, unanimous, castingVoteUsed } = voteResult(
    state.rule,
    counts,
    eligible,
    castingVote?.option,
  );
  return {
    voteEventId: state.voteEventId,
    counts,
    result,
    unanimous,
    ...(castingVoteUsed && castingVote ? { castingVote } : {}),
  };
}
