import { decisionRecorded, proposalTabled } from '../testing/builders';
import { spec } from '../testing/given-when-then';
import { AFTER_ABOLITION, proposal, refs } from '../testing/proposal.fixtures';
import { proposalDecider } from './proposal.decider';

describe('proposal decider', () => {
  describe('TakeForwardByMember', () => {
    const data = {
      proposalId: 'proposal',
      memberBodyId: 'cc',
      newProposalId: 'child',
      statement: 'We will pursue it alone.',
    };

    it("records a member taking the alliance's proposal forward as its own", () => {
      proposal()
        .when({ type: 'TakeForwardByMember', data }, { refs })
        .then([{ type: 'ProposalTakenForwardByMember', data }]);
    });

    it('records it after the alliance discontinued the proposal (as Hertfordshire did)', () => {
      proposal(decisionRecorded({ decisionId: 'd-pa', bodyId: 'pa', outcome: 'reject' }), {
        type: 'ProposalDiscontinued',
        data: { proposalId: 'proposal', decisionIds: ['d-pa'], reason: 'x' },
        occurredAt: '2012-06-01T00:00:00.000Z',
      })
        .when({ type: 'TakeForwardByMember', data }, { refs })
        .then([{ type: 'ProposalTakenForwardByMember', data }]);
    });

    it("refuses one body's proposal (invalid-value)", () => {
      spec(proposalDecider)
        .given([proposalTabled({ proposalId: 'proposal', bodyId: 'cc', tabledBy: 'cc' })])
        .when({ type: 'TakeForwardByMember', data }, { refs })
        .thenFails('invalid-value', /not an alliance proposal/);
    });

    it('refuses a body that is not a member of the alliance (not-alliance-member)', () => {
      proposal()
        .when({ type: 'TakeForwardByMember', data: { ...data, memberBodyId: 'surrey' } }, { refs })
        .thenFails('not-alliance-member', /surrey is not a member/);
    });

    it("lets the successor of an abolished member take it forward in the member's place", () => {
      const byPcc = { ...data, memberBodyId: 'pcc' };
      proposal()
        .when({ type: 'TakeForwardByMember', data: byPcc }, { at: AFTER_ABOLITION, refs })
        .then([{ type: 'ProposalTakenForwardByMember', data: byPcc }]);
    });

    it('refuses a new proposal that does not name this one as its parent (not-found)', () => {
      proposal()
        .when({ type: 'TakeForwardByMember', data: { ...data, newProposalId: 'orphan' } }, { refs })
        .thenFails('not-found', /orphan taking this one forward/);
    });

    it('refuses a new proposal that is not recorded (not-found)', () => {
      proposal()
        .when({ type: 'TakeForwardByMember', data: { ...data, newProposalId: 'ghost' } }, { refs })
        .thenFails('not-found');
    });

    // A bug this pins, now fixed: DOMAIN_RULES['proposal-closed'] says a proposal "taken forward" can
    // have nothing more decided on it, but taking forward left the lifecycle 'open', so ensureOpen
    // let decisions through.
    it('refuses a decision on a proposal a member has taken forward (proposal-closed)', () => {
      proposal({ type: 'ProposalTakenForwardByMember', data, occurredAt: '2012-06-01T00:00:00.000Z' })
        .when(
          {
            type: 'RecordDecision',
            data: {
              proposalId: 'proposal',
              decisionId: 'd-pa',
              bodyId: 'pa',
              outcome: 'approve',
              inPublic: true,
              rationale: 'x',
            },
          },
          { refs },
        )
        .thenFails('proposal-closed');
    });
  });
});
