import { proposal, refs, withdrawn } from '../testing/proposal.fixtures';

describe('proposal decider', () => {
  describe('RecordClaim', () => {
    const data = {
      proposalId: 'proposal',
      claimId: 'value-77m',
      subject: 'contract-value' as const,
      amount: 77_000_000,
      unit: 'GBP' as const,
      qualifier: 'up-to' as const,
      period: 'a year',
      claimant: 'news report',
      statement: 'worth up to £77m per year',
    };

    it('records a claimed figure with its source', () => {
      proposal()
        .when({ type: 'RecordClaim', data }, { refs })
        .then([{ type: 'ClaimRecorded', data }]);
    });

    it('records a claim whatever the proposal’s state: claims are evidence', () => {
      proposal(withdrawn)
        .when({ type: 'RecordClaim', data }, { refs })
        .then([{ type: 'ClaimRecorded', data }]);
    });

    it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])(
      'refuses an amount of %p (invalid-value)',
      (amount) => {
        proposal()
          .when({ type: 'RecordClaim', data: { ...data, amount } }, { refs })
          .thenFails('invalid-value', /number >= 0/);
      },
    );

    it('refuses a claim id already recorded (already-exists)', () => {
      proposal({ type: 'ClaimRecorded', data })
        .when({ type: 'RecordClaim', data: { ...data, amount: 1 } }, { refs })
        .thenFails('already-exists', /Claim value-77m/);
    });
  });
});
