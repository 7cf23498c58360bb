import { recommendationIssued } from '../testing/builders';
import { AFTER_ABOLITION, decideDirectly, proposal, refs } from '../testing/proposal.fixtures';

describe('proposal decider', () => {
  describe('IssueRecommendation', () => {
    const data = {
      proposalId: 'proposal',
      recommendationId: 'jwg-g4s-recommendation',
      byBodyId: 'jwg',
      toBodyIds: ['pa', 'cc'],
      content: 'do-not-proceed' as const,
      rationale: 'Not suitable.',
      meetingId: 'held',
    };

    it('records an advisory body recommending to the deciding bodies', () => {
      proposal()
        .when({ type: 'IssueRecommendation', data }, { refs })
        .then([{ type: 'RecommendationIssued', data }]);
    });

    it('refers the proposal to the bodies it recommends to', () => {
      const state = proposal({
        type: 'RecommendationIssued',
        data: { ...data, toBodyIds: ['surrey'] },
      }).state();
      expect(state.referredTo).toEqual(['surrey']);
    });

    it('refuses a body with no powers (body-cannot-recommend)', () => {
      proposal()
        .when({ type: 'IssueRecommendation', data: { ...data, byBodyId: 'g4s' } }, { refs })
        .thenFails('body-cannot-recommend', /G4S neither decides nor advises/);
    });

    it('refuses a recommendation by a body after it was abolished (body-abolished)', () => {
      proposal()
        .when(
          {
            type: 'IssueRecommendation',
            data: { ...data, byBodyId: 'pa', toBodyIds: [], meetingId: undefined },
          },
          { at: AFTER_ABOLITION, refs },
        )
        .thenFails('body-abolished');
    });

    it('refuses a recommendation to a body that is not registered (not-found)', () => {
      proposal()
        .when({ type: 'IssueRecommendation', data: { ...data, toBodyIds: ['ghost'] } }, { refs })
        .thenFails('not-found', /Body ghost/);
    });

    it('refuses a meeting that was not held (meeting-not-held)', () => {
      proposal()
        .when({ type: 'IssueRecommendation', data: { ...data, meetingId: 'planned' } }, { refs })
        .thenFails('meeting-not-held', /planned/);
    });

    it('refuses a recommendation dated before its meeting was held (meeting-not-held)', () => {
      proposal()
        .when({ type: 'IssueRecommendation', data }, { at: '2012-06-30', refs })
        .thenFails('meeting-not-held', /by 2012-06-30/);
    });

    it('refuses a recommendation id already recorded (already-exists)', () => {
      proposal(recommendationIssued({ recommendationId: 'jwg-g4s-recommendation', byBodyId: 'jwg' }))
        .when({ type: 'IssueRecommendation', data }, { refs })
        .thenFails('already-exists');
    });

    it('refuses a recommendation dated before the proposal was tabled (decision-before-tabled)', () => {
      expect(
        decideDirectly(
          { type: 'IssueRecommendation', data: { ...data, meetingId: undefined } },
          '2012-02-01',
        ),
      ).toMatchObject({ rule: 'decision-before-tabled' });
    });
  });
});
