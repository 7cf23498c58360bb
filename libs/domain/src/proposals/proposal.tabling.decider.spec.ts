import { proposalTabled } from '../testing/builders';
import { spec } from '../testing/given-when-then';
import { AFTER_ABOLITION, proposal, refs, tabled } from '../testing/proposal.fixtures';
import { proposalDecider } from './proposal.decider';

describe('proposal decider', () => {
  describe('TableProposal', () => {
    it('tables an alliance-wide proposal', () => {
      spec(proposalDecider)
        .given([])
        .when({ type: 'TableProposal', data: tabled.data }, { at: '2012-03-01', refs })
        .then([{ type: 'ProposalTabled', data: tabled.data }]);
    });

    it("tables one body's proposal taking another forward", () => {
      const data = proposalTabled({
        proposalId: 'p2',
        tabledBy: 'cc',
        bodyId: 'cc',
        parentProposalId: 'other',
      }).data;
      spec(proposalDecider)
        .given([])
        .when({ type: 'TableProposal', data }, { refs })
        .then([{ type: 'ProposalTabled', data }]);
    });

    it('refuses to table it twice (already-exists)', () => {
      proposal().when({ type: 'TableProposal', data: tabled.data }, { refs }).thenFails('already-exists');
    });

    it('refuses a tabling body that is not registered (not-found)', () => {
      spec(proposalDecider)
        .given([])
        .when({ type: 'TableProposal', data: { ...tabled.data, tabledBy: 'ghost' } }, { refs })
        .thenFails('not-found', /Body ghost/);
    });

    it('refuses a proposal tabled by a body after it was abolished (body-abolished)', () => {
      spec(proposalDecider)
        .given([])
        .when(
          { type: 'TableProposal', data: { ...tabled.data, tabledBy: 'pa' } },
          { at: AFTER_ABOLITION, refs },
        )
        .thenFails('body-abolished', /successor is pcc/);
    });

    it('refuses a proposal tabled by a body before it was established (body-not-established)', () => {
      spec(proposalDecider)
        .given([])
        .when({ type: 'TableProposal', data: { ...tabled.data, tabledBy: 'later' } }, { refs })
        .thenFails('body-not-established');
    });

    it('refuses an alliance that is not recorded (not-found)', () => {
      spec(proposalDecider)
        .given([])
        .when({ type: 'TableProposal', data: { ...tabled.data, allianceId: 'ghost' } }, { refs })
        .thenFails('not-found', /Alliance ghost/);
    });

    it('refuses a proposal for a body after it was abolished (body-abolished)', () => {
      spec(proposalDecider)
        .given([])
        .when(
          {
            type: 'TableProposal',
            data: { ...tabled.data, tabledBy: 'cc', allianceId: undefined, bodyId: 'pa' },
          },
          { at: AFTER_ABOLITION, refs },
        )
        .thenFails('body-abolished');
    });

    it('refuses a proposal for neither an alliance nor a body (invalid-value)', () => {
      spec(proposalDecider)
        .given([])
        .when({ type: 'TableProposal', data: { ...tabled.data, allianceId: undefined } }, { refs })
        .thenFails('invalid-value', /for an alliance or for one body/);
    });

    it('refuses a parent proposal that is not recorded (not-found)', () => {
      spec(proposalDecider)
        .given([])
        .when({ type: 'TableProposal', data: { ...tabled.data, parentProposalId: 'ghost' } }, { refs })
        .thenFails('not-found', /Proposal ghost/);
    });
  });
});
