import { AFTER_ABOLITION, proposal, refs, tabled } from '../testing/proposal.fixtures';

describe('proposal decider', () => {
  describe('AmendProposal', () => {
    it('amends the terms', () => {
      const data = {
        proposalId: 'proposal',
        changes: { scope: ['HR'], contractor: 'G4S' },
        reason: 'narrowed',
        meetingId: 'held',
      };
      proposal()
        .when({ type: 'AmendProposal', data }, { refs })
        .then([{ type: 'ProposalAmended', data }]);
    });

    it('refuses an amendment that changes nothing (invalid-value)', () => {
      proposal()
        .when({ type: 'AmendProposal', data: { proposalId: 'proposal', changes: {}, reason: 'x' } }, { refs })
        .thenFails('invalid-value', /must change something/);
    });

    it('folds the changes into the terms', () => {
      const state = proposal({
        type: 'ProposalAmended',
        data: { proposalId: 'proposal', changes: { scope: ['HR'] }, reason: 'x' },
      }).state();
      expect(state.terms).toEqual({
        title: tabled.data.title,
        description: tabled.data.description,
        scope: ['HR'],
      });
    });
  });

  describe('ReferProposal', () => {
    const data = { proposalId: 'proposal', byBodyId: 'jwg', toBodyIds: ['surrey'], reason: 'for decision' };

    it('refers the proposal to other bodies', () => {
      proposal()
        .when({ type: 'ReferProposal', data }, { refs })
        .then([{ type: 'ProposalReferred', data }]);
    });

    it('refuses a referring body that is not registered (not-found)', () => {
      proposal()
        .when({ type: 'ReferProposal', data: { ...data, byBodyId: 'ghost' } }, { refs })
        .thenFails('not-found');
    });

    it('refuses a referral to a body after it was abolished (body-abolished)', () => {
      proposal()
        .when(
          { type: 'ReferProposal', data: { ...data, byBodyId: 'cc', toBodyIds: ['pa'] } },
          { at: AFTER_ABOLITION, refs },
        )
        .thenFails('body-abolished');
    });
  });

  describe('DeferProposal', () => {
    const data = {
      proposalId: 'proposal',
      byBodyId: 'pa',
      reason: 'await the review',
      until: '2012-10-01',
      meetingId: 'held',
    };

    it('defers the proposal at a held meeting', () => {
      proposal()
        .when({ type: 'DeferProposal', data }, { refs })
        .then([{ type: 'ProposalDeferred', data }]);
    });

    it('lets an advisory body defer its consideration', () => {
      proposal()
        .when({ type: 'DeferProposal', data: { ...data, byBodyId: 'jwg' } }, { refs })
        .then([{ type: 'ProposalDeferred', data: { ...data, byBodyId: 'jwg' } }]);
    });

    it('refuses a body with no powers (body-cannot-recommend)', () => {
      proposal()
        .when({ type: 'DeferProposal', data: { ...data, byBodyId: 'g4s' } }, { refs })
        .thenFails('body-cannot-recommend', /g4s cannot defer/);
    });

    it('refuses a meeting that was not held (meeting-not-held)', () => {
      proposal()
        .when({ type: 'DeferProposal', data: { ...data, meetingId: 'planned' } }, { refs })
        .thenFails('meeting-not-held');
    });

    it('refuses a deferral by a body after it was abolished (body-abolished)', () => {
      proposal()
        .when(
          { type: 'DeferProposal', data: { ...data, meetingId: undefined } },
          { at: AFTER_ABOLITION, refs },
        )
        .thenFails('body-abolished');
    });
  });
});
