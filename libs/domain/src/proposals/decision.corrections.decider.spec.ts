import type { References } from '../shared/decider';
import { decisionRecorded } from '../testing/builders';
import { proposal, refs } from '../testing/proposal.fixtures';
import type { VoteEventState } from '../votes/vote.decider';
import { correct, corrected } from '../testing/corrections.fixtures';

/*
 * A correction's values are each checked alone (fieldValues); the rules of a decision that span
 * its fields are run again on the decision as the correction leaves it, by the same functions as
 * when it is recorded. Given events are 'given-0' (the tabling), 'given-1', … in order.
 */
const privateVote = {
  exists: true,
  voteEventId: 'v-private',
  proposalId: 'proposal',
  meetingId: 'private',
  votingBodyIds: ['pa'],
  votes: [],
} as unknown as VoteEventState;
const withVote: References = {
  get: (kind, id) => (kind === 'vote' && id === 'v-private' ? privateVote : refs.get(kind, id)) as never,
};

const approved = decisionRecorded({ decisionId: 'd1', bodyId: 'pa', inPublic: undefined });
const rejected = decisionRecorded({ decisionId: 'd2', bodyId: 'pa', outcome: 'reject' });
const rescinded = decisionRecorded({
  decisionId: 'd3',
  bodyId: 'pa',
  outcome: 'rescind',
  undoesDecisionId: 'd1',
});

describe('a corrected decision still keeps the rules that span its fields', () => {
  it('refuses an outcome corrected to a rescission that names no decision (undo-needs-decision)', () => {
    for (const outcome of ['rescind', 'revoke'])
      proposal(approved, rejected)
        .when(correct('given-2', { outcome }), { refs })
        .thenFails('undo-needs-decision', /No decision is not a standing decision/);
  });

  it('takes a decision found to have rescinded another: the outcome and the decision it undoes, together', () => {
    const changes = { outcome: 'rescind', undoesDecisionId: 'd1' };
    proposal(approved, rejected)
      .when(correct('given-2', changes), { refs })
      .then(corrected('given-2', changes));
  });

  it('refuses a rescission corrected to another outcome while it still undoes a decision (invalid-value)', () => {
    proposal(approved, rescinded)
      .when(correct('given-2', { outcome: 'reject' }), { refs })
      .thenFails('invalid-value', /Only a rescission or revocation undoes a decision/);
  });

  it('takes a rescission corrected to a revocation, and a correction of its rationale', () => {
    proposal(approved, rescinded)
      .when(correct('given-2', { outcome: 'revoke' }), { refs })
      .then(corrected('given-2', { outcome: 'revoke' }));
    proposal(approved, rescinded)
      .when(correct('given-2', { rationale: 'As the minutes say.' }), { refs })
      .then(corrected('given-2', { rationale: 'As the minutes say.' }));
  });

  it('refuses an approval in principle corrected to a rejection (invalid-value)', () => {
    proposal(decisionRecorded({ decisionId: 'd1', bodyId: 'pa', stage: 'in-principle' }))
      .when(correct('given-1', { outcome: 'reject' }), { refs })
      .thenFails('invalid-value', /Only an approval can be given in principle/);
  });

  it('refuses inPublic corrected to true for a decision at a private meeting (private-decision-in-public)', () => {
    proposal(decisionRecorded({ decisionId: 'd1', bodyId: 'pa', inPublic: undefined, meetingId: 'private' }))
      .when(correct('given-1', { inPublic: true }), { refs })
      .thenFails('private-decision-in-public', /meeting private/);
  });

  it('refuses inPublic corrected to true for a decision carried by a vote at a private meeting', () => {
    proposal(decisionRecorded({ decisionId: 'd1', bodyId: 'pa', inPublic: false, voteEventId: 'v-private' }))
      .when(correct('given-1', { inPublic: true }), { refs: withVote })
      .thenFails('private-decision-in-public', /vote v-private/);
  });

  it('takes its publicity corrected to private, or to not stated', () => {
    const atPrivate = decisionRecorded({
      decisionId: 'd1',
      bodyId: 'pa',
      meetingId: 'private',
      inPublic: false,
    });
    for (const inPublic of [false, null])
      proposal(atPrivate)
        .when(correct('given-1', { inPublic }), { refs })
        .then(corrected('given-1', { inPublic }));
  });
});
