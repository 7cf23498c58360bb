import { decisionRecorded } from '../testing/builders';
import { AFTER_ABOLITION, decideDirectly, proposal, refs } from '../testing/proposal.fixtures';

describe('proposal decider', () => {
  describe('RecordDecision', () => {
    const data = {
      proposalId: 'proposal',
      decisionId: 'd-pa',
      bodyId: 'pa',
      postId: 'chair',
      personId: 'ann',
      outcome: 'approve' as const,
      reference: 'PA/D/001',
      inPublic: true,
      meetingId: 'held',
      rationale: 'Value for money.',
    };

    it('records a decision by an office holder of a member body, at a held public meeting', () => {
      proposal()
        .when({ type: 'RecordDecision', data }, { refs })
        .then([{ type: 'DecisionRecorded', data }]);
    });

    it('records a decision of the body with nobody named', () => {
      const plain = {
        proposalId: 'proposal',
        decisionId: 'd-cc',
        bodyId: 'cc',
        outcome: 'reject' as const,
        inPublic: false,
        rationale: 'No.',
      };
      proposal()
        .when({ type: 'RecordDecision', data: plain }, { refs })
        .then([{ type: 'DecisionRecorded', data: plain }]);
    });

    it('records a decision taken in private at a private meeting', () => {
      const inPrivate = { ...data, inPublic: false, meetingId: 'private' };
      proposal()
        .when({ type: 'RecordDecision', data: inPrivate }, { refs })
        .then([{ type: 'DecisionRecorded', data: inPrivate }]);
    });

    it('records a decision whose publicity the source does not state, at a public or a private meeting', () => {
      for (const meetingId of ['held', 'private']) {
        const { inPublic: _notStated, ...notStated } = { ...data, meetingId };
        proposal()
          .when({ type: 'RecordDecision', data: notStated }, { refs })
          .then([{ type: 'DecisionRecorded', data: notStated }]);
      }
    });

    it('records a decision by a body the proposal was referred to', () => {
      const bySurrey = {
        proposalId: 'proposal',
        decisionId: 'd-s',
        bodyId: 'surrey',
        outcome: 'approve' as const,
        inPublic: true,
        rationale: 'x',
      };
      proposal({
        type: 'ProposalReferred',
        data: { proposalId: 'proposal', byBodyId: 'jwg', toBodyIds: ['surrey'], reason: 'x' },
      })
        .when({ type: 'RecordDecision', data: bySurrey }, { refs })
        .then([{ type: 'DecisionRecorded', data: bySurrey }]);
    });

    it('records a decision by the successor, standing where the abolished member stood', () => {
      const byPcc = {
        proposalId: 'proposal',
        decisionId: 'd-pcc',
        bodyId: 'pcc',
        postId: 'commissioner',
        personId: 'olly',
        outcome: 'reject' as const,
        inPublic: true,
        rationale: 'x',
      };
      proposal()
        .when({ type: 'RecordDecision', data: byPcc }, { at: AFTER_ABOLITION, refs })
        .then([{ type: 'DecisionRecorded', data: byPcc }]);
    });

    it('records a decision after the same body deferred', () => {
      proposal(decisionRecorded({ decisionId: 'd-defer', bodyId: 'pa', outcome: 'defer' }))
        .when({ type: 'RecordDecision', data }, { refs })
        .then([{ type: 'DecisionRecorded', data }]);
    });

    it('refuses a decision by an advisory body (advisory-body-cannot-decide)', () => {
      proposal()
        .when(
          {
            type: 'RecordDecision',
            data: { ...data, bodyId: 'jwg', postId: undefined, personId: undefined },
          },
          { refs },
        )
        .thenFails('advisory-body-cannot-decide', /Joint Working Group can only recommend/);
    });

    it('refuses a decision by a body with no powers (advisory-body-cannot-decide)', () => {
      proposal()
        .when(
          {
            type: 'RecordDecision',
            data: { ...data, bodyId: 'g4s', postId: undefined, personId: undefined },
          },
          { refs },
        )
        .thenFails('advisory-body-cannot-decide');
    });

    it('refuses a decision by a body neither allied nor referred to (not-alliance-member)', () => {
      proposal()
        .when(
          {
            type: 'RecordDecision',
            data: { ...data, bodyId: 'surrey', postId: undefined, personId: undefined },
          },
          { refs },
        )
        .thenFails(
          'not-alliance-member',
          /neither a member of the alliance nor a body this proposal was referred to/,
        );
    });

    it('refuses a decision by a body after it was abolished (body-abolished), naming its successor', () => {
      proposal()
        .when(
          { type: 'RecordDecision', data: { ...data, postId: undefined, personId: undefined } },
          { at: AFTER_ABOLITION, refs },
        )
        .thenFails('body-abolished', /its successor is pcc/);
    });

    it('refuses a decision by a body before it was established (body-not-established)', () => {
      proposal()
        .when(
          {
            type: 'RecordDecision',
            data: { ...data, bodyId: 'pcc', postId: undefined, personId: undefined },
          },
          { refs },
        )
        .thenFails('body-not-established');
    });

    it('refuses a second decision by the same body (already-decided)', () => {
      proposal(decisionRecorded({ decisionId: 'd-first', bodyId: 'pa', outcome: 'reject' }))
        .when({ type: 'RecordDecision', data }, { refs })
        .thenFails('already-decided', /decided to reject on 2012-06-01/);
    });

    it('refuses a decision id already recorded (already-exists)', () => {
      proposal(decisionRecorded({ decisionId: 'd-pa', bodyId: 'cc', outcome: 'approve' }))
        .when({ type: 'RecordDecision', data }, { refs })
        .thenFails('already-exists', /Decision d-pa is recorded/);
    });

    it('refuses a decision by someone who never held a post on the body (not-office-holder)', () => {
      proposal()
        .when({ type: 'RecordDecision', data: { ...data, postId: undefined, personId: 'olly' } }, { refs })
        .thenFails('not-office-holder', /olly held no post on Police Authority/);
    });

    it('refuses a decision by someone whose term had ended by that date (not-office-holder)', () => {
      proposal()
        .when({ type: 'RecordDecision', data: { ...data, meetingId: undefined } }, { at: '2012-08-15', refs })
        .thenFails('not-office-holder', /ann held no post/);
    });

    it('refuses a decision naming a post the person did not hold (not-office-holder)', () => {
      proposal()
        .when({ type: 'RecordDecision', data: { ...data, personId: 'bob', postId: 'chair' } }, { refs })
        .thenFails('not-office-holder', /bob did not hold post chair/);
    });

    it('refuses a decision by someone not recorded, naming them (not-found), not as holding no post', () => {
      proposal()
        .when({ type: 'RecordDecision', data: { ...data, personId: 'ghost', postId: undefined } }, { refs })
        .thenFails('not-found', /Person ghost is not registered/);
    });

    it('refuses a meeting that was not held (meeting-not-held)', () => {
      proposal()
        .when({ type: 'RecordDecision', data: { ...data, meetingId: 'planned' } }, { refs })
        .thenFails('meeting-not-held');
    });

    it('refuses a decision "in public" at a private meeting (private-decision-in-public)', () => {
      proposal()
        .when({ type: 'RecordDecision', data: { ...data, meetingId: 'private' } }, { refs })
        .thenFails('private-decision-in-public', /meeting private, which was private/);
    });

    it('refuses a decision dated before the proposal was tabled (decision-before-tabled)', () => {
      expect(
        decideDirectly({ type: 'RecordDecision', data: { ...data, meetingId: undefined } }, '2012-02-01'),
      ).toMatchObject({ rule: 'decision-before-tabled' });
    });

    it('through decideOn too: the rule it breaks is reported, not the stream’s order (date-goes-backwards)', () => {
      proposal()
        .when({ type: 'RecordDecision', data: { ...data, meetingId: undefined } }, { at: '2012-02-01', refs })
        .thenFails('decision-before-tabled');
    });

    it('refuses a decision dated in the future (date-in-future)', () => {
      proposal()
        .when({ type: 'RecordDecision', data }, { at: '2012-08-02', now: '2012-08-01', refs })
        .thenFails('date-in-future');
    });
  });
});
