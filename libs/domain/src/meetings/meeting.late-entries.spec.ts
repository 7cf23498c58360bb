import fc from 'fast-check';
import { isInformationalCommand } from '../shared/late-entries';
import { aBody, bodiesById, meetingScheduled } from '../testing/builders';
import { refsOf, spec } from '../testing/given-when-then';
import { meetingDecider } from './meeting.decider';
import type { MeetingEvent } from './meeting.events';

/*
 * Late-found meeting facts (issue 16): minutes found years later and a notice recorded after the
 * meeting was held are informational entries, dated where they belong; attendance is not, as
 * the quorum of everything recorded at the meeting was judged on it. And a meeting held on a day
 * no source gives is held in the year or month it gives, marked approximate.
 */

const refs = refsOf({ body: bodiesById(aBody({ bodyId: 'pa', foundingDate: '1995-04-01' })) });
type Dated = MeetingEvent & { occurredAt?: string };

const scheduled = meetingScheduled({ bodyIds: ['pa'], heldOn: '2012-07-15', scheduledAt: '2012-06-01' });
const held: Dated = {
  type: 'MeetingHeld',
  data: { meetingId: 'meeting', attendees: [{ personId: 'p', bodyId: 'pa', capacity: 'member' }] },
  occurredAt: '2012-07-15',
};
const interest: Dated = {
  type: 'MeetingInterestDeclared',
  data: {
    meetingId: 'meeting',
    personId: 'p',
    type: 'other',
    description: 'A friend bids',
    onExemptItem: false,
  },
  occurredAt: '2012-09-01',
};
const minutes = {
  type: 'ApproveMinutes' as const,
  data: { meetingId: 'meeting', minutesReference: 'Minutes of 15 July 2012' },
};
const notice = {
  type: 'PublishMeetingNotice' as const,
  data: { meetingId: 'meeting', publishedOn: '2012-07-02', reference: 'Agenda' },
};

describe('late-found meeting facts: minutes and notice are informational entries', () => {
  it('lists the minutes and the notice as informational, and attendance (the meeting held) not', () => {
    expect(isInformationalCommand('ApproveMinutes')).toBe(true);
    expect(isInformationalCommand('PublishMeetingNotice')).toBe(true);
    expect(isInformationalCommand('RecordMeetingHeld')).toBe(false);
  });

  it('records minutes found later, dated before the meeting’s latest entry', () => {
    spec(meetingDecider)
      .given([scheduled, held, interest])
      .when(minutes, { at: '2012-08' })
      .then([{ type: 'MinutesApproved', data: minutes.data }]);
  });

  it('records a notice after the meeting was held, dated when it was published', () => {
    spec(meetingDecider)
      .given([scheduled, held, interest])
      .when(notice, { at: '2012-07-02' })
      .then([{ type: 'MeetingNoticePublished', data: notice.data }]);
  });

  it('refuses minutes dated before the meeting they minute was held (meeting-not-held)', () => {
    spec(meetingDecider)
      .given([scheduled, held, interest])
      .when(minutes, { at: '2012-07' })
      .thenFails('meeting-not-held', /has not been held by 2012-07, so it has no minutes/);
  });

  it('refuses a notice dated before the meeting was recorded at all (date-before-record)', () => {
    spec(meetingDecider)
      .given([scheduled, held])
      .when(notice, { at: '2012-05-20' })
      .thenFails('date-before-record', /began at 2012-06-01, after 2012-05-20/);
  });

  it('refuses back-dated attendance (date-goes-backwards): the quorum of what followed was judged on it', () => {
    spec(meetingDecider)
      .given([scheduled, { ...interest, occurredAt: '2012-07-20' }])
      .when(
        { type: 'RecordMeetingHeld', data: { meetingId: 'meeting', attendees: [] } },
        { at: '2012-07-15', refs },
      )
      .thenFails('date-goes-backwards', /happened at 2012-07-20, after 2012-07-15/);
  });

  it('does not let a late-found notice hold back the meeting held after the last change', () => {
    spec(meetingDecider)
      .given([scheduled, { type: 'MeetingNoticePublished', data: notice.data, occurredAt: '2012-07-20' }])
      .when(
        { type: 'RecordMeetingHeld', data: { meetingId: 'meeting', attendees: [] } },
        { at: '2012-07-15', refs },
      )
      .then([{ type: 'MeetingHeld', data: { meetingId: 'meeting', attendees: [] } }]);
  });

  it('keeps the minutes and the notice dated latest, whatever order they were found in', () => {
    const dates = ['2012-07-20', '2012-08', '2012-09-03', '2013'];
    const entries: Dated[] = dates.flatMap((d, i) => [
      { type: 'MinutesApproved', data: { meetingId: 'meeting', minutesReference: `m${i}` }, occurredAt: d },
      {
        type: 'MeetingNoticePublished',
        data: { meetingId: 'meeting', publishedOn: d.slice(0, 7), reference: `n${i}` },
        occurredAt: '2012-07-16',
      },
    ]);
    fc.assert(
      fc.property(fc.shuffledSubarray(entries, { minLength: entries.length }), (order) => {
        const state = spec(meetingDecider)
          .given([scheduled, held, ...order])
          .state();
        expect(state.minutes).toEqual({ minutesReference: 'm3', approvedOn: '2013' });
        // Two notices of 2012-08 and 2012-09 (days cut to months): the later month stands.
        expect(state.notice).toEqual({ publishedOn: '2013', reference: 'n3' });
      }),
    );
  });
});

describe('a meeting held on a day no source gives', () => {
  const inTheYear = meetingScheduled({ bodyIds: ['pa'], heldOn: '2013', scheduledAt: '2013' });

  it('is held in the year the source gives, marked approximate', () => {
    const data = { meetingId: 'meeting', attendees: [], heldOnApproximate: true };
    spec(meetingDecider)
      .given([inTheYear])
      .when({ type: 'RecordMeetingHeld', data }, { at: '2013', refs })
      .then([{ type: 'MeetingHeld', data }]);
  });

  it('folds to a state that keeps the year as given, with its flag', () => {
    const state = spec(meetingDecider)
      .given([
        inTheYear,
        {
          type: 'MeetingHeld',
          data: { meetingId: 'meeting', attendees: [], heldOnApproximate: true },
          occurredAt: '2013',
        },
      ])
      .state();
    expect(state).toMatchObject({ status: 'held', heldOn: '2013', heldOnApproximate: true });
  });

  it('reads a meeting held on a stated day as exact', () => {
    expect(spec(meetingDecider).given([scheduled, held]).state().heldOnApproximate).toBeUndefined();
  });
});

describe('a meeting postponed to a date known only roughly', () => {
  const postponed = { meetingId: 'meeting', reason: 'snow', newDate: '2012-09', newDateApproximate: true };

  it('takes a new date at any precision, marked approximate', () => {
    spec(meetingDecider)
      .given([scheduled])
      .when({ type: 'PostponeMeeting', data: postponed }, { at: '2012-07-10' })
      .then([{ type: 'MeetingPostponed', data: postponed }]);
  });

  it('is then scheduled for the month as given, approximate', () => {
    const state = spec(meetingDecider)
      .given([scheduled, { type: 'MeetingPostponed', data: postponed, occurredAt: '2012-07-10' }])
      .state();
    expect(state).toMatchObject({
      status: 'postponed',
      scheduledFor: '2012-09',
      scheduledForApproximate: true,
    });
  });
});
