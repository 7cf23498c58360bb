import fc from 'fast-check';
import { proposalDecider } from '../proposals/proposal.decider';
import { proposalTabled } from '../testing/builders';
import { VOTE_OPTIONS, type VoteOption } from '../alliances/decision-rule';
import { voteDecider } from '../votes/vote.decider';
import { fold, foldFurther, type Folded } from './aggregate';
import type { DomainEvent, Recorded } from './decider';

/*
 * Two paths to one state: a stream folded whole, and the same stream folded as it grew (each
 * new tail carried on from the fold before it). The command side takes the second path for
 * every command on a stream it has folded before, so the two must never differ.
 */
const date = fc
  .integer({ min: 0, max: 400 })
  .map((day) => new Date(Date.UTC(2012, 0, 1) + day * 86_400_000).toISOString());

/** What may follow a vote's opening: a ballot, or a correction or retraction of an earlier ballot. */
const voteStep = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({ kind: fc.constant('cast' as const), option: fc.constantFrom(...VOTE_OPTIONS) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('correct' as const),
      target: fc.nat(),
      option: fc.constantFrom(...VOTE_OPTIONS),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('retract' as const), target: fc.nat() }) },
);

type VoteStep = { kind: 'cast' | 'correct' | 'retract'; option?: VoteOption; target?: number };

function voteStream(steps: readonly VoteStep[], dates: string[]): Recorded[] {
  const events: Recorded[] = [
    {
      id: 'e0',
      occurredAt: dates[0],
      type: 'VoteOpened',
      data: {
        voteEventId: 'v',
        proposalId: 'p',
        meetingId: 'm',
        question: 'q',
        bodyId: 'b',
        rule: { kind: 'majority', quorum: 1, chairHasCastingVote: true },
        votingBodyIds: ['b'],
      },
    },
  ];
  steps.forEach((step, i) => {
    const id = `e${i + 1}`;
    const occurredAt = dates[(i + 1) % dates.length];
    const casts = events.filter((e) => e.type === 'VoteCast');
    const target = casts.length > 0 ? casts[(step.target ?? 0) % casts.length].id : undefined;
    if (step.kind === 'cast' || target === undefined)
      events.push({
        id,
        occurredAt,
        type: 'VoteCast',
        data: {
          voteEventId: 'v',
          personId: `person-${i}`,
          bodyId: 'b',
          postId: 'post',
          option: step.option ?? 'yes',
        },
      });
    else if (step.kind === 'correct')
      events.push({
        id,
        occurredAt,
        type: 'EventCorrected',
        data: { eventId: target, reason: 'r', changes: { option: step.option } },
      });
    else events.push({ id, occurredAt, type: 'EventRetracted', data: { eventId: target, reason: 'r' } });
  });
  return events;
}

/** The stream folded as it grew, at the given lengths: each fold carried on from the one before. */
function grown<S>(
  decider: Parameters<typeof fold<S, never, DomainEvent>>[0],
  events: Recorded[],
  cuts: number[],
): Folded<S> {
  let folded = fold(decider, events.slice(0, cuts[0] ?? 0));
  for (const cut of [...cuts.slice(1), events.length]) {
    const next = events.slice(0, cut);
    folded = foldFurther(decider, folded, next) ?? fold(decider, next);
  }
  return folded;
}

/** Grown at `cuts` (those within the stream) or folded whole, the stream folds the same. */
function expectGrownAsWhole<S>(
  decider: Parameters<typeof fold<S, never, DomainEvent>>[0],
  events: Recorded[],
  cuts: number[],
): void {
  const within = cuts.filter((c) => c <= events.length);
  expect(grown(decider, events, within)).toEqual(fold(decider, events));
}

const cutsOf = (length: number) =>
  fc
    .uniqueArray(fc.integer({ min: 1, max: length }), { maxLength: 6 })
    .map((cuts) => cuts.sort((a, b) => a - b));

describe('foldFurther (a stream folded as it grows) against fold (the same stream folded whole)', () => {
  it('gives the same state, dates and revision for any vote, with corrections, cut anywhere', () => {
    fc.assert(
      fc.property(
        fc.array(voteStep, { maxLength: 30 }),
        fc.array(date, { minLength: 1, maxLength: 31 }),
        fc.integer({ min: 1, max: 31 }).chain((length) => cutsOf(length)),
        (steps, dates, cuts) => {
          const events = voteStream(steps, dates);
          expectGrownAsWhole(voteDecider, events, cuts);
        },
      ),
    );
  });

  it('carries a fold on for ballots, and refuses when the new events hold a correction', () => {
    const events = voteStream(
      [
        { kind: 'cast', option: 'yes' },
        { kind: 'cast', option: 'no' },
        { kind: 'retract', target: 0 },
      ],
      ['2012-05-01T00:00:00.000Z'],
    );
    const opened = fold(voteDecider, events.slice(0, 1));
    const twoBallots = foldFurther(voteDecider, opened, events.slice(0, 3));
    expect(twoBallots?.state.votes.map((v) => v.option)).toEqual(['yes', 'no']);
    expect(foldFurther(voteDecider, twoBallots as Folded<never>, events)).toBeUndefined();
  });

  it('refuses events that do not begin with the very events it folded (a copy is not the same stream)', () => {
    const events = voteStream([{ kind: 'cast', option: 'yes' }], ['2012-05-01T00:00:00.000Z']);
    const opened = fold(voteDecider, events.slice(0, 1));
    expect(foldFurther(voteDecider, opened, structuredClone(events))).toBeUndefined();
    expect(foldFurther(voteDecider, opened, events)?.state.votes).toHaveLength(1);
  });

  it('keeps the latest change apart from the latest informational entry (a claim found late)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), date), { maxLength: 12 }), cutsOf(13), (entries, cuts) => {
        const tabled = { ...proposalTabled(), id: 'p0', occurredAt: '2012-01-01T00:00:00.000Z' } as Recorded;
        const events: Recorded[] = [
          tabled,
          ...entries.map(([informational, occurredAt], i) =>
            informational
              ? {
                  id: `p${i + 1}`,
                  occurredAt,
                  type: 'ClaimRecorded',
                  data: {
                    proposalId: 'proposal',
                    claimId: `c${i}`,
                    subject: 'staff-affected',
                    amount: 1000 + i,
                    unit: 'people',
                    qualifier: 'about',
                    claimant: 'a report',
                    statement: 's',
                  },
                }
              : {
                  id: `p${i + 1}`,
                  occurredAt,
                  type: 'ProposalAmended',
                  data: { proposalId: 'proposal', reason: 'r', changes: { description: `v${i}` } },
                },
          ),
        ];
        expectGrownAsWhole(proposalDecider, events, cuts);
      }),
    );
  });
});
