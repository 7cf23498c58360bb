import type { Dated } from '../testing/builders';
import {
  aBody,
  anAlliance,
  aProposal,
  bodiesById,
  decisionRecorded,
  proposalTabled,
  recommendationIssued,
} from '../testing/builders';
import { refsOf } from '../testing/given-when-then';
import type { ProposalEvent } from './proposal.events';
import { proposalStatus } from './proposal.status';

/*
 * Two police authorities allied under unanimity, each succeeded by its PCC on 22 November 2012;
 * an advisory working group; three chief constables allied by majority; one more by each-member.
 */
const ABOLITION = '2012-11-22';
const refs = refsOf({
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

const SUMMER = '2012-08-01';
const allianceProposal = (allianceId = 'bch') =>
  proposalTabled({ tabledBy: 'jwg', allianceId, bodyId: undefined });
const view = (events: Array<Dated<ProposalEvent>>, asOf = SUMMER, first = allianceProposal()) =>
  proposalStatus(aProposal(first, ...events), refs, asOf);
const decision = (bodyId: string, outcome: 'approve' | 'reject' | 'defer', occurredAt?: string) =>
  decisionRecorded({ decisionId: `${bodyId}-${outcome}`, bodyId, outcome }, occurredAt);
const positionsOf = (v: ReturnType<typeof proposalStatus>) =>
  Object.fromEntries(v.positions.map((p) => [p.bodyId, p.position]));
const recommendToBoth = recommendationIssued({
  recommendationId: 'jwg-rec',
  byBodyId: 'jwg',
  toBodyIds: ['pa-a', 'pa-b'],
  content: 'proceed',
});

describe('proposalStatus', () => {
  describe('under consideration', () => {
    it('is under consideration when tabled, with every member’s position none', () => {
      expect(view([])).toEqual({
        status: 'under-consideration',
        positions: [
          { bodyId: 'pa-a', standsFor: [], position: 'none', decision: undefined, recommendation: undefined },
          { bodyId: 'pa-b', standsFor: [], position: 'none', decision: undefined, recommendation: undefined },
        ],
        // Every member the alliance's rule needs, referred or not (issue 16).
        waitingFor: ['pa-a', 'pa-b'],
      });
    });

    it("waits for a single body's proposal to be decided by that body", () => {
      expect(view([], SUMMER, proposalTabled({ tabledBy: 'surrey', bodyId: 'surrey' }))).toMatchObject({
        status: 'under-consideration',
        waitingFor: ['surrey'],
      });
    });
  });

  describe('recommended', () => {
    it('is recommended once advice is given, and waits for the bodies it was given to', () => {
      const v = view([recommendToBoth]);
      expect(v.status).toBe('recommended');
      expect(v.waitingFor).toEqual(['pa-a', 'pa-b']);
      expect(positionsOf(v)).toEqual({ 'pa-a': 'none', 'pa-b': 'none' });
    });

    it.each([
      ['proceed', 'recommended-for'],
      ['do-not-proceed', 'recommended-against'],
      ['amend', 'none'],
      ['defer', 'none'],
    ] as const)("gives a member that recommends '%s' the position %s", (content, position) => {
      const v = view([
        recommendationIssued({ recommendationId: 'r', byBodyId: 'pa-a', toBodyIds: ['pa-b'], content }),
      ]);
      expect(v.positions[0]).toMatchObject({
        bodyId: 'pa-a',
        position,
        recommendation: { recommendationId: 'r', content, date: '2012-05-01T00:00:00.000Z' },
      });
    });
  });

  describe('agreed', () => {
    it('is agreed under unanimity when every member approved', () => {
      const v = view([recommendToBoth, decision('pa-a', 'approve'), decision('pa-b', 'approve')]);
      expect(v).toMatchObject({ status: 'agreed', waitingFor: [] });
      expect(positionsOf(v)).toEqual({ 'pa-a': 'approved', 'pa-b': 'approved' });
      expect(v.positions[0].decision).toEqual({
        decisionId: 'pa-a-approve',
        outcome: 'approve',
        reference: undefined,
        date: '2012-06-01T00:00:00.000Z',
        meetingId: undefined,
        personId: undefined,
        postId: undefined,
        bodyId: 'pa-a',
      });
    });

    it('is not agreed under unanimity while a member has not approved', () => {
      const v = view([recommendToBoth, decision('pa-a', 'approve')]);
      expect(v).toMatchObject({ status: 'recommended', waitingFor: ['pa-b'] });
      expect(positionsOf(v)).toEqual({ 'pa-a': 'approved', 'pa-b': 'none' });
    });

    it('is agreed under majority when more than half the members approved', () => {
      const first = allianceProposal('ccs');
      expect(view([decision('cc-x', 'approve')], SUMMER, first).status).toBe('under-consideration');
      expect(view([decision('cc-x', 'approve'), decision('cc-y', 'approve')], SUMMER, first).status).toBe(
        'agreed',
      );
    });

    it('counts only those who are members on the date: a member that left no longer counts', () => {
      expect(view([decision('cc-x', 'approve')], SUMMER, allianceProposal('shrinking')).status).toBe(
        'agreed',
      );
    });

    it("needs every body a single body's proposal was referred to", () => {
      const first = proposalTabled({ tabledBy: 'surrey', bodyId: 'surrey' });
      const referred: Dated<ProposalEvent> = {
        type: 'ProposalReferred',
        data: { proposalId: 'proposal', byBodyId: 'surrey', toBodyIds: ['cc-x'], reason: 'joint' },
        occurredAt: '2012-04-01',
      };
      expect(view([referred, decision('surrey', 'approve')], SUMMER, first)).toMatchObject({
        status: 'under-consideration',
        waitingFor: ['cc-x'],
      });
      expect(
        view([referred, decision('surrey', 'approve'), decision('cc-x', 'approve')], SUMMER, first),
      ).toMatchObject({ status: 'agreed', waitingFor: [] });
    });

    // Likely bug: an advisory body a proposal is referred to (for its advice) becomes a "deciding"
    // body, and since an advisory body can never record a decision, the proposal can never be agreed
    // and stays waiting for the advisory body even after it has given its advice.
    it('is agreed once the only deciding body approves, though it was referred to an advisory body for advice', () => {
      const first = proposalTabled({ tabledBy: 'surrey', bodyId: 'surrey' });
      const referred: Dated<ProposalEvent> = {
        type: 'ProposalReferred',
        data: { proposalId: 'proposal', byBodyId: 'surrey', toBodyIds: ['scrutiny'], reason: 'for advice' },
        occurredAt: '2012-04-01',
      };
      const advice = recommendationIssued({
        recommendationId: 'scrutiny-rec',
        byBodyId: 'scrutiny',
        toBodyIds: ['surrey'],
        content: 'proceed',
      });
      expect(view([referred, advice, decision('surrey', 'approve')], SUMMER, first)).toMatchObject({
        status: 'agreed',
        waitingFor: [],
      });
    });
  });

  describe('rejected', () => {
    it('is rejected under unanimity by one rejection', () => {
      const v = view([recommendToBoth, decision('pa-a', 'reject')]);
      // Settled by the rule: nobody else's decision can change it, so it waits for nobody.
      expect(v).toMatchObject({ status: 'rejected', waitingFor: [] });
      expect(positionsOf(v)).toEqual({ 'pa-a': 'rejected', 'pa-b': 'none' });
    });

    it('is rejected under majority when half or more rejected', () => {
      expect(
        view([decision('cc-x', 'reject'), decision('cc-y', 'reject')], SUMMER, allianceProposal('ccs'))
          .status,
      ).toBe('rejected');
    });
  });

  describe('each member decides for itself', () => {
    it('is never agreed or rejected collectively', () => {
      const v = view(
        [decision('cc-x', 'approve'), decision('cc-y', 'reject')],
        SUMMER,
        allianceProposal('each'),
      );
      expect(v.status).toBe('under-consideration');
      expect(positionsOf(v)).toEqual({ 'cc-x': 'approved', 'cc-y': 'rejected' });
    });
  });

  describe('deferred', () => {
    it('is deferred when the latest decision defers it, with that body’s position deferred', () => {
      const v = view([recommendToBoth, decision('pa-a', 'defer')]);
      expect(v).toMatchObject({ status: 'deferred', waitingFor: ['pa-a', 'pa-b'] });
      expect(positionsOf(v)).toEqual({ 'pa-a': 'deferred', 'pa-b': 'none' });
    });

    it('is deferred by a recorded deferral', () => {
      const deferral: Dated<ProposalEvent> = {
        type: 'ProposalDeferred',
        data: { proposalId: 'proposal', byBodyId: 'jwg', reason: 'await the review' },
        occurredAt: '2012-04-01',
      };
      expect(view([deferral]).status).toBe('deferred');
    });

    it('is no longer deferred once a body finally decided', () => {
      const deferral: Dated<ProposalEvent> = {
        type: 'ProposalDeferred',
        data: { proposalId: 'proposal', byBodyId: 'jwg', reason: 'x' },
        occurredAt: '2012-04-01',
      };
      expect(view([deferral, recommendToBoth, decision('pa-a', 'approve')]).status).toBe('recommended');
    });

    it('stays deferred under unanimity when another member approves: the rule still needs the one that deferred', () => {
      const v = view([recommendToBoth, decision('pa-a', 'defer'), decision('pa-b', 'approve')]);
      expect(v).toMatchObject({ status: 'deferred', waitingFor: ['pa-a'] });
      expect(positionsOf(v)).toEqual({ 'pa-a': 'deferred', 'pa-b': 'approved' });
    });

    it('is deferred by a deciding body’s deferral until that body decides', () => {
      const deferral: Dated<ProposalEvent> = {
        type: 'ProposalDeferred',
        data: { proposalId: 'proposal', byBodyId: 'pa-a', reason: 'more information' },
        occurredAt: '2012-06-01',
      };
      expect(view([recommendToBoth, deferral, decision('pa-b', 'approve')]).status).toBe('deferred');
    });

    it('takes a decision after a deferral as the body’s position', () => {
      const v = view([
        recommendToBoth,
        decisionRecorded({ decisionId: 'a1', bodyId: 'pa-a', outcome: 'defer' }, '2012-06-01'),
        decisionRecorded({ decisionId: 'a2', bodyId: 'pa-a', outcome: 'approve' }, '2012-07-01'),
      ]);
      expect(positionsOf(v)).toEqual({ 'pa-a': 'approved', 'pa-b': 'none' });
      expect(v.waitingFor).toEqual(['pa-b']);
    });
  });

  describe('closed', () => {
    const closedAt = '2012-07-01T00:00:00.000Z';

    it('is withdrawn, waiting for nobody', () => {
      const v = view([
        recommendToBoth,
        {
          type: 'ProposalWithdrawn',
          data: { proposalId: 'proposal', byBodyId: 'jwg', reason: 'x' },
          occurredAt: closedAt,
        },
      ]);
      expect(v).toMatchObject({ status: 'withdrawn', waitingFor: [], unanimous: undefined });
    });

    it('is superseded, waiting for nobody', () => {
      const v = view([
        recommendToBoth,
        {
          type: 'ProposalSuperseded',
          data: { proposalId: 'proposal', byProposalId: 'other', reason: 'x' },
          occurredAt: closedAt,
        },
      ]);
      expect(v).toMatchObject({ status: 'superseded', waitingFor: [] });
    });

    it('is discontinued, unanimously, when every member rejected it', () => {
      const v = view([
        recommendToBoth,
        decision('pa-a', 'reject'),
        decision('pa-b', 'reject'),
        {
          type: 'ProposalDiscontinued',
          data: { proposalId: 'proposal', decisionIds: ['pa-a-reject', 'pa-b-reject'], reason: 'x' },
          occurredAt: closedAt,
        },
      ]);
      expect(v).toMatchObject({ status: 'discontinued', unanimous: true, waitingFor: [] });
      expect(positionsOf(v)).toEqual({ 'pa-a': 'rejected', 'pa-b': 'rejected' });
    });

    // Bug: `unanimous` compares only the decisions named by the discontinuation, and the decider
    // requires every one of those to be a rejection, so the flag can never be false.
    it('is discontinued, not unanimously, when a member approved what the others rejected', () => {
      const v = view(
        [
          decision('cc-x', 'reject'),
          decision('cc-y', 'reject'),
          decision('cc-z', 'approve'),
          {
            type: 'ProposalDiscontinued',
            data: {
              proposalId: 'proposal',
              decisionIds: ['cc-x-reject', 'cc-y-reject'],
              reason: 'majority against',
            },
            occurredAt: closedAt,
          },
        ],
        SUMMER,
        allianceProposal('ccs'),
      );
      expect(v).toMatchObject({ status: 'discontinued', unanimous: false });
    });

    it('is taken forward by a member while the alliance’s own proposal stays undecided', () => {
      const v = view([
        {
          type: 'ProposalTakenForwardByMember',
          data: { proposalId: 'proposal', memberBodyId: 'pa-a', newProposalId: 'own', statement: 'x' },
          occurredAt: closedAt,
        },
      ]);
      expect(v).toMatchObject({ status: 'taken-forward-by-member' });
    });

    it('stays discontinued when a member takes it forward afterwards', () => {
      const v = view([
        decision('pa-a', 'reject'),
        {
          type: 'ProposalDiscontinued',
          data: { proposalId: 'proposal', decisionIds: ['pa-a-reject'], reason: 'x' },
          occurredAt: closedAt,
        },
        {
          type: 'ProposalTakenForwardByMember',
          data: { proposalId: 'proposal', memberBodyId: 'pa-b', newProposalId: 'own', statement: 'x' },
          occurredAt: closedAt,
        },
      ]);
      expect(v.status).toBe('discontinued');
    });
  });

  describe('after a member is abolished: its successor stands in its place', () => {
    const AFTER = '2012-11-23';

    it('waits for the successors instead of the abolished bodies', () => {
      expect(view([recommendToBoth], SUMMER).waitingFor).toEqual(['pa-a', 'pa-b']);
      const v = view([recommendToBoth], AFTER);
      expect(v.waitingFor).toEqual(['pcc-a', 'pcc-b']);
      expect(v.positions.map((p) => [p.bodyId, p.standsFor])).toEqual([
        ['pcc-a', ['pa-a']],
        ['pcc-b', ['pa-b']],
      ]);
    });

    it("carries the abolished body's decision over to its successor", () => {
      const v = view([recommendToBoth, decision('pa-a', 'approve')], AFTER);
      expect(v.positions[0]).toMatchObject({
        bodyId: 'pcc-a',
        position: 'approved',
        decision: { bodyId: 'pa-a', decisionId: 'pa-a-approve' },
      });
      expect(v.waitingFor).toEqual(['pcc-b']);
    });

    it("takes the successor's own later decision over its predecessor's", () => {
      const v = view(
        [
          recommendToBoth,
          decision('pa-a', 'defer'),
          decision('pcc-a', 'reject', '2012-12-01'),
          decision('pcc-b', 'reject', '2012-12-01'),
        ],
        '2012-12-02',
      );
      expect(positionsOf(v)).toEqual({ 'pcc-a': 'rejected', 'pcc-b': 'rejected' });
      expect(v).toMatchObject({ status: 'rejected', waitingFor: [] });
    });

    it('is agreed when the successors approve', () => {
      const v = view(
        [
          recommendToBoth,
          decision('pcc-a', 'approve', '2012-12-01'),
          decision('pcc-b', 'approve', '2012-12-01'),
        ],
        '2012-12-02',
      );
      expect(v).toMatchObject({ status: 'agreed', waitingFor: [] });
    });
  });
});
