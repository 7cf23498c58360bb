import type { DecisionRule, VoteCounts, VoteOption, VoteResult } from '../alliances/decision-rule';
import type { DomainCommand, DomainEvent } from '../shared/decider';

/**
 * What happens in a vote (its opening, each vote cast, its closing). The vote itself is a
 * Popolo VoteEvent: a vote on a proposal at a meeting, by the members of one body or of an
 * alliance. Each vote is cast by an office holder; closing it computes counts and result by the
 * rule in force, which is copied onto the vote when it opens.
 */
export type VotingEvent =
  | DomainEvent<
      'VoteOpened',
      {
        voteEventId: string;
        proposalId: string;
        meetingId: string;
        question: string;
        bodyId?: string;
        allianceId?: string;
        rule: DecisionRule;
        votingBodyIds: string[];
      }
    >
  | DomainEvent<
      'VoteCast',
      {
        voteEventId: string;
        personId: string;
        bodyId: string;
        postId: string;
        option: VoteOption;
        declaredInterest?: string;
      }
    >
  | DomainEvent<
      'VoteClosed',
      {
        voteEventId: string;
        counts: VoteCounts;
        result: VoteResult;
        unanimous: boolean;
        castingVote?: { personId: string; option: 'yes' | 'no' };
      }
    >;

export type VoteCommand =
  | DomainCommand<
      'OpenVote',
      {
        voteEventId: string;
        proposalId: string;
        meetingId: string;
        question: string;
        bodyId?: string;
        allianceId?: string;
        majority?: { quorum: number; chairHasCastingVote: boolean };
      }
    >
  | DomainCommand<
      'CastVote',
      { voteEventId: string; personId: string; bodyId: string; option: VoteOption; declaredInterest?: string }
    >
  | DomainCommand<
      'CloseVote',
      { voteEventId: string; castingVote?: { personId: string; option: 'yes' | 'no' } }
    >;

export type CommandData<T extends VoteCommand['type']> = Extract<VoteCommand, { type: T }>['data'];
