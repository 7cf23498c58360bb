import type { VotingEvent } from './vote.decider';
import { cast, opened, refs, vote } from '../testing/vote.fixtures';
import { correct, corrected, retract, retracted } from '../testing/corrections.fixtures';

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

  // Counts left stale by a ballot corrected after the closing stay as they are until the closing
  // is corrected; a correction that changes them must give what the ballots give (found by a review:
  // a stale field let a second correction set any counts).
  const stale = { yes: 2, no: 0, abstain: 0, absent: 0, recused: 0 };
  it('refuses stale counts corrected to others the ballots do not give either (correction-invalid-value)', () => {
    vote(...tie, closedWith({ result: 'tied', counts: stale }))
      .when(correct('given-3', { counts: { ...stale, yes: 9 } }), { refs })
      .thenFails('correction-invalid-value', /VoteClosed\.counts cannot be .*"yes":9/);
  });

  it('takes stale counts corrected to what the ballots give', () => {
    const counts = { yes: 1, no: 1, abstain: 0, absent: 0, recused: 0 };
    vote(...tie, closedWith({ result: 'tied', counts: stale }))
      .when(correct('given-3', { counts }), { refs })
      .then(corrected('given-3', { counts }));
  });

  it('refuses a casting vote corrected to someone who did not chair the meeting (not-meeting-chair)', () => {
    vote(...tie, closedWith({ castingVote: { personId: 'ann', option: 'no' } }))
      .when(correct('given-3', { castingVote: { personId: 'bob', option: 'no' } }), { refs })
      .thenFails('not-meeting-chair', /VoteClosed\.castingVote as corrected: bob did not chair the meeting/);
  });
});

describe('a retracted opening, ballot or closing', () => {
  const tie = [opened(), cast('ann', 'yes', 'pa', 'chair'), cast('bob', 'no')];

  it('refuses retracting the opening of a vote that was closed, naming the closing', () => {
    vote(...tie, closedWith({}))
      .when(retract('given-0'), { refs })
      .thenFails(
        'retraction-leaves-dependent',
        /VoteOpened given-0 .*cannot be retracted: VoteClosed given-3 .*\(not-found: Vote v is not recorded\)/,
      );
  });

  it('takes retracting a ballot or a closing that nothing names', () => {
    vote(...tie, closedWith({}))
      .when(retract('given-2'), { refs })
      .then(retracted('given-2'));
    vote(...tie, closedWith({}))
      .when(retract('given-3'), { refs })
      .then(retracted('given-3'));
  });
});

/*
 * An opening's rule and voting bodies are what its ballots were cast under and its closing worked
 * out by: a correction of them is refused when a ballot cast or the closing recorded no longer
 * agrees with them (chosen over refusing every such correction once ballots exist: a rule whose
 * quorum was mistyped, giving the same result, is mended in place).
 */
describe('a corrected opening, once ballots are cast', () => {
  const tie = [opened(), cast('ann', 'yes', 'pa', 'chair'), cast('bob', 'no')];
  const tied = closedWith({ result: 'tied' });
  const majority = (quorum: number) => ({ kind: 'majority', quorum, chairHasCastingVote: true });

  it('refuses a rule corrected to one by which the ballots give another result than the closing’s', () => {
    vote(...tie, tied)
      .when(correct('given-0', { rule: majority(3) }), { refs })
      .thenFails(
        'correction-invalid-value',
        /VoteOpened\.rule as corrected: the closing records result "tied", the ballots give "inquorate" by the opening as corrected; retract the closing/,
      );
  });

  it('refuses voting bodies corrected to leave out a body a ballot was cast for (not-eligible-to-vote)', () => {
    vote(opened(), cast('bob', 'yes'))
      .when(correct('given-0', { votingBodyIds: ['force-a'] }), { refs })
      .thenFails(
        'not-eligible-to-vote',
        /VoteOpened\.votingBodyIds as corrected: ballot given-1 of bob: pa does not take part in this vote/,
      );
  });

  it('refuses voting bodies corrected to add one the closing did not count absent', () => {
    vote(...tie, tied)
      .when(correct('given-0', { votingBodyIds: ['pa', 'force-a'] }), { refs })
      .thenFails(
        'correction-invalid-value',
        /the closing records counts .*"absent":0.*the ballots give .*"absent":1/,
      );
  });

  it('takes a rule corrected where the ballots give the same closing, and any before a ballot', () => {
    vote(...tie, tied)
      .when(correct('given-0', { rule: majority(2) }), { refs })
      .then(corrected('given-0', { rule: majority(2) }));
    vote(opened())
      .when(correct('given-0', { votingBodyIds: ['pa', 'force-a'] }), { refs })
      .then(corrected('given-0', { votingBodyIds: ['pa', 'force-a'] }));
  });

  it('takes the rule corrected once the closing is retracted, and the vote then closes by it', () => {
    const closingRetracted = { type: 'EventRetracted' as const, data: retract('given-3').data };
    vote(...tie, tied, closingRetracted)
      .when(correct('given-0', { rule: majority(3) }), { refs })
      .then(corrected('given-0', { rule: majority(3) }));
    vote(...tie, tied, closingRetracted, ...corrected('given-0', { rule: majority(3) }))
      .when({ type: 'CloseVote', data: { voteEventId: 'v' } }, { refs })
      .then([{ type: 'VoteClosed', data: closedWith({ result: 'inquorate' }).data }]);
  });

  it('does not hold against it what the closing disagreed on already (left by a corrected ballot)', () => {
    vote(...tie, closedWith({ result: 'passed' }))
      .when(correct('given-0', { rule: majority(2) }), { refs })
      .then(corrected('given-0', { rule: majority(2) }));
  });
});
