import type { DecisionRule, VoteOption } from '../alliances/decision-rule';
import type { References } from '../shared/decider';
import { aMeeting, decisionRecorded, folded } from '../testing/builders';
import { correct, corrected } from '../testing/corrections.fixtures';
import { proposal, refs } from '../testing/proposal.fixtures';
import { voteDecider, type VoteEventState, type VotingEvent } from '../votes/vote.decider';
import { closingOf } from '../votes/vote.rules';
import type { DecisionOutcome } from './proposal.events';

/*
 * A decision that names the vote that carried it agrees with that vote: it is on the same
 * proposal, was taken at the decision's meeting when the decision names one, and its result
 * carries the decision's outcome (decision-vote.rules.ts). The proposal fixtures' world: the
 * alliance proposal 'proposal' (Outsource the back office), the police authority 'pa' and chief
 * constable 'cc', the public meeting 'held' of 1 August 2012; here with a second meeting, and
 * votes folded from the entries the vote decider writes, closed as closing works them out.
 */

const MAJORITY: DecisionRule = { kind: 'majority', quorum: 1, chairHasCastingVote: true };

interface VoteSpec {
  proposalId?: string;
  meetingId?: string;
  rule?: DecisionRule;
  ballots: Array<[personId: string, option: VoteOption, bodyId?: string]>;
  castingVote?: 'yes' | 'no';
  open?: boolean;
}

/** A vote's state from its opening, its ballots and (unless open) its closing. */
function aVote(voteEventId: string, spec: VoteSpec): VoteEventState {
  const rule = spec.rule ?? MAJORITY;
  const at = { occurredAt: '2012-08-01T00:00:00.000Z' };
  const entries: VotingEvent[] = [
    {
      type: 'VoteOpened',
      data: {
        voteEventId,
        proposalId: spec.proposalId ?? 'proposal',
        meetingId: spec.meetingId ?? 'held',
        question: 'Shall the authority proceed?',
        bodyId: 'pa',
        rule,
        votingBodyIds: [...new Set(spec.ballots.map(([, , bodyId = 'pa']) => bodyId))],
      },
    },
    ...spec.ballots.map(([personId, option, bodyId = 'pa']): VotingEvent => ({
      type: 'VoteCast',
      data: { voteEventId, personId, bodyId, postId: 'member', option },
    })),
  ];
  const ballotsIn = folded(
    voteDecider,
    entries.map((e) => ({ ...e, ...at })),
  );
  if (spec.open) return ballotsIn;
  const casting = spec.castingVote ? { personId: 'ann', option: spec.castingVote } : undefined;
  return folded(voteDecider, [
    ...entries.map((e) => ({ ...e, ...at })),
    { type: 'VoteClosed', data: closingOf(ballotsIn, casting), ...at },
  ]);
}

const votes: Record<string, VoteEventState> = {
  'v-passed': aVote('v-passed', {
    ballots: [
      ['ann', 'yes'],
      ['bob', 'yes'],
    ],
  }),
  'v-failed': aVote('v-failed', {
    ballots: [
      ['ann', 'no'],
      ['bob', 'no'],
    ],
  }),
  'v-tied': aVote('v-tied', {
    rule: { kind: 'majority', quorum: 1, chairHasCastingVote: false },
    ballots: [
      ['ann', 'yes'],
      ['bob', 'no'],
    ],
  }),
  'v-casting-yes': aVote('v-casting-yes', {
    ballots: [
      ['ann', 'yes'],
      ['bob', 'no'],
    ],
    castingVote: 'yes',
  }),
  'v-casting-no': aVote('v-casting-no', {
    ballots: [
      ['ann', 'yes'],
      ['bob', 'no'],
    ],
    castingVote: 'no',
  }),
  'v-inquorate': aVote('v-inquorate', {
    rule: { kind: 'majority', quorum: 3, chairHasCastingVote: true },
    ballots: [
      ['ann', 'yes'],
      ['bob', 'yes'],
    ],
  }),
  'v-each': aVote('v-each', {
    rule: { kind: 'each-member' },
    ballots: [
      ['ann', 'yes', 'pa'],
      ['carl', 'no', 'cc'],
    ],
  }),
  'v-open': aVote('v-open', { ballots: [['ann', 'yes']], open: true }),
  'v-second': aVote('v-second', { meetingId: 'second', ballots: [['ann', 'yes']] }),
  'v-other': aVote('v-other', { proposalId: 'other', ballots: [['ann', 'yes']] }),
};
const second = aMeeting({ meetingId: 'second', bodyIds: ['pa', 'cc'], heldOn: '2012-07-15' });
/** The fixtures' world, with the votes and the second meeting. */
const withVotes: References = {
  get: (kind, id) => {
    if (kind === 'vote') return votes[id] as never;
    if (kind === 'meeting' && id === 'second') return second as never;
    return refs.get(kind, id);
  },
};

