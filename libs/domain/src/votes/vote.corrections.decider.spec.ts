import type { VotingEvent } from './vote.decider';
import { cast, opened, refs, vote } from '../testing/vote.fixtures';
import { correct, corrected } from '../testing/corrections.fixtures';

/*
 * A corrected ballot is still one its voter could cast: in a post they held on the vote's body
 * that day, with the interest stated when they recused. A corrected closing is still the one the
 * ballots give, with a casting vote only from the chair. Ann chairs the police authority (pa),
 * Bob is a member; the meeting 'held' was chaired by Ann. Given events are 'given-0' (opened),
 * 'given-1', … in order.
 */
const closedWith = (data: Partial<Extract<VotingEvent, { type: 'VoteClosed' }>['data']>) => ({
  type: 'VoteClosed' as const,
  data: {
    voteEventId: 'v',
    counts: { yes: 1, no: 1, abstain: 0, absent: 0, recused: 0 },
    result: 'failed' as const,
    unanimous: false,
    ...data,
  },
  occurredAt: '2012-07-01T00:00:00.000Z',
});

describe('a corrected ballot', () => {
  it('refuses a post corrected to one its voter did not hold (not-office-holder)', () => {
    vote(opened(), cast('bob', 'yes'))
      .when(correct('given-1', { postId: 'chair' }), { refs })
      .thenFails('not-office-holder', /VoteCast\.postId as corrected: bob held member, not chair/);
  });

  it('refuses a recusal corrected in without the interest declared (interest-not-declared)', () => {
    vote(opened(), cast('bob', 'yes'))
      .when(correct('given-1', { option: 'recused' }), { refs })
      .thenFails('interest-not-declared', /VoteCast\.option as corrected/);
  });

  it('takes a ballot corrected after the proposal was decided: casting asks that, a ballot does not', () => {
    vote(opened({ proposalId: 'p-agreed' }), cast('bob', 'yes'))
      .when(correct('given-1', { option: 'no' }), { refs })
      .then(corrected('given-1', { option: 'no' }));
  });
});

describe('a corrected closing', () => {
  const tie = [opened(), cast('ann', 'yes', 'pa', 'chair'), cast('bob', 'no')];

  it('refuses a result corrected to one the ballots do not give (correction-invalid-value)', () => {
    vote(...tie, closedWith({ result: 'tied' }))
      .when(correct('given-3', { result: 'passed' }), { refs })
      .thenFails(
        'correction-invalid-value',
        /VoteClosed\.result cannot be "passed": the ledger works it out as "tied"/,
      );
  });

  it('refuses a casting vote corrected to someone who did not chair the meeting (not-office-holder)', () => {
    vote(...tie, closedWith({ castingVote: { personId: 'ann', option: 'no' } }))
      .when(correct('given-3', { castingVote: { personId: 'bob', option: 'no' } }), { refs })
      .thenFails('not-office-holder', /VoteClosed\.castingVote as corrected: bob did not chair the meeting/);
  });
});
