import type { LedgerCommand } from '../registry';
import { InMemoryLedger, refusalOf } from './in-memory-ledger';

/*
 * A small ledger recorded through the command side (InMemoryLedger runs decideCommand), for the
 * specs of retractions that other records rest on: a police authority (pa) whose chair Ann holds
 * her post from 2010, a scrutiny panel, a meeting of the authority scheduled in May 2012 and held
 * on 1 June 2012, and a proposal for the authority tabled on 1 March 2012. Each spec records what
 * rests on them.
 */

export const NOW = '2013-01-01T00:00:00.000Z';

/** Each command, in order, on its date; the ledger that recorded them. */
export async function recorded(
  steps: ReadonlyArray<readonly [LedgerCommand, string]>,
  ledger = new InMemoryLedger(() => NOW),
): Promise<InMemoryLedger> {
  for (const [command, occurredAt] of steps) await ledger.execute(command, occurredAt);
  return ledger;
}

export const WORLD: ReadonlyArray<readonly [LedgerCommand, string]> = [
  [
    {
      type: 'RegisterBody',
      data: {
        bodyId: 'pa',
        name: 'Police Authority',
        classification: 'police-authority',
        powers: 'decides',
        foundingDate: '2010-01-01',
      },
    },
    '2010-01-01',
  ],
  [
    {
      type: 'RegisterBody',
      data: { bodyId: 'panel', name: 'Panel', classification: 'committee', powers: 'decides' },
    },
    '2010-01-01',
  ],
  [
    { type: 'CreatePost', data: { bodyId: 'pa', postId: 'chair', label: 'Chair', role: 'chair' } },
    '2010-01-01',
  ],
  [{ type: 'RegisterPerson', data: { personId: 'ann', name: 'Ann' } }, '2010-01-01'],
  [
    {
      type: 'AppointOfficeHolder',
      data: {
        bodyId: 'pa',
        membershipId: 'ann-chair',
        postId: 'chair',
        personId: 'ann',
        startDate: '2010-01-01',
      },
    },
    '2010-01-01',
  ],
  [
    {
      type: 'ScheduleMeeting',
      data: { meetingId: 'm', title: 'Authority meeting', bodyIds: ['pa'], scheduledFor: '2012-06-01' },
    },
    '2012-05-01',
  ],
  [{ type: 'RecordMeetingHeld', data: { meetingId: 'm', attendees: [] } }, '2012-06-01'],
  [
    {
      type: 'TableProposal',
      data: {
        proposalId: 'p',
        title: 'Outsource the back office',
        description: 'Support services to a contractor.',
        scope: ['HR'],
        tabledBy: 'pa',
        bodyId: 'pa',
      },
    },
    '2012-03-01',
  ],
];

/** The world above, then `steps`. */
export const world = (...steps: ReadonlyArray<readonly [LedgerCommand, string]>) =>
  recorded([...WORLD, ...steps]);

export const voteOpened = (meetingId = 'm'): readonly [LedgerCommand, string] => [
  {
    type: 'OpenVote',
    data: { voteEventId: 'v', proposalId: 'p', meetingId, question: 'Proceed?', bodyId: 'pa' },
  },
  '2012-06-01',
];

export const decided = (
  data: Partial<Extract<LedgerCommand, { type: 'RecordDecision' }>['data']> = {},
): readonly [LedgerCommand, string] => [
  {
    type: 'RecordDecision',
    data: {
      proposalId: 'p',
      decisionId: 'd1',
      bodyId: 'pa',
      outcome: 'approve',
      rationale: 'Because.',
      ...data,
    },
  },
  '2012-06-01',
];

/** The id of the first entry of `type` in `stream`. */
export function idOf(ledger: InMemoryLedger, stream: string, type: string): string {
  const found = ledger.events(stream).find((e) => e.type === type);
  if (!found) throw new Error(`No ${type} in ${stream}`);
  return found.id;
}

export const retraction = (stream: string, eventId: string) => ({
  type: 'RetractEvent' as const,
  stream,
  data: { eventId, reason: 'Entered in error' },
});

/** Retracts the first entry of `type` in `stream`: the rule it was refused by and what it said, or undefined when taken. */
export async function retracting(
  ledger: InMemoryLedger,
  stream: string,
  type: string,
  at = '2012-12-01',
): Promise<string | undefined> {
  const refused = await refusalOf(() => ledger.execute(retraction(stream, idOf(ledger, stream, type)), at));
  return refused && `${refused.rule}: ${refused.detail}`;
}
