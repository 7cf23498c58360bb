import { bodyDecider } from '../bodies/body.decider';
import {
  referenceRegister,
  referenceRegisterId,
  type DecisionReferenceEvent,
  type ReferenceRegisterState,
} from '../proposals/decision-references';
import { proposalDecider, type ProposalCommand } from '../proposals/proposal.decider';
import type { ProposalEvent } from '../proposals/proposal.events';
import { proposalStatus } from '../proposals/proposal.status';
import { fold } from '../shared/aggregate';
import type { Recorded } from '../shared/decider';
import { DomainRuleViolation } from '../shared/rules';
import {
  aBody,
  aMeeting,
  anAlliance,
  aPerson,
  aProposal,
  bodiesById,
  bodyEvents,
  decisionRecorded,
  proposalTabled,
  recommendationIssued,
  type Dated,
} from './builders';
import { refsOf, spec } from './given-when-then';

/**
 * The worlds the proposal specs (libs/domain/src/proposals) decide in, one section each: the
 * proposal decider's, the decision reference registers' (issue 16) and proposalStatus's.
 */

/** The day the police authorities were abolished, each succeeded by its PCC. */
const ABOLITION = '2012-11-22';

// ---------------------------------------------------------------------------------------------
// The proposal decider (proposal.*.decider.spec.ts)
// ---------------------------------------------------------------------------------------------

/*
 * The world the proposal decides in: a police authority (abolished on 22 November 2012, its PCC
 * succeeding it) and a chief constable, allied under unanimity; an advisory working group; a
 * contractor with no powers; an unallied authority; held, private and planned meetings.
 */
const bodies = bodiesById(
  aBody({
    bodyId: 'pa',
    name: 'Police Authority',
    holders: [
      { personId: 'ann', postId: 'chair', startDate: '2010-05-01', endDate: '2012-08-15' },
      { personId: 'bob', postId: 'member' },
    ],
    abolished: { on: ABOLITION, successorId: 'pcc' },
  }),
  aBody({
    bodyId: 'pcc',
    name: 'PCC',
    classification: 'police-and-crime-commissioner',
    foundingDate: ABOLITION,
    holders: [{ personId: 'olly', postId: 'commissioner', startDate: ABOLITION }],
  }),
  aBody({ bodyId: 'cc', name: 'Chief Constable', classification: 'chief-constable' }),
  aBody({
    bodyId: 'jwg',
    name: 'Joint Working Group',
    classification: 'joint-working-group',
    powers: 'advises',
    foundingDate: '2010-01-01',
  }),
  aBody({
    bodyId: 'g4s',
    name: 'G4S',
    classification: 'contractor',
    powers: 'none',
    foundingDate: '1990-01-01',
  }),
  aBody({ bodyId: 'surrey', name: 'Surrey Police Authority' }),
  aBody({ bodyId: 'later', name: 'Later Body', foundingDate: '2013-06-01' }),
);

export const refs = refsOf({
  body: bodies,
  person: { ann: aPerson('ann'), bob: aPerson('bob'), olly: aPerson('olly') },
  alliance: { bch: anAlliance({ allianceId: 'bch', memberIds: ['pa', 'cc'] }) },
  meeting: {
    held: aMeeting({ meetingId: 'held', bodyIds: ['pa', 'cc', 'jwg'], heldOn: '2012-08-01' }),
    private: aMeeting({ meetingId: 'private', bodyIds: ['pa'], heldOn: '2012-08-01', public: false }),
    planned: aMeeting({ meetingId: 'planned', bodyIds: ['pa'] }),
  },
  proposal: {
    other: aProposal(proposalTabled({ proposalId: 'other' })),
    child: aProposal(
      proposalTabled({ proposalId: 'child', bodyId: 'cc', tabledBy: 'cc', parentProposalId: 'proposal' }),
    ),
    orphan: aProposal(proposalTabled({ proposalId: 'orphan', bodyId: 'cc', tabledBy: 'cc' })),
  },
});

/** An alliance-wide proposal tabled by the working group on 1 March 2012. */
export const tabled = proposalTabled({
  proposalId: 'proposal',
  tabledBy: 'jwg',
  allianceId: 'bch',
  bodyId: undefined,
});
export const withdrawal = { proposalId: 'proposal', byBodyId: 'jwg', reason: 'overtaken' };
export const withdrawn: ProposalEvent & { occurredAt: string } = {
  type: 'ProposalWithdrawn',
  data: withdrawal,
  occurredAt: '2012-04-01T00:00:00.000Z',
};
export const proposal = (...events: Array<ProposalEvent & { occurredAt?: string }>) =>
  spec(proposalDecider).given([tabled, ...events]);
