import {
  aBody,
  anAlliance,
  aPerson,
  aProposal,
  bodiesById,
  decisionRecorded,
  proposalTabled,
  recommendationIssued,
} from '../testing/builders';
import { refsOf, spec } from '../testing/given-when-then';
import { referencePattern } from './decision.rules';
import { proposalDecider, type ProposalCommand } from './proposal.decider';
import type { ProposalEvent } from './proposal.events';
import { proposalStatus } from './proposal.status';

/*
 * Issue 16: decision records as PCCs publish them, staged and delegated decisions, interests.
 * Two corporations sole (a PCC and a chief constable) allied under unanimity; the PCC numbers its
 * records PCC/D/{seq:3}; Olly was commissioner to May 2016, Pat from then.
 */
const pcc = aBody({
  bodyId: 'pcc',
  name: 'PCC',
  classification: 'police-and-crime-commissioner',
  foundingDate: '2012-11-22',
  decisionReferenceFormat: 'PCC/D/{seq:3}',
  holders: [
    { personId: 'olly', postId: 'commissioner', startDate: '2012-11-22', endDate: '2016-05-11' },
    { personId: 'pat', postId: 'commissioner', startDate: '2016-05-12' },
  ],
});
const cc = aBody({
  bodyId: 'cc',
  name: 'Chief Constable',
  classification: 'chief-constable',
  holders: [{ personId: 'carl', postId: 'chief-constable' }],
});
const refs = refsOf({
  body: bodiesById(pcc, cc),
  person: { olly: aPerson('olly'), pat: aPerson('pat'), carl: aPerson('carl'), ceo: aPerson('ceo') },
  alliance: { bch: anAlliance({ allianceId: 'bch', memberIds: ['pcc', 'cc'] }) },
});
const tabled = proposalTabled({ tabledBy: 'pcc', allianceId: 'bch', bodyId: undefined }, '2013-01-02');
const AT = '2013-02-01';
const by = (overrides: Partial<Extract<ProposalEvent, { type: 'DecisionRecorded' }>['data']> = {}) => ({
  proposalId: 'proposal',
  decisionId: 'd1',
  bodyId: 'pcc',
  personId: 'olly',
  postId: 'commissioner',
  outcome: 'approve' as const,
  inPublic: true,
  rationale: 'Value for money.',
  ...overrides,
});
const decide = (data: ReturnType<typeof by>): ProposalCommand => ({ type: 'RecordDecision', data });
const given = (...events: ProposalEvent[]) =>
  spec(proposalDecider).given([tabled, ...events.map((e) => ({ ...e, occurredAt: '2013-01-20' }))]);
const recorded = (data: ReturnType<typeof by>) => decisionRecorded(data, '2013-01-20');

