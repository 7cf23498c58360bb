import {
  allianceProposal,
  decision,
  positionsOf,
  recommendToBoth,
  SUMMER,
  view,
} from '../testing/proposal.fixtures';

describe('proposalStatus', () => {
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

    // A bug this pins, now fixed: `unanimous` compared only the decisions named by the
    // discontinuation, and the decider requires every one of those to be a rejection, so the flag
    // could never be false.
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
});