export const AFTER_ABOLITION = '2012-12-01';

/**
 * The decider's own rules, called without decideOn's time rules around them (decideOn reports
 * the decider's rule too, before the stream's order: proposal.record-decision.decider.spec.ts).
 */
export function decideDirectly(command: ProposalCommand, occurredAt: string): unknown {
  const state = fold(proposalDecider, [
    { ...tabled, id: 'tabled', occurredAt: '2012-03-01T00:00:00.000Z' },
  ] as Recorded[]).state;
  try {
    proposalDecider.decide(command, state, { occurredAt, now: '2026-01-01', refs });
  } catch (e) {
    expect(e).toBeInstanceOf(DomainRuleViolation);
    return e;
  }
  throw new Error('expected the decision to be refused');
}

// ---------------------------------------------------------------------------------------------
// Decision references across proposals (decision-references.*.decider.spec.ts)
// ---------------------------------------------------------------------------------------------

/*
 * Issue 16: a decision's reference is unique per decision-maker and per term across every
 * proposal, kept by a register stream per (body, decision-maker, reference) written in the same
 * append as the decision. Olly was PCC for two terms (2012-2016, re-elected 2016-2020); the PCC
 * numbered its records PCC/D/{seq:3}, and PCC/{year}/{seq:3} from 2014.
 */
export const pccEvents = bodyEvents({
  bodyId: 'pcc',
  name: 'PCC',
  classification: 'police-and-crime-commissioner',
  foundingDate: '2012-11-22',
  decisionReferenceFormat: 'PCC/D/{seq:3}',
  holders: [
    {
      personId: 'olly',
      postId: 'commissioner',
      membershipId: 'olly-1',
      startDate: '2012-11-22',
      endDate: '2016-05-11',
    },
    { personId: 'olly', postId: 'commissioner', membershipId: 'olly-2', startDate: '2016-05-12' },
  ],
});
const pccRecorded = [
  ...pccEvents.map((e, i) => ({ ...e, id: `body-${i}`, occurredAt: '2012-11-22' })),
  {
    type: 'DecisionReferenceFormatSet',
    data: { bodyId: 'pcc', format: 'PCC/{year}/{seq:3}' },
    id: 'body-format',
    occurredAt: '2014-01-01',
  },
] as Recorded[];
export const pcc = fold(bodyDecider, pccRecorded).state;
const chiefConstable = aBody({
  bodyId: 'cc',
  name: 'Chief Constable',
  holders: [{ personId: 'carl', postId: 'chief-constable' }],
});

/** A register as folded from its reservations (and retractions). */
export function register(
  ...events: Array<Recorded<DecisionReferenceEvent> | Recorded>
): ReferenceRegisterState {
  return fold(referenceRegister, events as Recorded[]).state;
}
export const reserved = (
  proposalId: string,
  decisionId: string,
  occurredAt: string,
  reference = 'PCC/D/001',
  id = `res-${proposalId}-${decisionId}`,
): Recorded<DecisionReferenceEvent> => ({
  type: 'DecisionReferenceReserved',
  data: { bodyId: 'pcc', personId: 'olly', reference, proposalId, decisionId },
  id,
  occurredAt,
});
export const OLLY_001 = referenceRegisterId({ bodyId: 'pcc', personId: 'olly', reference: 'PCC/D/001' });
export const OLLY_002 = referenceRegisterId({ bodyId: 'pcc', personId: 'olly', reference: 'PCC/D/002' });

export const refsWith = (registers: Record<string, ReferenceRegisterState> = {}) =>
  refsOf({
    body: bodiesById(pcc, chiefConstable),
    person: { olly: aPerson('olly'), carl: aPerson('carl') },
    alliance: { bch: anAlliance({ allianceId: 'bch', memberIds: ['pcc', 'cc'] }) },
    decisionref: registers,
  });