describe('decision records (issue 16)', () => {
  describe('the record a PCC publishes', () => {
    it('records every field of a decision record', () => {
      const data = by({
        reference: 'PCC/D/032',
        title: 'Business support services',
        summary: 'Whether to proceed with the G4S business partnering.',
        reportOf: 'Chief Executive',
        recommendation: 'That the Commissioner does not proceed.',
        signed: { personId: 'olly', on: AT },
        publishedOn: '2013-02-04',
        keyDecision: true,
        significantPublicInterest: true,
        financialImplications: 'None beyond costs already incurred.',
        legalImplications: 'The framework contract is not entered.',
        interests: [{ personId: 'olly', type: 'other', description: 'None' }],
        exemptAnnex: { paragraph: 3, title: 'Commercial terms', content: 'G4S pricing schedule.' },
      });
      given()
        .when(decide(data), { at: AT, refs })
        .then([{ type: 'DecisionRecorded', data }]);
    });

    it('refuses a reference that does not follow the body’s format (invalid-value)', () => {
      given()
        .when(decide(by({ reference: 'D32' })), { at: AT, refs })
        .thenFails('invalid-value', /format PCC\/D\/\{seq:3\}/);
    });

    it('refuses a reference used again by the same decision-maker in the same term (decision-reference-taken)', () => {
      given(recorded(by({ outcome: 'defer', reference: 'PCC/D/001' })))
        .when(decide(by({ decisionId: 'd2', reference: 'PCC/D/001' })), { at: AT, refs })
        .thenFails('decision-reference-taken', /PCC\/D\/001 is decision d1/);
    });

    it('accepts the same reference in the next term (numbering restarts with a new commissioner)', () => {
      const data = by({ decisionId: 'd2', personId: 'pat', reference: 'PCC/D/001' });
      given(recorded(by({ outcome: 'defer', reference: 'PCC/D/001' })))
        .when(decide(data), { at: '2016-06-01', refs })
        .then([{ type: 'DecisionRecorded', data }]);
    });

    it('refuses an exempt annex citing no paragraph of Schedule 12A (exemption-needs-reason)', () => {
      given()
        .when(decide(by({ exemptAnnex: { paragraph: 9, title: 'Terms', content: 'x' } })), { at: AT, refs })
        .thenFails('exemption-needs-reason', /paragraphs 1 to 7, not 9/);
    });

    it('refuses a signature by someone who did not decide (invalid-value)', () => {
      given()
        .when(decide(by({ signed: { personId: 'carl', on: AT } })), { at: AT, refs })
        .thenFails('invalid-value', /carl neither took the decision/);
    });

    it('refuses publication before signature (invalid-value) or in the future (date-in-future)', () => {
      given()
        .when(decide(by({ signed: { personId: 'olly', on: AT }, publishedOn: '2013-01-25' })), {
          at: AT,
          refs,
        })
        .thenFails('invalid-value', /published after it is signed/);
      given()
        .when(decide(by({ publishedOn: '2030-01-01' })), { at: AT, refs })
        .thenFails('date-in-future');
    });

    it('refuses a recommendation not recorded on the proposal (not-found)', () => {
      given()
        .when(decide(by({ recommendationId: 'nope' })), { at: AT, refs })
        .thenFails('not-found', /Recommendation nope/);
    });

    it('accepts the recommendation it acts on', () => {
      const data = by({ recommendationId: 'r1' });
      given(
        recommendationIssued({
          recommendationId: 'r1',
          byBodyId: 'cc',
          toBodyIds: ['pcc'],
        }).valueOf() as ProposalEvent,
      )
        .when(decide(data), { at: AT, refs })
        .then([{ type: 'DecisionRecorded', data }]);
    });

    it('refuses a vote that is not recorded on the proposal (not-found)', () => {
      given()
        .when(decide(by({ voteEventId: 'v9' })), { at: AT, refs })
        .thenFails('not-found', /Vote v9/);
    });
  });

  describe('interests', () => {
    it('refuses a pecuniary interest without a dispensation (interest-without-dispensation)', () => {
      given()
        .when(
          decide(by({ interests: [{ personId: 'olly', type: 'pecuniary', description: 'G4S shares' }] })),
          {
            at: AT,
            refs,
          },
        )
        .thenFails('interest-without-dispensation', /G4S shares/);
    });

    it('accepts a pecuniary interest under a dispensation', () => {
      const data = by({
        interests: [
          {
            personId: 'olly',
            type: 'pecuniary',
            description: 'G4S shares',
            dispensation: { grantedBy: 'Monitoring Officer', grantedOn: '2013-01-10', reason: 'Shares sold' },
          },
        ],
      });
      given()
        .when(decide(data), { at: AT, refs })
        .then([{ type: 'DecisionRecorded', data }]);
    });
  });

  describe('delegated decisions', () => {
    it('records the officer deciding under the scheme and the post holder it is for', () => {
      const data = by({
        delegation: { personId: 'ceo', role: 'Chief Executive', scheme: 'Scheme of Consent, para 4.2' },
        signed: { personId: 'ceo', on: AT },
      });
      given()
        .when(decide(data), { at: AT, refs })
        .then([{ type: 'DecisionRecorded', data }]);
    });

    it('refuses a delegation naming no post holder (invalid-value)', () => {
      given()
        .when(
          decide(
            by({
              personId: undefined,
              postId: undefined,
              delegation: { personId: 'ceo', role: 'CEO', scheme: 'S' },
            }),
          ),
          { at: AT, refs },
        )
        .thenFails('invalid-value', /names the post holder/);
    });

    it('refuses an officer who is not registered (not-found)', () => {
      given()
        .when(decide(by({ delegation: { personId: 'ghost', role: 'CEO', scheme: 'S' } })), { at: AT, refs })
        .thenFails('not-found', /Person ghost/);
    });
  });

  describe('staged decisions (already-decided redefined)', () => {
    const inPrinciple = recorded(by({ stage: 'in-principle' }));

    it('takes a final decision after an approval in principle', () => {
      const data = by({ decisionId: 'd2', stage: 'final' });
      given(inPrinciple)
        .when(decide(data), { at: AT, refs })
        .then([{ type: 'DecisionRecorded', data }]);
    });

    it('refuses a second approval in principle (already-decided)', () => {
      given(inPrinciple)
        .when(decide(by({ decisionId: 'd2', stage: 'in-principle' })), { at: AT, refs })
        .thenFails('already-decided', /approve in principle/);
    });

    it('refuses a rejection given in principle (invalid-value)', () => {
      given()
        .when(decide(by({ outcome: 'reject', stage: 'in-principle' })), { at: AT, refs })
        .thenFails('invalid-value', /Only an approval/);
    });

    it('awards and then signs the contract after a final approval', () => {
      const award = by({ decisionId: 'd2', outcome: 'award-contract' });
      given(recorded(by()))
        .when(decide(award), { at: AT, refs })
        .then([{ type: 'DecisionRecorded', data: award }]);
      const sign = by({ decisionId: 'd3', outcome: 'sign-contract' });
      given(recorded(by()), recorded(award))
        .when(decide(sign), { at: AT, refs })
        .then([{ type: 'DecisionRecorded', data: sign }]);
    });

    it('refuses a second final decision while one stands (already-decided)', () => {
      given(recorded(by()))
        .when(decide(by({ decisionId: 'd2', outcome: 'reject' })), { at: AT, refs })
        .thenFails('already-decided', /decided to approve/);
    });

    it('rescinds a decision, after which a new one may be taken', () => {
      const rescind = by({ decisionId: 'd2', outcome: 'rescind', undoesDecisionId: 'd1' });
      given(recorded(by()))
        .when(decide(rescind), { at: AT, refs })
        .then([{ type: 'DecisionRecorded', data: rescind }]);
      const again = by({ decisionId: 'd3', outcome: 'reject' });
      given(recorded(by()), recorded(rescind))
        .when(decide(again), { at: AT, refs })
        .then([{ type: 'DecisionRecorded', data: again }]);
    });

    it('refuses to undo a decision that is not a standing one of the same body (undo-needs-decision)', () => {
      given(recorded(by()))
        .when(decide(by({ decisionId: 'd2', outcome: 'revoke', undoesDecisionId: 'nope' })), { at: AT, refs })
        .thenFails('undo-needs-decision', /nope is not a standing decision/);
      const rescind = by({ decisionId: 'd2', outcome: 'rescind', undoesDecisionId: 'd1' });
      given(recorded(by()), recorded(rescind))
        .when(decide(by({ decisionId: 'd3', outcome: 'revoke', undoesDecisionId: 'd1' })), { at: AT, refs })
        .thenFails('undo-needs-decision');
    });

    it('refuses an undoing named on any other outcome (invalid-value)', () => {
      given(recorded(by({ outcome: 'defer' })))
        .when(decide(by({ decisionId: 'd2', undoesDecisionId: 'd1' })), { at: AT, refs })
        .thenFails('invalid-value', /Only a rescission or revocation/);
    });

    it('refuses to discontinue on a rejection since rescinded (discontinuation-needs-decision)', () => {
      const reject = by({ outcome: 'reject' });
      const rescind = by({ decisionId: 'd2', outcome: 'rescind', undoesDecisionId: 'd1' });
      given(recorded(reject), recorded(rescind))
        .when(
          { type: 'DiscontinueProposal', data: { proposalId: 'proposal', decisionIds: ['d1'], reason: 'r' } },
          {
            at: AT,
            refs,
          },
        )
        .thenFails('discontinuation-needs-decision');
    });
  });

  describe('status by stage', () => {
    const status = (...decisions: ProposalEvent[]) =>
      proposalStatus(
        aProposal(tabled, ...decisions.map((e) => ({ ...e, occurredAt: '2013-01-20' }))),
        refs,
        AT,
      );
    const cc = (overrides: Partial<ReturnType<typeof by>>) =>
      recorded(
        by({ decisionId: 'cc1', bodyId: 'cc', personId: 'carl', postId: 'chief-constable', ...overrides }),
      );

    it('waits for every member the rule needs, the chief constable too', () => {
      expect(status().waitingFor).toEqual(['pcc', 'cc']);
    });

    it('does not agree on an approval in principle', () => {
      const v = status(recorded(by({ stage: 'in-principle' })), cc({}));
      expect(v.status).toBe('under-consideration');
      expect(v.positions.map((p) => p.position)).toEqual(['approved-in-principle', 'approved']);
      expect(v.waitingFor).toEqual(['pcc']);
    });

    it('agrees once every member approves finally, a signed contract counting as approval', () => {
      expect(status(recorded(by({ outcome: 'sign-contract' })), cc({})).status).toBe('agreed');
    });

    it('no longer counts a rescinded rejection', () => {
      const v = status(
        recorded(by({ outcome: 'reject' })),
        recorded(by({ decisionId: 'd2', outcome: 'rescind', undoesDecisionId: 'd1' })),
      );
      expect(v.status).toBe('under-consideration');
      expect(v.waitingFor).toEqual(['pcc', 'cc']);
    });
  });

  it('reads reference formats as patterns', () => {
    expect(referencePattern('PCC/D/{seq:3}').test('PCC/D/032')).toBe(true);
    expect(referencePattern('PCC/D/{seq:3}').test('PCC/D/32')).toBe(false);
    expect(referencePattern('{year}/DEC/{seq:2}').test('2013/DEC/07')).toBe(true);
    expect(referencePattern('A.{seq:1}').test('AB1')).toBe(false);
  });
});
