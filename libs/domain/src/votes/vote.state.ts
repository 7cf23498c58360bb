import type { DecisionRule, VoteCounts, VoteOption, VoteResult } from '../alliances/decision-rule';
import { assertNever, type Recorded } from '../shared/decider';
import { omit } from '../shared/omit';
import type { VotingEvent } from './vote.events';

export interface VoteEventState {
  exists: boolean;
  voteEventId: string;
  proposalId: string;
  meetingId: string;
  /** The VoteOpened entry's `occurredAt`, as given (absent from a state saved before it was kept). */
  openedAt?: string;
  question: string;
  rule: DecisionRule;
  votingBodyIds: string[];
  votes: Array<{
    personId: string;
    bodyId: string;
    postId: string;
    option: VoteOption;
    declaredInterest?: string;
    eventId: string;
    date: string;
  }>;
  closed?: {
    counts: VoteCounts;
    result: VoteResult;
    unanimous: boolean;
    castingVote?: { personId: string; option: 'yes' | 'no' };
  };
}

export const initialVoteState = (): VoteEventState => ({
  exists: false,
  voteEventId: '',
  proposalId: '',
  meetingId: '',
  question: '',
  rule: { kind: 'unanimity' },
  votingBodyIds: [],
  votes: [],
});

export function evolveVote(state: VoteEventState, event: Recorded<VotingEvent>): VoteEventState {
  switch (event.type) {
    case 'VoteOpened':
      return { ...state, exists: true, ...event.data, openedAt: event.occurredAt, votes: [] };
    case 'VoteCast':
      return {
        ...state,
        votes: [
          ...state.votes,
          omit(event.data, ['voteEventId'], { eventId: event.id, date: event.occurredAt }),
        ],
      };
    case 'VoteClosed':
      return { ...state, closed: omit(event.data, ['voteEventId']) };
    default:
      return assertNever(event, 'vote event');
  }
}
