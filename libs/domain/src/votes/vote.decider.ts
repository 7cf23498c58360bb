import { membersOn } from '../alliances/alliance.decider';
import {
  countVotes,
  DECISION_RULE_VALUE,
  VOTE_OPTIONS,
  voteResult,
  type DecisionRule,
  type VoteCounts,
  type VoteOption,
  type VoteResult,
} from '../alliances/decision-rule';
import { activeBody, officeHolder } from '../bodies/body.rules';
import { heldMeeting } from '../meetings/meeting.decider';
import { proposalStatus } from '../proposals/proposal.status';
import type {
  Decider,
  DecideContext,
  DomainCommand,
  DomainEvent,
  Recorded,
  References,
} from '../shared/decider';
import type { ProposalState } from '../proposals/proposal.state';
import { assertNever } from '../shared/decider';
import { listOf, oneOf, shape, TEXT } from '../shared/field-values';
import { omit } from '../shared/omit';
import { ensure } from '../shared/rules';

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

export interface VoteEventState {
  exists: boolean;
  voteEventId: string;
  proposalId: string;
  meetingId: string;
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

declare module '../shared/decider' {
  interface AggregateStates {
    vote: VoteEventState;
  }
}

function evolve(state: VoteEventState, event: Recorded<VotingEvent>): VoteEventState {
  switch (event.type) {
    case 'VoteOpened':
      return { ...state, exists: true, ...event.data, votes: [] };
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

const DECIDED = new Set(['agreed', 'rejected', 'withdrawn', 'discontinued', 'superseded']);

type CommandData<T extends VoteCommand['type']> = Extract<VoteCommand, { type: T }>['data'];

/** A vote is taken only on an open proposal its deciders have not yet settled. */
function ensureUndecided(
  proposal: ProposalState | undefined,
  proposalId: string,
  occurredAt: string,
  refs: References,
) {
  ensure(proposal?.exists, 'not-found', `Proposal ${proposalId} is not recorded`);
  ensure(
    proposal.lifecycle === 'open',
    'proposal-closed',
    `${proposal.terms.title} was ${proposal.lifecycle}`,
  );
  const status = proposalStatus(proposal, refs, occurredAt).status;
  ensure(!DECIDED.has(status), 'proposal-decided', `${proposal.terms.title} is already ${status}`);
}

/** Who votes, and by which rule: an alliance's members by its rule, or one body by a majority. */
function votersAndRule(
  d: CommandData<'OpenVote'>,
  { occurredAt, refs }: DecideContext,
): { rule: DecisionRule; votingBodyIds: string[] } {
  if (d.allianceId) {
    const alliance = refs.get('alliance', d.allianceId);
    ensure(alliance?.exists, 'not-found', `Alliance ${d.allianceId} is not recorded`);
    return { rule: alliance.decisionRule, votingBodyIds: membersOn(alliance, refs, occurredAt) };
  }
  const body = activeBody(refs, d.bodyId as string, occurredAt);
  ensure(body.powers !== 'none', 'body-cannot-recommend', `${body.name} cannot vote on proposals`);
  const rule: DecisionRule = d.majority
    ? { kind: 'majority', ...d.majority }
    : { kind: 'majority', quorum: 1, chairHasCastingVote: true };
  return { rule, votingBodyIds: [body.bodyId] };
}

function openVote(d: CommandData<'OpenVote'>, state: VoteEventState, context: DecideContext): VotingEvent[] {
  const { occurredAt, refs } = context;
  ensure(!state.exists, 'already-exists', `Vote ${d.voteEventId} is recorded`);
  ensureUndecided(refs.get('proposal', d.proposalId), d.proposalId, occurredAt, refs);
  heldMeeting(refs, d.meetingId, occurredAt);
  ensure(
    Boolean(d.bodyId) !== Boolean(d.allianceId),
    'invalid-value',
    'A vote is taken by one body or by one alliance',
  );
  const { rule, votingBodyIds } = votersAndRule(d, context);
  // Events hold plain JSON: an absent field is left out, never set to undefined.
  return [
    {
      type: 'VoteOpened',
      data: {
        voteEventId: d.voteEventId,
        proposalId: d.proposalId,
        meetingId: d.meetingId,
        question: d.question,
        ...(d.bodyId ? { bodyId: d.bodyId } : { allianceId: d.allianceId }),
        rule,
        votingBodyIds,
      },
    },
  ];
}

/** The post a ballot is cast in: one its voter held on a body taking the vote, on the ballot's date. */
function ballotPost(
  d: Pick<CommandData<'CastVote'>, 'personId' | 'bodyId'>,
  state: VoteEventState,
  { occurredAt, refs }: Pick<DecideContext, 'occurredAt' | 'refs'>,
): string {
  ensure(
    state.votingBodyIds.includes(d.bodyId),
    'not-eligible-to-vote',
    `${d.bodyId} does not take part in this vote`,
  );
  return officeHolder(activeBody(refs, d.bodyId, occurredAt), d.personId, occurredAt).postId;
}

/** A recusal states the interest declared. */
function ensureInterestStated(d: Pick<CommandData<'CastVote'>, 'personId' | 'option' | 'declaredInterest'>) {
  ensure(
    d.option !== 'recused' || (d.declaredInterest ?? '').trim() !== '',
    'interest-not-declared',
    `${d.personId} recused without declaring the interest`,
  );
}

function castVote(d: CommandData<'CastVote'>, state: VoteEventState, context: DecideContext): VotingEvent[] {
  const { occurredAt, refs } = context;
  const proposal = refs.get('proposal', state.proposalId);
  ensure(proposal?.lifecycle === 'open', 'proposal-closed', `The proposal was ${proposal?.lifecycle}`);
  ensureUndecided(proposal, state.proposalId, occurredAt, refs);
  const postId = ballotPost(d, state, context);
  ensure(
    !state.votes.some((v) => v.personId === d.personId),
    'double-vote',
    `${d.personId} has already voted on ${state.question}`,
  );
  ensureInterestStated(d);
  return [
    {
      type: 'VoteCast',
      data: {
        voteEventId: d.voteEventId,
        personId: d.personId,
        bodyId: d.bodyId,
        postId,
        option: d.option,
        ...(d.declaredInterest !== undefined ? { declaredInterest: d.declaredInterest } : {}),
      },
    },
  ];
}

function closeVote(
  d: CommandData<'CloseVote'>,
  state: VoteEventState,
  { refs }: DecideContext,
): VotingEvent[] {
  const counts = countVotes(state.votes.map((v) => v.option));
  // A voting body none of whose office holders voted counts as absent.
  counts.absent += state.votingBodyIds.filter((b) => !state.votes.some((v) => v.bodyId === b)).length;
  const eligible = state.rule.kind === 'unanimity' ? state.votingBodyIds.length : state.votes.length;
  const cast = d.castingVote;
  if (cast) {
    // Only the chair of the meeting holds a casting vote.
    const chair = refs.get('meeting', state.meetingId)?.chair;
    ensure(
      chair?.personId === cast.personId,
      'not-office-holder',
      `${cast.personId} did not chair the meeting, so has no casting vote`,
    );
  }
  const { result, unanimous, castingVoteUsed } = voteResult(state.rule, counts, eligible, cast?.option);
  return [
    {
      type: 'VoteClosed',
      data: {
        voteEventId: state.voteEventId,
        counts,
        result,
        unanimous,
        ...(castingVoteUsed && cast ? { castingVote: cast } : {}),
      },
    },
  ];
}

/** Every command but the opening needs an open vote; each then has its own function. */
function decide(command: VoteCommand, state: VoteEventState, context: DecideContext): VotingEvent[] {
  if (command.type === 'OpenVote') return openVote(command.data, state, context);
  ensure(state.exists, 'not-found', `Vote ${command.data.voteEventId} is not recorded`);
  ensure(!state.closed, 'vote-closed', `Vote ${state.voteEventId} was closed`);
  switch (command.type) {
    case 'CastVote':
      return castVote(command.data, state, context);
    case 'CloseVote':
      return closeVote(command.data, state, context);
    default:
      return assertNever(command, 'vote command');
  }
}

export const voteDecider: Decider<VoteEventState, VoteCommand, VotingEvent> = {
  category: 'vote',
  // What fields may hold beyond their kind, so a correction leaves a valid entry.
  fieldValues: {
    VoteOpened: { rule: DECISION_RULE_VALUE, votingBodyIds: listOf(TEXT) },
    VoteCast: { option: oneOf(VOTE_OPTIONS) },
    VoteClosed: {
      castingVote: shape({ personId: TEXT, option: oneOf(['yes', 'no']) }, ['personId', 'option']),
    },
  },
  // A closing is decided again when corrected. An opening or a ballot is not: casting asks whether
  // the proposal is still undecided, which it is not once the vote carried its decision; a ballot
  // is held to its own rules instead, as casting it runs them.
  recordedBy: { VoteClosed: 'CloseVote' },
  checkCorrected(corrected, state, refs) {
    if (corrected.type !== 'VoteCast') return;
    const ballot = corrected.data;
    const held = ballotPost(ballot, state, { occurredAt: corrected.occurredAt, refs });
    ensure(
      held === ballot.postId,
      'not-office-holder',
      `${ballot.personId} held ${held}, not ${ballot.postId}, on ${corrected.occurredAt}`,
    );
    ensureInterestStated(ballot);
  },
  initialState: () => ({
    exists: false,
    voteEventId: '',
    proposalId: '',
    meetingId: '',
    question: '',
    rule: { kind: 'unanimity' },
    votingBodyIds: [],
    votes: [],
  }),
  decide,
  evolve,
  streamIdOf: (command) => command.data.voteEventId,
  referencesOf(command) {
    switch (command.type) {
      case 'OpenVote': {
        const d = command.data;
        return [
          { kind: 'proposal', id: d.proposalId },
          { kind: 'meeting', id: d.meetingId },
          ...(d.bodyId ? [{ kind: 'body' as const, id: d.bodyId }] : []),
          ...(d.allianceId ? [{ kind: 'alliance' as const, id: d.allianceId }] : []),
        ];
      }
      case 'CastVote':
        return [
          { kind: 'vote', id: command.data.voteEventId },
          { kind: 'body', id: command.data.bodyId },
        ];
      case 'CloseVote':
        return [{ kind: 'vote', id: command.data.voteEventId }];
    }
  },
  // A vote must never count twice: a conflicting cast is re-decided, and the double-vote rule then holds.
  retryOnConflict: (command) => command.type === 'CastVote',
};
