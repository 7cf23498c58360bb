import type { Recorded } from '../shared/decider';
import { decisionRecorded, meetingScheduled, proposalTabled } from '../testing/builders';
import { InMemoryLedger, refusalOf } from '../testing/in-memory-ledger';

/*
 * Through the command side (decideCommand): what a rule about a decision's vote reads must be
 * loaded with it. A document names its proposal, a correction its own stream; the decision's vote,
 * and the vote's meeting, are found from there (registry.ts, referencesOfState).
 */
const stored = (stream: string, events: Array<{ type: string; data: unknown }>): [string, Recorded[]] => [
  stream,
  events.map((e, i) => ({ ...e, id: `${stream}-${i}`, occurredAt: '2012-06-01T00:00:00.000Z' })),
];

function ledger(): InMemoryLedger {
  const ledger = new InMemoryLedger(() => '2013-01-01T00:00:00.000Z');
  for (const [stream, events] of [
    stored('meeting-closed', [meetingScheduled({ meetingId: 'closed', bodyIds: ['pa'], public: false })]),
    stored('vote-v', [
      {
        type: 'VoteOpened',
        data: {
          voteEventId: 'v',
          proposalId: 'proposal',
          meetingId: 'closed',
          question: 'Proceed?',
          rule: { kind: 'unanimity' },
          votingBodyIds: ['pa'],
        },
      },
    ]),
    stored('proposal-proposal', [
      proposalTabled(),
      decisionRecorded({ decisionId: 'd1', bodyId: 'pa', inPublic: undefined, voteEventId: 'v' }),
    ]),
  ])
    ledger.streams.set(stream, events);
  return ledger;
}

/** The rule a command was refused by. */
const refusal = async (run: () => Promise<unknown>) => (await refusalOf(run))?.rule;

describe('a decision carried by a vote at a private meeting, through the command side', () => {
  it('keeps its document exempt', async () => {
    const notice = {
      documentId: 'notice',
      title: 'Decision notice',
      kind: 'decision-notice' as const,
      mediaType: 'application/pdf',
      sha256: 'a'.repeat(64),
      size: 10,
      publishedAt: '2012-09-01',
      proposalId: 'proposal',
      decisionId: 'd1',
    };
    const l = ledger();
    expect(
      await refusal(() =>
        l.execute({ type: 'RecordDocument', data: { ...notice, visibility: 'public' } }, '2012-09-01'),
      ),
    ).toBe('document-must-be-exempt');
    await l.execute(
      { type: 'RecordDocument', data: { ...notice, visibility: 'exempt', exemptParagraph: 3 } },
      '2012-09-01',
    );
  });

  it('refuses a correction that says it was taken in public', async () => {
    const correction = (inPublic: boolean) => ({
      type: 'CorrectEvent' as const,
      stream: 'proposal-proposal',
      data: { eventId: 'proposal-proposal-1', reason: 'The minutes', changes: { inPublic } },
    });
    const l = ledger();
    expect(await refusal(() => l.execute(correction(true), '2012-09-01'))).toBe('private-decision-in-public');
    await l.execute(correction(false), '2012-09-01');
  });
});
