import { tabled, withdrawal } from '../testing/proposal.fixtures';
import { proposalDecider, type ProposalCommand } from './proposal.decider';

describe('proposal decider', () => {
  describe('references and retries', () => {
    it('names every aggregate a command mentions, for the handler to load', () => {
      const command: ProposalCommand = {
        type: 'RecordDecision',
        data: {
          proposalId: 'proposal',
          decisionId: 'd',
          bodyId: 'pa',
          outcome: 'approve',
          inPublic: true,
          meetingId: 'held',
          rationale: 'x',
        },
      };
      expect(proposalDecider.referencesOf(command)).toEqual([
        { kind: 'proposal', id: 'proposal' },
        { kind: 'body', id: 'pa' },
        { kind: 'meeting', id: 'held' },
      ]);
      expect(
        proposalDecider.referencesOf({
          type: 'TakeForwardByMember',
          data: { proposalId: 'proposal', memberBodyId: 'cc', newProposalId: 'child', statement: 'x' },
        }),
      ).toEqual([
        { kind: 'proposal', id: 'proposal' },
        { kind: 'body', id: 'cc' },
        { kind: 'proposal', id: 'child' },
      ]);
    });

    it('retries everything on a conflict but the tabling', () => {
      expect(proposalDecider.retryOnConflict({ type: 'TableProposal', data: tabled.data })).toBe(false);
      expect(proposalDecider.retryOnConflict({ type: 'WithdrawProposal', data: withdrawal })).toBe(true);
    });
  });
});
