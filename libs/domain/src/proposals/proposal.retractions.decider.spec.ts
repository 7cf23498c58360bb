import type { CorrectionEvent } from '../shared/corrections';
import { proposalDecider } from './proposal.decider';
import type { ProposalEvent } from './proposal.events';
import { decisionRecorded, type Dated } from '../testing/builders';
import { spec } from '../testing/given-when-then';
import { refs, tabled } from '../testing/proposal.fixtures';
import { correct, corrected, retract, retracted, typoClaim } from '../testing/corrections.fixtures';

/*
 * A retraction takes an entry out of the record as if it had never been recorded, so every entry
 * after it must still be one the ledger could have recorded without it. What a later entry names
 * (a rejection its discontinuation rests on, a decision its rescission undoes) is refused for
 * retraction, naming that entry: the clerk retracts or corrects it first. Ann chaired the police
 * authority (pa) until 15 August 2012. Given events are 'given-0' (the tabling on 1 March 2012),
 * 'given-1', … in order.
 */
const rejection = decisionRecorded({ decisionId: 'd1', bodyId: 'pa', outcome: 'reject' });
const discontinued: ProposalEvent & { occurredAt: string } = {
  type: 'ProposalDiscontinued',
  data: { proposalId: 'proposal', decisionIds: ['d1'], reason: 'Rejected' },
  occurredAt: '2012-07-01T00:00:00.000Z',
};
/** The proposal's record: its tabling, then `events`, retractions among them. */
const proposal = (...events: Array<Dated<ProposalEvent | CorrectionEvent>>) =>
  spec(proposalDecider).given([tabled, ...events]);
const approval = decisionRecorded({ decisionId: 'd1', bodyId: 'pa' });
const rescission = decisionRecorded(
  { decisionId: 'd2', bodyId: 'pa', outcome: 'rescind', undoesDecisionId: 'd1' },
  '2012-07-01T00:00:00.000Z',
);

describe('a retraction leaves every later entry one that could have been recorded without it', () => {
  it('refuses retracting a rejection a discontinuation names, naming the discontinuation', () => {
    proposal(rejection, discontinued)
      .when(retract('given-1'), { refs })
      .thenFails(
        'retraction-leaves-dependent',
        /DecisionRecorded given-1 of .* cannot be retracted: ProposalDiscontinued given-2 of 2012-07-01.* could not have been recorded without it \(discontinuation-needs-decision: Decision d1 is not a recorded decision to reject .*\); retract or correct that entry first/,
      );
  });

  it('refuses retracting a decision that a rescission undoes, naming the rescission', () => {
    proposal(approval, rescission)
      .when(retract('given-1'), { refs })
      .thenFails(
        'retraction-leaves-dependent',
        /cannot be retracted: DecisionRecorded given-2 .*\(undo-needs-decision: d1 is not a standing decision/,
      );
  });

  it('takes the retraction once the entry depending on it was retracted first', () => {
    const first = { type: 'EventRetracted' as const, data: retract('given-2').data };
    proposal(rejection, discontinued, first).when(retract('given-1'), { refs }).then(retracted('given-1'));
    proposal(approval, rescission, { ...first, data: retract('given-2').data })
      .when(retract('given-1'), { refs })
      .then(retracted('given-1'));
  });

  it('takes retracting an entry nothing later rests on (a claim before decisions, the rescission itself)', () => {
    proposal({ ...typoClaim, occurredAt: '2012-04-01T00:00:00.000Z' }, approval, rescission)
      .when(retract('given-1'), { refs })
      .then(retracted('given-1'));
    proposal(approval, rescission).when(retract('given-2'), { refs }).then(retracted('given-2'));
  });

  it('does not hold against a retraction what a later entry broke already (a decision out of term)', () => {
    const outOfTerm = decisionRecorded(
      { decisionId: 'd9', bodyId: 'pa', personId: 'ann', postId: 'chair' },
      '2012-09-01T00:00:00.000Z',
    );
    proposal({ ...typoClaim, occurredAt: '2012-04-01T00:00:00.000Z' }, outOfTerm)
      .when(retract('given-1'), { at: '2012-10-01', refs })
      .then(retracted('given-1'));
  });

  it('decides again a decision an earlier version let a correction give a number for its reference', () => {
    // Now refused (correction-invalid-value); a ledger written before may hold one, read as its text.
    const claim = { ...typoClaim, occurredAt: '2012-04-01T00:00:00.000Z' };
    const numbered = [
      approval,
      {
        type: 'EventCorrected' as const,
        data: { eventId: 'given-2', reason: 'old', changes: { reference: 5 } },
      },
    ];
    proposal(claim, ...numbered)
      .when(retract('given-1'), { refs })
      .then(retracted('given-1'));
    proposal(claim, ...numbered)
      .when(correct('given-1', { amount: 73_000_000 }), { refs })
      .then(corrected('given-1', { amount: 73_000_000 }));
  });
});
