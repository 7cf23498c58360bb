import type { ProposalEvent } from './proposal.events';
import { decisionRecorded, recommendationIssued } from '../testing/builders';
import { proposal, refs, withdrawn } from '../testing/proposal.fixtures';
import { correct, corrected } from '../testing/corrections.fixtures';

/*
 * A correction can make an entry one its command would never have recorded: the rules that read
 * other records, or dates, or the entries before it, are run again on the entry as corrected, on
 * its own date, after what preceded it, and on each entry after it. In the fixtures' world Ann
 * chaired the police authority (pa) until 15 August 2012 and Bob was a member; the PCC came on
 * 22 November 2012; 'later' was founded in 2013. Given events are 'given-0' (the tabling on
 * 1 March 2012), 'given-1', … in order.
 */
const discontinued = (decisionIds: string[]): ProposalEvent & { occurredAt: string } => ({
  type: 'ProposalDiscontinued',
  data: { proposalId: 'proposal', decisionIds, reason: 'Rejected' },
  occurredAt: '2012-07-01T00:00:00.000Z',
});

describe('a corrected decision is re-decided on its date', () => {
  const byAnn = decisionRecorded({ decisionId: 'd1', bodyId: 'pa', personId: 'ann', postId: 'chair' });

  it('refuses a post corrected to one its decision-maker did not hold on that date (not-office-holder)', () => {
    proposal(byAnn)
      .when(correct('given-1', { postId: 'member' }), { refs })
      .thenFails('not-office-holder', /DecisionRecorded\.postId as corrected: ann did not hold post member/);
  });

  it('takes a post corrected to the one held, which makes the entry valid again', () => {
    const wrongPost = decisionRecorded({ decisionId: 'd1', bodyId: 'pa', personId: 'ann', postId: 'member' });
    proposal(wrongPost)
      .when(correct('given-1', { postId: 'chair' }), { refs })
      .then(corrected('given-1', { postId: 'chair' }));
  });

  it('does not hold against a correction what the entry broke already (a typo fixed in its rationale)', () => {
    const wrongPost = decisionRecorded({ decisionId: 'd1', bodyId: 'pa', personId: 'ann', postId: 'member' });
    proposal(wrongPost)
      .when(correct('given-1', { rationale: 'As minuted.' }), { refs })
      .then(corrected('given-1', { rationale: 'As minuted.' }));
  });

  it('refuses an outcome corrected to one that cannot follow the body’s standing decision (already-decided)', () => {
    proposal(
      decisionRecorded({ decisionId: 'd1', bodyId: 'pa' }),
      decisionRecorded({ decisionId: 'd2', bodyId: 'pa', outcome: 'award-contract' }),
    )
      .when(correct('given-2', { outcome: 'approve' }), { refs })
      .thenFails('already-decided', /Police Authority decided to approve/);
  });

  it('refuses a signature or a publication corrected to a date the record could not have', () => {
    const signed = decisionRecorded({
      ...byAnn.data,
      signed: { personId: 'ann', on: '2012-06-02' },
      publishedOn: '2012-06-03',
    });
    proposal(signed)
      .when(correct('given-1', { signed: { personId: 'ann', on: '2012-02-01' } }), { refs })
      .thenFails('decision-before-tabled', /DecisionRecorded\.signed as corrected: Signed on 2012-02-01/);
    proposal(signed)
      .when(correct('given-1', { publishedOn: '2012-06-01' }), { refs })
      .thenFails('invalid-value', /published after it is signed/);
  });
});

describe('a correction leaves every later entry one that could have been recorded after it', () => {
  it('refuses an earlier decision corrected so that a later one cannot follow it (already-decided)', () => {
    proposal(
      decisionRecorded({ decisionId: 'd1', bodyId: 'pa', outcome: 'defer' }),
      decisionRecorded({ decisionId: 'd2', bodyId: 'pa' }),
    )
      .when(correct('given-1', { outcome: 'reject' }), { refs })
      .thenFails('already-decided', /DecisionRecorded given-2 .*could not have been recorded/);
  });

  it('refuses a rejection corrected to another outcome while a discontinuation names it', () => {
    proposal(decisionRecorded({ decisionId: 'd1', bodyId: 'pa', outcome: 'reject' }), discontinued(['d1']))
      .when(correct('given-1', { outcome: 'defer' }), { refs })
      .thenFails('discontinuation-needs-decision', /ProposalDiscontinued given-2/);
  });

  it('refuses a discontinuation corrected to name a decision that was not to reject', () => {
    proposal(
      decisionRecorded({ decisionId: 'd1', bodyId: 'pa' }),
      decisionRecorded({ decisionId: 'd2', bodyId: 'cc', outcome: 'reject' }),
      discontinued(['d2']),
    )
      .when(correct('given-3', { decisionIds: ['d1'] }), { refs })
      .thenFails('discontinuation-needs-decision', /ProposalDiscontinued\.decisionIds as corrected/);
  });
});

describe('a body an entry names is one that existed on its date', () => {
  it('refuses a recommendation corrected to go to a body not yet established (body-not-established)', () => {
    proposal(recommendationIssued({ recommendationId: 'r1', byBodyId: 'jwg', toBodyIds: ['pa'] }))
      .when(correct('given-1', { toBodyIds: ['pa', 'later'] }), { refs })
      .thenFails(
        'body-not-established',
        /RecommendationIssued\.toBodyIds as corrected: Later Body was established on 2013-06-01/,
      );
  });

  it('refuses a withdrawal corrected to a body established after it (body-not-established)', () => {
    proposal(withdrawn)
      .when(correct('given-1', { byBodyId: 'pcc' }), { refs })
      .thenFails('body-not-established', /ProposalWithdrawn\.byBodyId as corrected/);
  });
});
