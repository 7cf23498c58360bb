import { proposalTabled, recommendationIssued, type Dated } from '../testing/builders';
import {
  allianceProposal,
  decision,
  positionsOf,
  recommendToBoth,
  SUMMER,
  view,
} from '../testing/proposal.fixtures';
import type { ProposalEvent } from './proposal.events';

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

    // A bug this pins, now fixed: an advisory body a proposal was referred to (for its advice) became
    // a "deciding" body, and since an advisory body can never record a decision, the proposal could
    // never be agreed and stayed waiting for the advisory body even after it had given its advice.
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
});
