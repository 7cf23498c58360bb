import { aBody, aMeeting, aProposal, bodiesById, meetingScheduled } from '../testing/builders';
import { refsOf, spec } from '../testing/given-when-then';
import { heldMeeting, meetingDecider } from './meeting.decider';
import type { MeetingEvent } from './meeting.events';

const pccCambs = aBody({
  bodyId: 'pcc-cambs',
  foundingDate: '2012-11-22',
  holders: [{ personId: 'graham-bright', postId: 'commissioner', startDate: '2012-11-22' }],
});
const pccHerts = aBody({
  bodyId: 'pcc-herts',
  foundingDate: '2012-11-22',
  holders: [{ personId: 'david-lloyd', postId: 'commissioner', startDate: '2012-11-22' }],
});
const paHerts = aBody({ bodyId: 'pa-herts', abolished: { on: '2012-11-22', successorId: 'pcc-herts' } });
const refs = refsOf({ body: bodiesById(pccCambs, pccHerts, paHerts), proposal: { g4s: aProposal() } });

const SCHEDULED_AT = '2013-01-20T00:00:00.000Z';
const MEETING_DAY = '2013-01-31T00:00:00.000Z';
const scheduled = meetingScheduled({
  meetingId: 'pcc-meeting',
  title: 'PCCs of the alliance',
  bodyIds: ['pcc-cambs', 'pcc-herts'],
  heldOn: '2013-01-31',
  scheduledAt: SCHEDULED_AT,
});
const held: MeetingEvent & { occurredAt: string } = {
  type: 'MeetingHeld',
  data: { meetingId: 'pcc-meeting', attendees: [] },
  occurredAt: MEETING_DAY,
};
const cancelled: MeetingEvent & { occurredAt: string } = {
  type: 'MeetingCancelled',
  data: { meetingId: 'pcc-meeting', reason: 'snow' },
  occurredAt: SCHEDULED_AT,
};

const meeting = (...events: Array<MeetingEvent & { occurredAt?: string }>) =>
  spec(meetingDecider).given([scheduled, ...events]);

