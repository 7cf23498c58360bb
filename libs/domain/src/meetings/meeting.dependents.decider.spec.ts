import { decisionRecorded, meetingScheduled, proposalTabled } from '../testing/builders';
import { retract, retracted } from '../testing/corrections.fixtures';
import { namingRecord, spec } from '../testing/given-when-then';
import { meetingDecider } from './meeting.decider';

/*
 * A meeting's holding (its record of attendance) is what every outcome recorded at it rests on:
 * a vote taken at it, a decision, recommendation, deferral or discontinuation recorded as taken
 * at it, each refused unless the meeting was held. Its retraction is refused while one stands in
 * a record that names the meeting (the namers, which the command side loads for a retraction),
 * naming it. Given events: 'given-0' the scheduling, 'given-1' the holding on 1 June 2012.
 */
const meeting = () =>
  spec(meetingDecider).given([
    meetingScheduled({ meetingId: 'm', bodyIds: ['pa'] }),
    { type: 'MeetingHeld', data: { meetingId: 'm', attendees: [] }, occurredAt: '2012-06-01T00:00:00.000Z' },
  ]);
const voteAt = (meetingId: string) =>
  namingRecord(
    'vote',
    'v',
    [
      {
        type: 'VoteOpened',
        data: {
          voteEventId: 'v',
          proposalId: 'proposal',
          meetingId,
          question: 'Proceed?',
          bodyId: 'pa',
          rule: { kind: 'majority', quorum: 1, chairHasCastingVote: true },
          votingBodyIds: ['pa'],
        },
        occurredAt: '2012-06-01T00:00:00.000Z',
      },
    ],
    'meeting-m',
  );
const proposalWith = (...events: Parameters<typeof namingRecord>[2]) =>
  namingRecord('proposal', 'proposal', [proposalTabled(), ...events], 'meeting-m');

describe('a meeting’s holding retracted while other records rest on it', () => {
  it('is refused while a vote taken at the meeting stands, naming its opening and its record', () => {
    meeting()
      .when(retract('given-1'), { namers: [voteAt('m')] })
      .thenFails(
        'retraction-leaves-dependent',
        /MeetingHeld given-1 of .* cannot be retracted: VoteOpened vote-v-0 of 2012-06-01.* in vote-v was taken at meeting m \(meetingId\); retract or correct that entry first/,
      );
  });

  it('is refused while a decision recorded as taken at it stands, the latest first', () => {
    const proposal = proposalWith(
      decisionRecorded({ decisionId: 'd1', bodyId: 'pa', meetingId: 'm' }),
      decisionRecorded({ decisionId: 'd2', bodyId: 'pa', meetingId: 'm' }, '2012-06-02T00:00:00.000Z'),
    );
    meeting()
      .when(retract('given-1'), { namers: [proposal] })
      .thenFails(
        'retraction-leaves-dependent',
        /cannot be retracted: DecisionRecorded proposal-proposal-2 .* in proposal-proposal was taken at meeting m .*; DecisionRecorded proposal-proposal-1 /,
      );
  });

  it('is taken while what names the meeting does not rest on its holding (an amendment tabled there)', () => {
    const amended = proposalWith({
      type: 'ProposalAmended',
      data: {
        proposalId: 'proposal',
        changes: { title: 'Renamed' },
        reason: 'Moved at the meeting',
        meetingId: 'm',
      },
    });
    expect(amended.naming.map((e) => e.type)).toEqual(['ProposalAmended']);
    meeting()
      .when(retract('given-1'), { namers: [amended] })
      .then(retracted('given-1'));
    meeting().when(retract('given-1')).then(retracted('given-1'));
  });
});
