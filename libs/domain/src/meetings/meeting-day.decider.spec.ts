import { proposalDecider } from '../proposals/proposal.decider';
import { aBody, aMeeting, aPerson, aProposal, bodiesById, proposalTabled } from '../testing/builders';
import { refsOf, spec } from '../testing/given-when-then';
import { voteDecider } from '../votes/vote.decider';

/*
 * What is recorded at a meeting is dated the day it was held (not-meeting-day; an entry dated
 * before that day meets meeting-not-held). The day is the calendar day the clerk wrote: a plain
 * date is that day, and a date-time with its offset names its own day, the date part as written
 * (2012-06-10T00:30:00+01:00 is the 10th, though it is the 9th in UTC). The meeting's own day,
 * the date of its holding as stored, is read the same way.
 */
const meetings = {
  // Held on 10 June 2012, a plain date.
  june10: aMeeting({ meetingId: 'june10', bodyIds: ['pa'], heldOn: '2012-06-10' }),
  // Held in the evening, British Summer Time.
  evening: aMeeting({ meetingId: 'evening', bodyIds: ['pa'], heldOn: '2012-06-10T19:00:00+01:00' }),
};
const refs = refsOf({
  body: bodiesById(aBody({ bodyId: 'pa', holders: [{ personId: 'ann', postId: 'chair' }] })),
  person: { ann: aPerson('ann') },
  meeting: meetings,
  proposal: { p: aProposal(proposalTabled({ proposalId: 'p', bodyId: 'pa', tabledBy: 'pa' }, '2012-03-01')) },
});

const decision = (meetingId: keyof typeof meetings) => ({
  type: 'RecordDecision' as const,
  data: {
    proposalId: 'proposal',
    decisionId: 'd',
    bodyId: 'pa',
    outcome: 'approve' as const,
    inPublic: true,
    meetingId,
    rationale: 'Because.',
  },
});
const decide = (meetingId: keyof typeof meetings, at: string) =>
  spec(proposalDecider)
    .given([proposalTabled({ bodyId: 'pa', tabledBy: 'pa' }, '2012-03-01')])
    .when(decision(meetingId), { at, refs });
const openVote = (at: string) =>
  spec(voteDecider)
    .given([])
    .when(
      {
        type: 'OpenVote',
        data: { voteEventId: 'v', proposalId: 'p', meetingId: 'june10', question: 'Agree?', bodyId: 'pa' },
      },
      { at, refs },
    );

describe('the day of an entry at a meeting is the calendar day as the clerk gave it', () => {
  it.each([
    ['a date-time just after midnight, an hour ahead of UTC (the 9th in UTC)', '2012-06-10T00:30:00+01:00'],
    ['a date-time late in the evening, two hours behind UTC (the 11th in UTC)', '2012-06-10T23:30:00-02:00'],
    ['the day itself', '2012-06-10'],
  ])('takes %s, at a meeting held on 2012-06-10', (_, at) => {
    decide('june10', at).then([{ type: 'DecisionRecorded', data: decision('june10').data }]);
  });

  it('refuses the evening before, in UTC (meeting-not-held)', () => {
    decide('june10', '2012-06-09T23:30:00Z').thenFails(
      'meeting-not-held',
      /has not been held by 2012-06-09T23:30:00Z/,
    );
  });

  it('refuses just after midnight of the next day, an hour ahead of UTC (not-meeting-day)', () => {
    decide('june10', '2012-06-11T00:10:00+01:00').thenFails(
      'not-meeting-day',
      /dated 2012-06-11T00:10:00\+01:00, but meeting june10 .* was held on 2012-06-10/,
    );
  });

  it('judges a vote opened at the meeting alike', () => {
    openVote('2012-06-10T23:30:00-02:00').then([
      { type: 'VoteOpened', data: expect.objectContaining({ voteEventId: 'v', meetingId: 'june10' }) },
    ]);
    openVote('2012-06-11T00:10:00+01:00').thenFails('not-meeting-day');
  });

  it("reads the meeting's own day by its date as written, when its holding is dated with a time", () => {
    // Held at 19:00 BST, stored as the store writes a time: 2012-06-10T18:00:00.000Z.
    decide('evening', '2012-06-10T23:30:00-02:00').then([
      { type: 'DecisionRecorded', data: decision('evening').data },
    ]);
    decide('evening', '2012-06-11T00:10:00+01:00').thenFails(
      'not-meeting-day',
      /was held on 2012-06-10T18:00:00.000Z/,
    );
  });
});