describe('meeting decider', () => {
  describe('ScheduleMeeting', () => {
    it('schedules a meeting held jointly by several bodies', () => {
      spec(meetingDecider)
        .given([])
        .when({ type: 'ScheduleMeeting', data: scheduled.data }, { at: SCHEDULED_AT, refs })
        .then([{ type: 'MeetingScheduled', data: scheduled.data }]);
    });

    it('refuses to schedule it twice (already-exists)', () => {
      meeting()
        .when({ type: 'ScheduleMeeting', data: scheduled.data }, { at: SCHEDULED_AT, refs })
        .thenFails('already-exists');
    });

    it('refuses a meeting held by no body (invalid-value)', () => {
      spec(meetingDecider)
        .given([])
        .when(
          { type: 'ScheduleMeeting', data: { ...scheduled.data, bodyIds: [] } },
          { at: SCHEDULED_AT, refs },
        )
        .thenFails('invalid-value', /at least one body/);
    });

    it('refuses a body that is not registered (not-found)', () => {
      spec(meetingDecider)
        .given([])
        .when(
          { type: 'ScheduleMeeting', data: { ...scheduled.data, bodyIds: ['pcc-cambs', 'ghost'] } },
          { at: SCHEDULED_AT, refs },
        )
        .thenFails('not-found', /Body ghost/);
    });

    it('refuses a meeting of a body after it was abolished (body-abolished)', () => {
      spec(meetingDecider)
        .given([])
        .when(
          { type: 'ScheduleMeeting', data: { ...scheduled.data, bodyIds: ['pa-herts'] } },
          { at: SCHEDULED_AT, refs },
        )
        .thenFails('body-abolished', /successor is pcc-herts/);
    });

    it('refuses a meeting of a body before it was established (body-not-established)', () => {
      spec(meetingDecider)
        .given([])
        .when({ type: 'ScheduleMeeting', data: scheduled.data }, { at: '2012-08-01', refs })
        .thenFails('body-not-established');
    });
  });

  describe('any later command', () => {
    it('refuses a meeting that is not recorded (not-found)', () => {
      spec(meetingDecider)
        .given([])
        .when(
          { type: 'CancelMeeting', data: { meetingId: 'pcc-meeting', reason: 'x' } },
          { at: MEETING_DAY, refs },
        )
        .thenFails('not-found');
    });

    it.each([
      [
        'PostponeMeeting',
        { type: 'PostponeMeeting' as const, data: { meetingId: 'pcc-meeting', reason: 'x' } },
      ],
      ['CancelMeeting', { type: 'CancelMeeting' as const, data: { meetingId: 'pcc-meeting', reason: 'x' } }],
      [
        'AddAgendaItem',
        {
          type: 'AddAgendaItem' as const,
          data: { meetingId: 'pcc-meeting', itemId: 'i', title: 'x', exempt: false },
        },
      ],
      [
        'RecordMeetingHeld',
        { type: 'RecordMeetingHeld' as const, data: { meetingId: 'pcc-meeting', attendees: [] } },
      ],
      [
        'ApproveMinutes',
        { type: 'ApproveMinutes' as const, data: { meetingId: 'pcc-meeting', minutesReference: 'M1' } },
      ],
    ])('refuses %s on a cancelled meeting (meeting-cancelled)', (_name, command) => {
      meeting(cancelled)
        .when(command, { at: MEETING_DAY, refs })
        .thenFails('meeting-cancelled', /PCCs of the alliance was cancelled/);
    });
  });

  describe('PostponeMeeting', () => {
    it('postpones to a new date', () => {
      const data = { meetingId: 'pcc-meeting', reason: 'snow', newDate: '2013-02-07' };
      meeting()
        .when({ type: 'PostponeMeeting', data }, { at: '2013-01-25', refs })
        .then([{ type: 'MeetingPostponed', data }]);
    });

    it('refuses to postpone a meeting already held (meeting-already-held)', () => {
      meeting(held)
        .when(
          { type: 'PostponeMeeting', data: { meetingId: 'pcc-meeting', reason: 'x' } },
          { at: MEETING_DAY, refs },
        )
        .thenFails('meeting-already-held');
    });

    it('folds the new date into the state', () => {
      const state = meeting({
        type: 'MeetingPostponed',
        data: { meetingId: 'pcc-meeting', reason: 'snow', newDate: '2013-02-07' },
      }).state();
      expect(state).toMatchObject({ status: 'postponed', scheduledFor: '2013-02-07' });
    });
  });

  describe('CancelMeeting', () => {
    it('cancels a meeting', () => {
      const data = { meetingId: 'pcc-meeting', reason: 'snow' };
      meeting()
        .when({ type: 'CancelMeeting', data }, { at: '2013-01-25', refs })
        .then([{ type: 'MeetingCancelled', data }]);
    });

    it('refuses to cancel a meeting already held (meeting-already-held)', () => {
      meeting(held)
        .when(
          { type: 'CancelMeeting', data: { meetingId: 'pcc-meeting', reason: 'x' } },
          { at: MEETING_DAY, refs },
        )
        .thenFails('meeting-already-held', /was held on 2013-01-31/);
    });
  });

  describe('AddAgendaItem', () => {
    it('adds an item about a recorded proposal', () => {
      const data = {
        meetingId: 'pcc-meeting',
        itemId: 'g4s',
        title: 'Outsourcing to G4S',
        proposalId: 'g4s',
        exempt: false,
      };
      meeting()
        .when({ type: 'AddAgendaItem', data }, { at: SCHEDULED_AT, refs })
        .then([{ type: 'AgendaItemAdded', data }]);
    });

    it('adds an exempt item that gives its ground', () => {
      const data = {
        meetingId: 'pcc-meeting',
        itemId: 'review',
        title: 'Contract review',
        exempt: true,
        exemptionReason: 'Commercially confidential',
      };
      meeting()
        .when({ type: 'AddAgendaItem', data }, { at: SCHEDULED_AT, refs })
        .then([{ type: 'AgendaItemAdded', data }]);
    });

    it.each([undefined, '', '   '])(
      'refuses an exempt item whose ground is %p (exemption-needs-reason)',
      (exemptionReason) => {
        meeting()
          .when(
            {
              type: 'AddAgendaItem',
              data: {
                meetingId: 'pcc-meeting',
                itemId: 'review',
                title: 'Contract review',
                exempt: true,
                exemptionReason,
              },
            },
            { at: SCHEDULED_AT, refs },
          )
          .thenFails('exemption-needs-reason', /review is exempt without a ground/);
      },
    );

    it('refuses an item id already on the agenda (already-exists)', () => {
      meeting({
        type: 'AgendaItemAdded',
        data: { meetingId: 'pcc-meeting', itemId: 'g4s', title: 'x', exempt: false },
        occurredAt: SCHEDULED_AT,
      })
        .when(
          {
            type: 'AddAgendaItem',
            data: { meetingId: 'pcc-meeting', itemId: 'g4s', title: 'y', exempt: false },
          },
          { at: SCHEDULED_AT, refs },
        )
        .thenFails('already-exists');
    });

    it('refuses a proposal that is not recorded (not-found)', () => {
      meeting()
        .when(
          {
            type: 'AddAgendaItem',
            data: { meetingId: 'pcc-meeting', itemId: 'x', title: 'x', proposalId: 'ghost', exempt: false },
          },
          { at: SCHEDULED_AT, refs },
        )
        .thenFails('not-found', /Proposal ghost/);
    });
  });

  describe('RecordMeetingHeld', () => {
    const chaired = {
      meetingId: 'pcc-meeting',
      chair: { personId: 'graham-bright', bodyId: 'pcc-cambs', capacity: 'chair' },
      attendees: [
        { personId: 'graham-bright', bodyId: 'pcc-cambs', capacity: 'PCC' },
        { personId: 'david-lloyd', bodyId: 'pcc-herts', capacity: 'PCC' },
      ],
    };

    it('records the meeting as held, with its chair and attendees', () => {
      meeting()
        .when({ type: 'RecordMeetingHeld', data: chaired }, { at: MEETING_DAY, refs })
        .then([{ type: 'MeetingHeld', data: chaired }]);
    });

    it('folds the day it happened into heldOn', () => {
      expect(meeting(held).state()).toMatchObject({ status: 'held', heldOn: MEETING_DAY });
    });

    it('refuses to hold it twice (meeting-already-held)', () => {
      meeting(held)
        .when({ type: 'RecordMeetingHeld', data: chaired }, { at: MEETING_DAY, refs })
        .thenFails('meeting-already-held');
    });

    it('refuses a meeting of a body abolished before it was held (body-abolished)', () => {
      spec(meetingDecider)
        .given([
          meetingScheduled({ meetingId: 'pa-meeting', bodyIds: ['pa-herts'], scheduledAt: '2012-11-01' }),
        ])
        .when(
          { type: 'RecordMeetingHeld', data: { meetingId: 'pa-meeting', attendees: [] } },
          { at: '2012-11-22', refs },
        )
        .thenFails('body-abolished');
    });

    it('refuses a chair from a body that does not hold the meeting (invalid-value)', () => {
      spec(meetingDecider)
        .given([
          meetingScheduled({ meetingId: 'pcc-meeting', bodyIds: ['pcc-herts'], scheduledAt: SCHEDULED_AT }),
        ])
        .when({ type: 'RecordMeetingHeld', data: chaired }, { at: MEETING_DAY, refs })
        .thenFails('invalid-value', /chair's body pcc-cambs does not hold this meeting/);
    });

    it('refuses a chair who held no post on the body that day (not-office-holder)', () => {
      meeting()
        .when(
          {
            type: 'RecordMeetingHeld',
            data: { ...chaired, chair: { personId: 'david-lloyd', bodyId: 'pcc-cambs', capacity: 'chair' } },
          },
          { at: MEETING_DAY, refs },
        )
        .thenFails('not-office-holder', /david-lloyd held no post/);
    });
  });

  describe('ApproveMinutes', () => {
    it('approves the minutes of a held meeting', () => {
      const data = {
        meetingId: 'pcc-meeting',
        minutesReference: 'PCC/M/2013/01',
        approvedAtMeetingId: 'pcc-meeting-2',
      };
      meeting(held)
        .when({ type: 'ApproveMinutes', data }, { at: '2013-03-01', refs })
        .then([{ type: 'MinutesApproved', data }]);
    });

    it('refuses minutes of a meeting not held (meeting-not-held)', () => {
      meeting()
        .when(
          { type: 'ApproveMinutes', data: { meetingId: 'pcc-meeting', minutesReference: 'M' } },
          { at: MEETING_DAY, refs },
        )
        .thenFails('meeting-not-held', /has not been held/);
    });
  });

  describe('heldMeeting: the precondition of any outcome recorded at a meeting', () => {
    const heldOn31 = aMeeting({ meetingId: 'held', bodyIds: ['pcc-cambs'], heldOn: '2013-01-31' });
    const notHeld = aMeeting({ meetingId: 'planned', bodyIds: ['pcc-cambs'] });
    const meetings = refsOf({ meeting: { held: heldOn31, planned: notHeld } });

    it('gives the meeting once it was held', () => {
      expect(heldMeeting(meetings, 'held', '2013-01-31').meetingId).toBe('held');
    });

    it('refuses a meeting not recorded (not-found)', () => {
      expect(() => heldMeeting(meetings, 'ghost', '2013-01-31')).toThrow(
        expect.objectContaining({ rule: 'not-found' }),
      );
    });

    it('refuses a meeting not held (meeting-not-held)', () => {
      expect(() => heldMeeting(meetings, 'planned', '2013-01-31')).toThrow(
        expect.objectContaining({ rule: 'meeting-not-held' }),
      );
    });

    it('refuses an outcome dated before the meeting was held (meeting-not-held)', () => {
      expect(() => heldMeeting(meetings, 'held', '2013-01-30')).toThrow(
        expect.objectContaining({
          rule: 'meeting-not-held',
          message: expect.stringMatching(/has not been held by 2013-01-30/),
        }),
      );
    });
  });

  it('names what a handler must load, and retries all but the scheduling on a conflict', () => {
    expect(meetingDecider.referencesOf({ type: 'ScheduleMeeting', data: scheduled.data })).toEqual([
      { kind: 'body', id: 'pcc-cambs' },
      { kind: 'body', id: 'pcc-herts' },
    ]);
    expect(
      meetingDecider.referencesOf({
        type: 'AddAgendaItem',
        data: { meetingId: 'pcc-meeting', itemId: 'i', title: 't', proposalId: 'g4s', exempt: false },
      }),
    ).toEqual([
      { kind: 'meeting', id: 'pcc-meeting' },
      { kind: 'proposal', id: 'g4s' },
    ]);
    expect(
      meetingDecider.referencesOf({
        type: 'RecordMeetingHeld',
        data: { meetingId: 'pcc-meeting', attendees: [] },
      }),
    ).toEqual([{ kind: 'meeting', id: 'pcc-meeting' }]);
    expect(meetingDecider.retryOnConflict({ type: 'ScheduleMeeting', data: scheduled.data })).toBe(false);
    expect(
      meetingDecider.retryOnConflict({
        type: 'CancelMeeting',
        data: { meetingId: 'pcc-meeting', reason: 'x' },
      }),
    ).toBe(true);
  });
});