const decision = (outcome: DecisionOutcome, voteEventId: string, more: Record<string, unknown> = {}) => ({
  proposalId: 'proposal',
  decisionId: 'd-pa',
  bodyId: 'pa',
  outcome,
  inPublic: true,
  meetingId: 'held',
  rationale: 'As the vote went.',
  voteEventId,
  ...more,
});
const record = (data: ReturnType<typeof decision>) => ({ type: 'RecordDecision' as const, data });

describe('a decision agrees with the result of the vote it names (decision-contradicts-vote)', () => {
  it.each([
    ['approve', 'v-passed'],
    ['approve', 'v-casting-yes'],
    ['reject', 'v-failed'],
    ['reject', 'v-casting-no'],
    // A motion may be put either way: one to reject that passed, or one to proceed lost on a tie.
    ['reject', 'v-passed'],
    ['reject', 'v-tied'],
  ] as const)('records %s carried by %s', (outcome, voteEventId) => {
    const data = decision(outcome, voteEventId);
    proposal()
      .when(record(data), { refs: withVotes })
      .then([{ type: 'DecisionRecorded', data }]);
  });

  it.each([
    ['approve', 'v-failed', 'failed'],
    ['approve', 'v-tied', 'tied'],
    ['approve', 'v-inquorate', 'inquorate'],
    ['reject', 'v-inquorate', 'inquorate'],
  ] as const)(
    'refuses %s carried by %s, naming the vote, its result and the outcome',
    (outcome, id, result) => {
      proposal()
        .when(record(decision(outcome, id)), { refs: withVotes })
        .thenFails(
          'decision-contradicts-vote',
          new RegExp(
            `^Vote ${id} closed with result "${result}", which cannot carry decision d-pa to ${outcome} `,
          ),
        );
    },
  );

  it('holds the steps that do what was moved to a vote that passed: an award, a rescission', () => {
    proposal()
      .when(record(decision('award-contract', 'v-failed')), { refs: withVotes })
      .thenFails(
        'decision-contradicts-vote',
        /result "failed", which cannot carry decision d-pa to award-contract/,
      );
    proposal(decisionRecorded({ decisionId: 'd-first', bodyId: 'pa', outcome: 'approve' }))
      .when(record(decision('rescind', 'v-tied', { undoesDecisionId: 'd-first' })), { refs: withVotes })
      .thenFails('decision-contradicts-vote', /result "tied", which cannot carry decision d-pa to rescind/);
  });

  it.each(['v-passed', 'v-failed', 'v-tied', 'v-inquorate'])(
    'records a deferral after a vote of any result (%s): it decides nothing on the proposal',
    (voteEventId) => {
      const data = decision('defer', voteEventId);
      proposal()
        .when(record(data), { refs: withVotes })
        .then([{ type: 'DecisionRecorded', data }]);
    },
  );

  it("reads a vote where each member decides for itself by the deciding body's own ballots", () => {
    const byPa = decision('approve', 'v-each');
    proposal()
      .when(record(byPa), { refs: withVotes })
      .then([{ type: 'DecisionRecorded', data: byPa }]);
    proposal()
      .when(record(decision('approve', 'v-each', { bodyId: 'cc', decisionId: 'd-cc' })), { refs: withVotes })
      .thenFails(
        'decision-contradicts-vote',
        /Vote v-each closed with result "per-member" \(cc's own ballots: failed\), which cannot carry decision d-cc to approve/,
      );
  });

  it('refuses a vote still open (invalid-value), and one not recorded (not-found)', () => {
    proposal()
      .when(record(decision('approve', 'v-open')), { refs: withVotes })
      .thenFails('invalid-value', /Vote v-open is still open/);
    proposal()
      .when(record(decision('approve', 'v-none')), { refs: withVotes })
      .thenFails('not-found', /^Vote v-none is not recorded /);
  });
});

describe('a decision names a vote of its own meeting and proposal', () => {
  it('refuses a vote taken at another meeting than the one it names, naming both (vote-at-another-meeting)', () => {
    proposal()
      .when(record(decision('approve', 'v-second')), { refs: withVotes })
      .thenFails(
        'vote-at-another-meeting',
        /^Vote v-second was taken at meeting second, not at meeting held where decision d-pa was taken /,
      );
  });

  it('records a decision naming no meeting with a vote taken at one, and gives it none', () => {
    const { meetingId: _none, ...data } = decision('approve', 'v-second');
    proposal()
      .when(record(data as ReturnType<typeof decision>), { refs: withVotes })
      .then([{ type: 'DecisionRecorded', data }]);
  });

  it('refuses a vote on another proposal, naming both (vote-on-another-proposal), not as unrecorded', () => {
    proposal()
      .when(record(decision('approve', 'v-other')), { refs: withVotes })
      .thenFails(
        'vote-on-another-proposal',
        /^Vote v-other is a vote on proposal other, not on Outsource the back office \(proposal proposal\) /,
      );
  });
});

describe('a corrected decision is held to its vote as when it was recorded', () => {
  const at = '2012-08-01T00:00:00.000Z';
  const carried = (more: Record<string, unknown> = {}) =>
    decisionRecorded(
      { decisionId: 'd-pa', bodyId: 'pa', meetingId: 'held', voteEventId: 'v-passed', ...more },
      at,
    );

  it('refuses an outcome corrected against its vote (decision-contradicts-vote)', () => {
    proposal(carried({ voteEventId: 'v-failed', outcome: 'reject' }))
      .when(correct('given-1', { outcome: 'approve' }), { refs: withVotes })
      .thenFails(
        'decision-contradicts-vote',
        /DecisionRecorded\.outcome as corrected: Vote v-failed closed with result "failed", which cannot carry decision d-pa to approve/,
      );
  });

  it('takes an outcome corrected to one its vote carries: a deferral found to have been an approval', () => {
    proposal(carried({ outcome: 'defer' }))
      .when(correct('given-1', { outcome: 'approve' }), { refs: withVotes })
      .then(corrected('given-1', { outcome: 'approve' }));
  });

  it('leaves the vote and the meeting as recorded: they identify the record, and are not corrected', () => {
    for (const changes of [{ voteEventId: 'v-failed' }, { meetingId: 'second' }])
      proposal(carried())
        .when(correct('given-1', changes), { refs: withVotes })
        .thenFails('invalid-value', /identifies the record and cannot be corrected/);
  });

  it('still mends the typing of a decision recorded against its vote before the rule', () => {
    proposal(carried({ outcome: 'approve', voteEventId: 'v-failed' }))
      .when(correct('given-1', { rationale: 'As the minutes say.' }), { refs: withVotes })
      .then(corrected('given-1', { rationale: 'As the minutes say.' }));
  });
});
