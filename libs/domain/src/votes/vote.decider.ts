import { membersOn } from '../alliances/alliance.decider';
import { DECISION_RULE_VALUE, VOTE_OPTIONS, type DecisionRule } from '../alliances/decision-rule';
import { activeBody } from '../bodies/body.rules';
import { heldMeeting } from '../meetings/meeting.decider';
import { registeredPerson } from '../people/person.decider';
import { proposalStatus } from '../proposals/proposal.status';
import type { ProposalState } from '../proposals/proposal.state';
import type { Decider, DecideContext, References } from '../shared/decider';
import { assertNever } from '../shared/decider';
import { listOf, oneOf, shape, TEXT } from '../shared/field-values';
import { ensure } from '../shared/rules';
import { isOnOrBefore } from '../shared/time';
import { checkCorrectedVote, votesNamedElsewhere } from './vote.corrections';
import type { CommandData, VoteCommand, VotingEvent } from './vote.events';
import { ballotPost, closingOf, ensureInterestStated } from './vote.rules';
import { evolveVote, initialVoteState, type VoteEventState } from './vote.state';

// Its events, commands and state are read from here (the package's index among others).
export type { VoteCommand, VotingEvent } from './vote.events';
export type { VoteEventState } from './vote.state';

declare module '../shared/decider' {
  interface AggregateStates {
    vote: VoteEventState;
  }
}

const DECIDED = new Set(['agreed', 'rejected', 'withdrawn', 'discontinued', 'superseded']);

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
  ensure(
    Boolean(d.bodyId) !== Boolean(d.allianceId),
    'invalid-value',
    'A vote is taken by one body or by one alliance',
  );
  const { rule, votingBodyIds } = votersAndRule(d, context);
  heldMeeting(refs, d.meetingId, occurredAt, { bodyId: d.bodyId, allianceId: d.allianceId });
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

function castVote(d: CommandData<'CastVote'>, state: VoteEventState, context: DecideContext): VotingEvent[] {
  const { occurredAt, refs } = context;
  const proposal = refs.get('proposal', state.proposalId);
  ensure(proposal?.lifecycle === 'open', 'proposal-closed', `The proposal was ${proposal?.lifecycle}`);
  ensureUndecided(proposal, state.proposalId, occurredAt, refs);
  registeredPerson(refs, d.personId);
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
  const cast = d.castingVote;
  if (cast) {
    // Only the chair of the meeting holds a casting vote.
    const chair = refs.get('meeting', state.meetingId)?.chair;
    ensure(
      chair?.personId === cast.personId,
      'not-meeting-chair',
      `${cast.personId} did not chair the meeting ${state.meetingId}, so has no casting vote`,
      { personId: cast.personId, meetingId: state.meetingId },
    );
  }
  return [{ type: 'VoteClosed', data: closingOf(state, cast) }];
}

/** Every command but the opening needs an open vote; each then has its own function. */
function decide(command: VoteCommand, state: VoteEventState, context: DecideContext): VotingEvent[] {
  if (command.type === 'OpenVote') return openVote(command.data, state, context);
  ensure(state.exists, 'not-found', `Vote ${command.data.voteEventId} is not recorded`);
  ensure(!state.closed, 'vote-closed', `Vote ${state.voteEventId} was closed`);
  ensure(
    state.openedAt === undefined || isOnOrBefore(state.openedAt, context.occurredAt),
    'vote-not-open',
    `${command.type === 'CastVote' ? 'The ballot' : 'The closing'} is dated ${context.occurredAt}, before vote ${state.voteEventId} was opened on ${state.openedAt}`,
    { occurredAt: context.occurredAt, openedAt: state.openedAt },
  );
  // A ballot is cast, and a vote closed, at the meeting the vote is taken at, so by the rules its
  // opening kept (heldMeeting): above all on the meeting's day, or one it ran to past midnight
  // (not-meeting-day). Asked after vote-not-open and vote-closed, which say more to a clerk, and
  // before the ballot's own rules, which a ballot on the wrong day need not be held to.
  heldMeeting(context.refs, state.meetingId, context.occurredAt);
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
  // A closing is decided again when corrected; an opening or a ballot is held to what it rests on
  // and what rests on it instead (vote.corrections.ts says why).
  recordedBy: { VoteClosed: 'CloseVote' },
  checkCorrected: checkCorrectedVote,
  namedElsewhere: votesNamedElsewhere,
  initialState: initialVoteState,
  decide,
  evolve: evolveVote,
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
          { kind: 'person', id: command.data.personId },
        ];
      case 'CloseVote':
        return [{ kind: 'vote', id: command.data.voteEventId }];
    }
  },
  // A vote must never count twice: a conflicting cast is re-decided, and the double-vote rule then holds.
  retryOnConflict: (command) => command.type === 'CastVote',
};
