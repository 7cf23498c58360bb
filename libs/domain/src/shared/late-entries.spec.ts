import { proposalDecider } from '../proposals/proposal.decider';
import { aBody, bodiesById, decisionRecorded, proposalTabled } from '../testing/builders';
import { refsOf, spec } from '../testing/given-when-then';

const claim = {
  type: 'RecordClaim' as const,
  data: {
    proposalId: 'proposal',
    claimId: 'gap',
    subject: 'funding-gap' as const,
    amount: 73_000_000,
    unit: 'GBP' as const,
    qualifier: 'exactly' as const,
    claimant: 'news report',
    statement: 'a £73m funding gap',
  },
};

const tabledAndDecided = [
  proposalTabled({}, '2012-03-01T00:00:00.000Z'),
  decisionRecorded({ decisionId: 'd', bodyId: 'pa' }, '2013-06-01T00:00:00.000Z'),
];

describe('late-found facts: the time rule for informational entries', () => {
  it('records a claim found later about an earlier date, before the record’s latest entry', () => {
    spec(proposalDecider)
      .given(tabledAndDecided)
      .when(claim, { at: '2012-07' })
      .then([{ type: 'ClaimRecorded', data: claim.data }]);
  });

  it('records it at any precision, from the record’s first day on', () => {
    spec(proposalDecider)
      .given(tabledAndDecided)
      .when(claim, { at: '2012-03-01' })
      .then([{ type: 'ClaimRecorded', data: claim.data }]);
  });

  it('refuses a claim dated before the record began (date-before-record)', () => {
    spec(proposalDecider)
      .given(tabledAndDecided)
      .when(claim, { at: '2011' })
      .thenFails('date-before-record', /proposal-spec began at 2012-03-01T00:00:00.000Z, after 2011/);
  });

  it('still refuses a claim dated in the future (date-in-future)', () => {
    spec(proposalDecider)
      .given(tabledAndDecided)
      .when(claim, { at: '2027', now: '2026-06-01T00:00:00Z' })
      .thenFails('date-in-future');
  });

  it('refuses an entry that changes the state dated before the latest change (date-goes-backwards)', () => {
    spec(proposalDecider)
      .given(tabledAndDecided)
      .when(
        { type: 'WithdrawProposal', data: { proposalId: 'proposal', byBodyId: 'pa', reason: 'late' } },
        { at: '2013-05', refs: refsOf({ body: bodiesById(aBody({ bodyId: 'pa' })) }) },
      )
      .thenFails('date-goes-backwards', /happened at 2013-06-01T00:00:00.000Z, after 2013-05/);
  });

  it('does not let a late claim hold back a state change dated after the last change but before the claim', () => {
    spec(proposalDecider)
      .given([
        proposalTabled({}, '2012-03-01T00:00:00.000Z'),
        { ...claim, type: 'ClaimRecorded', occurredAt: '2013-09-01' },
      ])
      .when(
        { type: 'WithdrawProposal', data: { proposalId: 'proposal', byBodyId: 'pa', reason: 'dropped' } },
        { at: '2013-05', refs: refsOf({ body: bodiesById(aBody({ bodyId: 'pa' })) }) },
      )
      .then([
        { type: 'ProposalWithdrawn', data: { proposalId: 'proposal', byBodyId: 'pa', reason: 'dropped' } },
      ]);
  });
});
