import { proposalDecider } from '../proposals/proposal.decider';
import {
  aBody,
  aMeeting,
  anAlliance,
  aPerson,
  aProposal,
  bodiesById,
  proposalTabled,
} from '../testing/builders';
import { refsOf, spec } from '../testing/given-when-then';
import { voteDecider } from '../votes/vote.decider';
import { referencesOfState } from '../state-references';

/*
 * What is recorded "at a meeting" (a decision, a recommendation, a deferral, a vote) is done by a
 * body the meeting is of, on the day it was held: a 2024 decision of Zed Council is not taken at
 * a 2013 meeting of the PCCs. An alliance's meeting is of its member bodies too.
 */
const refs = refsOf({
  body: bodiesById(
    aBody({ bodyId: 'pa', holders: [{ personId: 'ann', postId: 'chair' }] }),
    aBody({ bodyId: 'cc' }),
    aBody({ bodyId: 'jwg', powers: 'advises' }),
    aBody({ bodyId: 'zed', name: 'Zed Council', holders: [{ personId: 'zoe', postId: 'leader' }] }),
  ),
  person: { ann: aPerson('ann'), zoe: aPerson('zoe') },
  alliance: { bch: anAlliance({ allianceId: 'bch', memberIds: ['pa', 'cc'] }) },
  meeting: {
    pcc: aMeeting({ meetingId: 'pcc', title: 'The PCCs meet', bodyIds: ['pa'], heldOn: '2013-02-01' }),
    jwg: { ...aMeeting({ meetingId: 'jwg', bodyIds: ['jwg'], heldOn: '2013-02-01' }), allianceId: 'bch' },
  },
  proposal: { p: aProposal(proposalTabled({ proposalId: 'p', bodyId: 'pa', tabledBy: 'pa' }, '2012-03-01')) },
});

const proposal = (tabled = proposalTabled({ bodyId: 'zed', tabledBy: 'zed' }, '2012-03-01')) =>
  spec(proposalDecider).given([tabled]);
const decision = (bodyId: string, meetingId: string) => ({
  type: 'RecordDecision' as const,
  data: {
    proposalId: 'proposal',
    decisionId: 'd',
    bodyId,
    outcome: 'approve' as const,
    inPublic: true,
    meetingId,
    rationale: 'Because.',
  },
});

describe('an entry recorded at a meeting', () => {
  it("refuses a decision by a body the meeting is not of (not-meeting-body), naming the meeting's bodies", () => {
    proposal()
      .when(decision('zed', 'pcc'), { at: '2013-02-01', refs })
      .thenFails(
        'not-meeting-body',
        /Zed Council is not a body of meeting pcc \(The PCCs meet\): it is of pa/,
      );
  });

  it('refuses a decision dated on another day than the meeting was held (not-meeting-day)', () => {
    proposal(proposalTabled({ bodyId: 'pa', tabledBy: 'pa' }, '2012-03-01'))
      .when(decision('pa', 'pcc'), { at: '2024-05-01', refs })
      .thenFails(
        'not-meeting-day',
        /dated 2024-05-01, but meeting pcc \(The PCCs meet\) was held on 2013-02-01/,
      );
  });

  it('accepts a date given less precisely that takes in the day it was held', () => {
    proposal(proposalTabled({ bodyId: 'pa', tabledBy: 'pa' }, '2012-03-01'))
      .when(decision('pa', 'pcc'), { at: '2013-02', refs })
      .then([{ type: 'DecisionRecorded', data: decision('pa', 'pcc').data }]);
  });

  it("accepts, at an alliance's meeting, a member of the alliance the meeting does not list", () => {
    const tabled = proposalTabled({ bodyId: undefined, tabledBy: 'jwg', allianceId: 'bch' }, '2012-03-01');
    proposal(tabled)
      .when(decision('cc', 'jwg'), { at: '2013-02-01', refs })
      .then([{ type: 'DecisionRecorded', data: decision('cc', 'jwg').data }]);
  });

  it('refuses a recommendation or a deferral by a body the meeting is not of (not-meeting-body)', () => {
    const tabled = proposalTabled({ bodyId: undefined, tabledBy: 'jwg', allianceId: 'bch' }, '2012-03-01');
    proposal(tabled)
      .when(
        {
          type: 'IssueRecommendation',
          data: {
            proposalId: 'proposal',
            recommendationId: 'r',
            byBodyId: 'zed',
            toBodyIds: [],
            content: 'proceed',
            rationale: 'Advice.',
            meetingId: 'pcc',
          },
        },
        { at: '2013-02-01', refs },
      )
      .thenFails('not-meeting-body');
    proposal()
      .when(
        {
          type: 'DeferProposal',
          data: { proposalId: 'proposal', byBodyId: 'zed', reason: 'later', meetingId: 'pcc' },
        },
        { at: '2013-02-01', refs },
      )
      .thenFails('not-meeting-body');
  });

  it('refuses a vote opened by a body the meeting is not of, or on another day', () => {
    const open = (bodyId: string) => ({
      type: 'OpenVote' as const,
      data: { voteEventId: 'v', proposalId: 'p', meetingId: 'pcc', question: 'Agree?', bodyId },
    });
    spec(voteDecider).given([]).when(open('zed'), { at: '2013-02-01', refs }).thenFails('not-meeting-body');
    spec(voteDecider).given([]).when(open('pa'), { at: '2013-02-02', refs }).thenFails('not-meeting-day');
  });
});

describe('what an alliance’s meeting names', () => {
  it('names its alliance, so that a member acting at it is found whatever the command loads', () => {
    const meeting = {
      ...aMeeting({ meetingId: 'jwg', bodyIds: ['jwg'], heldOn: '2013-02-01' }),
      allianceId: 'bch',
    };
    expect(referencesOfState('meeting', meeting)).toContainEqual({ kind: 'alliance', id: 'bch' });
  });
});
