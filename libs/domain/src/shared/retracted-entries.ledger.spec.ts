import type { Recorded } from './decider';
import { decisionRecorded, meetingScheduled, proposalTabled } from '../testing/builders';
import { InMemoryLedger, refusalOf } from '../testing/in-memory-ledger';

/*
 * Through the command side (decideCommand): a retraction is refused when an entry still standing
 * names the one retracted, in its own record (re-decided without it) or in a record that names
 * the retracted entry's record (a vote's proposal, whose decision names the vote that carried
 * it), named with its stream. The clerk retracts or corrects the naming entry first, then the
 * retraction is taken.
 */
const stored = (stream: string, events: Array<{ type: string; data: unknown }>): [string, Recorded[]] => [
  stream,
  events.map((e, i) => ({ ...e, id: `${stream}-${i}`, occurredAt: '2012-06-01T00:00:00.000Z' })),
];
const opened = {
  type: 'VoteOpened',
  data: {
    voteEventId: 'v',
    proposalId: 'proposal',
    meetingId: 'm',
    question: 'Proceed?',
    rule: { kind: 'majority', quorum: 1, chairHasCastingVote: false },
    votingBodyIds: ['pa'],
  },
};
const closed = {
  type: 'VoteClosed',
  data: {
    voteEventId: 'v',
    counts: { yes: 0, no: 0, abstain: 0, absent: 1, recused: 0 },
    result: 'inquorate',
    unanimous: false,
  },
};

function ledger(): InMemoryLedger {
  const l = new InMemoryLedger(() => '2013-01-01T00:00:00.000Z');
  for (const [stream, events] of [
    stored('meeting-m', [meetingScheduled({ meetingId: 'm', bodyIds: ['pa'] })]),
    stored('vote-v', [opened, closed]),
    stored('proposal-proposal', [
      proposalTabled(),
      decisionRecorded({ decisionId: 'd1', bodyId: 'pa', outcome: 'reject', voteEventId: 'v' }),
    ]),
  ])
    l.streams.set(stream, events);
  return l;
}

const retraction = (stream: string, eventId: string) => ({
  type: 'RetractEvent' as const,
  stream,
  data: { eventId, reason: 'Entered in error' },
});
/** The rule a command was refused by, and what it said. */
const refusal = async (run: () => Promise<unknown>) => {
  const refused = await refusalOf(run);
  return refused && `${refused.rule}: ${refused.detail}`;
};

describe('a retraction through the command side', () => {
  it('refuses retracting a vote’s closing, or its opening, while a decision names the vote', async () => {
    const l = ledger();
    for (const eventId of ['vote-v-1', 'vote-v-0'])
      expect(await refusal(() => l.execute(retraction('vote-v', eventId), '2012-09-01'))).toMatch(
        /^retraction-leaves-dependent: Vote.* cannot be retracted: DecisionRecorded proposal-proposal-1 of 2012-06-01T00:00:00.000Z in proposal-proposal names vote v as the vote that carried it \(voteEventId\); retract or correct that entry first/,
      );
  });

  it('takes it once the decision naming the vote is retracted', async () => {
    const l = ledger();
    await l.execute(retraction('proposal-proposal', 'proposal-proposal-1'), '2012-09-01');
    expect(await refusal(() => l.execute(retraction('vote-v', 'vote-v-1'), '2012-09-02'))).toBeUndefined();
  });
});