const tabledByPcc = proposalTabled({ tabledBy: 'pcc', allianceId: 'bch', bodyId: undefined }, '2013-01-02');
export const AT = '2013-02-01';
type DecisionData = Extract<ProposalEvent, { type: 'DecisionRecorded' }>['data'];
export const by = (overrides: Partial<DecisionData> = {}): DecisionData => ({
  proposalId: 'proposal',
  decisionId: 'd1',
  bodyId: 'pcc',
  personId: 'olly',
  postId: 'commissioner',
  outcome: 'approve',
  inPublic: true,
  rationale: 'Value for money.',
  ...overrides,
});
export const decide = (data: DecisionData): ProposalCommand => ({ type: 'RecordDecision', data });
export const given = (...events: Array<(ProposalEvent | Recorded) & { id?: string; occurredAt?: string }>) =>
  spec(proposalDecider).given([
    tabledByPcc,
    ...events.map((e) => ({ occurredAt: '2013-01-20', ...e })),
  ] as never);
export const recorded = (data: DecisionData, id = `event-${data.decisionId}`) => ({
  type: 'DecisionRecorded' as const,
  data,
  id,
  occurredAt: '2013-01-20',
});
export const reservationOf = (id: string, data: DecisionData) => ({
  kind: 'decisionref' as const,
  id,
  events: [
    {
      type: 'DecisionReferenceReserved',
      data: {
        bodyId: data.bodyId,
        personId: data.personId,
        reference: data.reference,
        proposalId: data.proposalId,
        decisionId: data.decisionId,
      },
    },
  ],
});

// ---------------------------------------------------------------------------------------------
// proposalStatus (proposal.status*.spec.ts)
// ---------------------------------------------------------------------------------------------

/*
 * Two police authorities allied under unanimity, each succeeded by its PCC on 22 November 2012;
 * an advisory working group; three chief constables allied by majority; one more by each-member.
 */
const statusRefs = refsOf({
  body: bodiesById(
    aBody({ bodyId: 'pa-a', abolished: { on: ABOLITION, successorId: 'pcc-a' } }),
    aBody({ bodyId: 'pa-b', abolished: { on: ABOLITION, successorId: 'pcc-b' } }),
    aBody({ bodyId: 'pcc-a', foundingDate: ABOLITION }),
    aBody({ bodyId: 'pcc-b', foundingDate: ABOLITION }),
    aBody({ bodyId: 'jwg', powers: 'advises' }),
    aBody({ bodyId: 'cc-x' }),
    aBody({ bodyId: 'cc-y' }),
    aBody({ bodyId: 'cc-z' }),
    aBody({ bodyId: 'surrey' }),
    aBody({ bodyId: 'scrutiny', powers: 'advises' }),
  ),
  alliance: {
    bch: anAlliance({ allianceId: 'bch', memberIds: ['pa-a', 'pa-b'] }),
    ccs: anAlliance({
      allianceId: 'ccs',
      memberIds: ['cc-x', 'cc-y', 'cc-z'],
      decisionRule: { kind: 'majority', quorum: 2, chairHasCastingVote: true },
    }),
    each: anAlliance({
      allianceId: 'each',
      memberIds: ['cc-x', 'cc-y'],
      decisionRule: { kind: 'each-member' },
    }),
    shrinking: anAlliance({
      allianceId: 'shrinking',
      memberIds: ['cc-x', 'cc-y'],
      left: [{ bodyId: 'cc-y', endDate: '2012-05-01' }],
    }),
  },
});

export const SUMMER = '2012-08-01';
export const allianceProposal = (allianceId = 'bch') =>
  proposalTabled({ tabledBy: 'jwg', allianceId, bodyId: undefined });
export const view = (events: Array<Dated<ProposalEvent>>, asOf = SUMMER, first = allianceProposal()) =>
  proposalStatus(aProposal(first, ...events), statusRefs, asOf);
export const decision = (bodyId: string, outcome: 'approve' | 'reject' | 'defer', occurredAt?: string) =>
  decisionRecorded({ decisionId: `${bodyId}-${outcome}`, bodyId, outcome }, occurredAt);
export const positionsOf = (v: ReturnType<typeof proposalStatus>) =>
  Object.fromEntries(v.positions.map((p) => [p.bodyId, p.position]));
export const recommendToBoth = recommendationIssued({
  recommendationId: 'jwg-rec',
  byBodyId: 'jwg',
  toBodyIds: ['pa-a', 'pa-b'],
  content: 'proceed',
});
