import type { DecisionRule } from '../alliances/decision-rule';
import type { ProposalEvent } from '../proposals/proposal.events';
import type { CorrectionEvent } from '../shared/corrections';
import { voteDecider, type VotingEvent } from '../votes/vote.decider';
import {
  aBody,
  aMeeting,
  anAlliance,
  aPerson,
  aProposal,
  bodiesById,
  decisionRecorded,
  proposalTabled,
  type Dated,
} from './builders';
import { refsOf, spec } from './given-when-then';

/*
 * A police authority of several members (the chair and two members; a fourth whose term ended in
 * July), two forces with one commissioner each, allied under unanimity, an advisory group, a
 * contractor, and a body abolished on 20 July 2012.
 */
const pa = aBody({
  bodyId: 'pa',
  name: 'Police Authority',
  holders: [
    { personId: 'ann', postId: 'chair' },
    { personId: 'bob' },
    { personId: 'cat' },
    { personId: 'dan', endDate: '2012-07-15' },
  ],
});
const forceA = aBody({ bodyId: 'force-a', holders: [{ personId: 'olly', postId: 'commissioner' }] });
const forceB = aBody({ bodyId: 'force-b', holders: [{ personId: 'david', postId: 'commissioner' }] });
const jwg = aBody({ bodyId: 'jwg', powers: 'advises', holders: [{ personId: 'jim' }] });
const g4s = aBody({ bodyId: 'g4s', name: 'G4S', powers: 'none' });
const old = aBody({
  bodyId: 'old',
  name: 'Old Authority',
  holders: [{ personId: 'otto' }],
  abolished: { on: '2012-07-20' },
});

const tabledFor = (proposalId: string, overrides: Parameters<typeof proposalTabled>[0] = {}) =>
  proposalTabled({ proposalId, tabledBy: 'pa', bodyId: 'pa', ...overrides });
const decided = (proposalId: string, outcome: 'approve' | 'reject') =>
  decisionRecorded({ proposalId, decisionId: `${proposalId}-d`, bodyId: 'pa', outcome });
const withdrawal = (proposalId: string): Dated<ProposalEvent> => ({
  type: 'ProposalWithdrawn',
  data: { proposalId, byBodyId: 'pa', reason: 'x' },
  occurredAt: '2012-06-01',
});

export const refs = refsOf({
  body: bodiesById(pa, forceA, forceB, jwg, g4s, old),
  person: Object.fromEntries(
    ['ann', 'bob', 'cat', 'dan', 'olly', 'david', 'jim', 'otto'].map((id) => [id, aPerson(id)]),
  ),
  alliance: {
    bch: anAlliance({ allianceId: 'bch', memberIds: ['force-a', 'force-b'] }),
    mixed: anAlliance({ allianceId: 'mixed', memberIds: ['pa', 'force-a'] }),
  },
  meeting: {
    held: aMeeting({
      meetingId: 'held',
      bodyIds: ['pa', 'force-a', 'force-b', 'jwg'],
      heldOn: '2012-07-01',
      chair: { personId: 'ann', bodyId: 'pa', capacity: 'chair' },
    }),
    planned: aMeeting({ meetingId: 'planned', bodyIds: ['pa'] }),
    // After dan's term ended.
    august: aMeeting({ meetingId: 'august', bodyIds: ['pa'], heldOn: '2012-08-01' }),
    // An evening meeting that ran past midnight into the day the Old Authority was abolished.
    overnight: aMeeting({
      meetingId: 'overnight',
      bodyIds: ['pa', 'old'],
      heldOn: '2012-07-19T18:00:00Z',
      endedAt: '2012-07-20T00:45:00Z',
    }),
  },
  proposal: {
    p: aProposal(tabledFor('p')),
    'p-withdrawn': aProposal(tabledFor('p-withdrawn'), withdrawal('p-withdrawn')),
    'p-agreed': aProposal(tabledFor('p-agreed'), decided('p-agreed', 'approve')),
    'p-rejected': aProposal(tabledFor('p-rejected'), decided('p-rejected', 'reject')),
    'p-alliance': aProposal(tabledFor('p-alliance', { allianceId: 'bch', bodyId: undefined })),
    'p-mixed': aProposal(tabledFor('p-mixed', { allianceId: 'mixed', bodyId: undefined })),
  },
});

export const DEFAULT_RULE: DecisionRule = { kind: 'majority', quorum: 1, chairHasCastingVote: true };
export const open = {
  type: 'OpenVote' as const,
  data: {
    voteEventId: 'v',
    proposalId: 'p',
    meetingId: 'held',
    question: 'Approve the outsourcing?',
    bodyId: 'pa',
  },
};
export const opened = (
  overrides: Partial<Extract<VotingEvent, { type: 'VoteOpened' }>['data']> = {},
  occurredAt = '2012-07-01T00:00:00.000Z',
): Dated<VotingEvent> => ({
  type: 'VoteOpened',
  data: {
    voteEventId: 'v',
    proposalId: 'p',
    meetingId: 'held',
    question: 'Approve the outsourcing?',
    bodyId: 'pa',
    rule: DEFAULT_RULE,
    votingBodyIds: ['pa'],
    ...overrides,
  },
  occurredAt,
});
export const cast = (
  personId: string,
  option: 'yes' | 'no' | 'abstain' | 'absent' | 'recused',
  bodyId = 'pa',
  postId = 'member',
): Dated<VotingEvent> => ({
  type: 'VoteCast',
  data: { voteEventId: 'v', personId, bodyId, postId, option },
  occurredAt: '2012-07-01T00:00:00.000Z',
});
export const closed: Dated<VotingEvent> = {
  type: 'VoteClosed',
  data: {
    voteEventId: 'v',
    counts: { yes: 0, no: 0, abstain: 0, absent: 1, recused: 0 },
    result: 'failed',
    unanimous: false,
  },
  occurredAt: '2012-07-01T00:00:00.000Z',
};
/** The day of the meeting `held`, at which the vote `v` is taken: its entries are dated on it. */
export const AT = '2012-07-01T00:00:00.000Z';
/**
 * A vote's record: its entries, corrections and retractions among them. What is then done on it
 * is dated AT unless it says otherwise: a ballot and a closing are on the day of the meeting the
 * vote is taken at (not-meeting-day).
 */
export const vote = (...events: Array<Dated<VotingEvent | CorrectionEvent>>) => {
  const given = spec(voteDecider).given(events);
  return {
    ...given,
    when: (...[command, options = {}]: Parameters<typeof given.when>) =>
      given.when(command, { at: AT, ...options }),
  };
};
