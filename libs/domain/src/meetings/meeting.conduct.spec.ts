import { bodyDecider } from '../bodies/body.decider';
import type { BodyEvent } from '../bodies/body.events';
import { aPerson, bodyEvents, folded, meetingScheduled } from '../testing/builders';
import { refsOf, spec } from '../testing/given-when-then';
import { noticeReport, quorumReport } from './meeting.conduct';
import { heldMeeting, meetingDecider } from './meeting.decider';
import type { Attendee, MeetingEvent } from './meeting.events';

const members = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
const quorumSet: BodyEvent = {
  type: 'QuorumSet',
  data: { bodyId: 'panel', fraction: { numerator: 1, denominator: 4 } },
};
const panel = folded(bodyDecider, [
  ...bodyEvents({
    bodyId: 'panel',
    foundingDate: '2012-11-01',
    holders: members.map((personId) => ({ personId })),
  }),
  quorumSet,
]);
const people = Object.fromEntries(members.map((id) => [id, aPerson(id)]));
const refs = refsOf({ body: { panel }, person: people });

const DAY = '2013-02-07T10:00:00.000Z';
const scheduled = meetingScheduled({
  meetingId: 'pcp',
  title: 'Police and Crime Panel',
  bodyIds: ['panel'],
  heldOn: '2013-02-07',
  scheduledAt: '2013-01-10T00:00:00.000Z',
});
type Dated = MeetingEvent & { occurredAt?: string };
const item = (itemId: string, exempt: boolean): Dated => ({
  type: 'AgendaItemAdded',
  data: {
    meetingId: 'pcp',
    itemId,
    title: `Item ${itemId}`,
    exempt,
    ...(exempt ? { exemptionReason: 'para 3' } : {}),
  },
  occurredAt: '2013-01-20T00:00:00.000Z',
});
const member = (personId: string, attendance?: Attendee['attendance']): Attendee => ({
  personId,
  bodyId: 'panel',
  capacity: 'member',
  ...(attendance ? { attendance } : {}),
});
const held = (attendees: Attendee[]): Dated => ({
  type: 'MeetingHeld',
  data: { meetingId: 'pcp', attendees, startedAt: '2013-02-07T10:00:00Z', endedAt: '2013-02-07T12:00:00Z' },
  occurredAt: DAY,
});
const meeting = (...events: Dated[]) =>
  spec(meetingDecider).given([scheduled, item('5', false), item('7', true), ...events]);
const stateOf = (...events: Dated[]) => meeting(...events).state();

describe('meeting conduct', () => {
  describe('quorum, checked on attendance', () => {
    it('is quorate when a quarter of the members (rounded up) are present', () => {
      const report = quorumReport(stateOf(held([member('a'), member('b')])), refs);
      expect(report).toEqual({
        quorate: true,
        bodies: [{ bodyId: 'panel', required: 2, present: 2, quorate: true }],
        inquorateItems: [],
      });
    });

    it('does not count absent or recused members, nor non-members, as present', () => {
      const report = quorumReport(
        stateOf(held([member('a'), member('b', 'absent'), member('c', 'recused'), member('stranger')])),
        refs,
      );
      expect(report.quorate).toBe(false);
      expect(report.bodies[0]).toMatchObject({ required: 2, present: 1 });
    });

    it('reports an item inquorate when members with a pecuniary interest withdraw from it', () => {
      const state = stateOf(held([member('a'), member('b')]), {
        type: 'MeetingInterestDeclared',
        data: {
          meetingId: 'pcp',
          itemId: '5',
          personId: 'b',
          type: 'pecuniary',
          description: 'Shares',
          onExemptItem: false,
        },
        occurredAt: DAY,
      });
      expect(quorumReport(state, refs)).toMatchObject({ quorate: true, inquorateItems: ['5'] });
    });

    it('counts a member with a dispensation', () => {
      const state = stateOf(held([member('a'), member('b')]), {
        type: 'MeetingInterestDeclared',
        data: {
          meetingId: 'pcp',
          itemId: '5',
          personId: 'b',
          type: 'pecuniary',
          description: 'Shares',
          dispensation: { grantedBy: 'Standards Committee', reason: 'needed for quorum' },
          onExemptItem: false,
        },
        occurredAt: DAY,
      });
      expect(quorumReport(state, refs).inquorateItems).toEqual([]);
    });

    it('says nothing when no attendance was recorded', () => {
      expect(quorumReport(stateOf(held([])), refs).quorate).toBeUndefined();
    });

    it('refuses an outcome at an inquorate meeting (meeting-inquorate)', () => {
      const state = stateOf(held([member('a')]));
      const meetings = refsOf({ body: { panel }, meeting: { pcp: state } });
      expect(() => heldMeeting(meetings, 'pcp', DAY)).toThrow(
        /inquorate: 1 of the 2 members of panel needed were present/,
      );
    });

    it('lets an outcome be recorded at a quorate meeting', () => {
      const meetings = refsOf({
        body: { panel },
        meeting: { pcp: stateOf(held([member('a'), member('b')])) },
      });
      expect(heldMeeting(meetings, 'pcp', DAY).meetingId).toBe('pcp');
    });
  });

  describe('RecordMeetingHeld with its times', () => {
    it('records when it opened and closed', () => {
      const data = held([member('a')]).data as Extract<MeetingEvent, { type: 'MeetingHeld' }>['data'];
      meeting()
        .when({ type: 'RecordMeetingHeld', data }, { at: DAY, refs })
        .then([{ type: 'MeetingHeld', data }]);
    });

    it('refuses an end before the start (invalid-value)', () => {
      meeting()
        .when(
          {
            type: 'RecordMeetingHeld',
            data: {
              meetingId: 'pcp',
              attendees: [],
              startedAt: '2013-02-07T12:00:00Z',
              endedAt: '2013-02-07T10:00:00Z',
            },
          },
          { at: DAY, refs },
        )
        .thenFails('invalid-value', /cannot end/);
    });
  });

  describe('PublishMeetingNotice: reported, never refused', () => {
    it('records a notice even when it is late', () => {
      const data = { meetingId: 'pcp', publishedOn: '2013-02-05' };
      meeting()
        .when({ type: 'PublishMeetingNotice', data }, { at: '2013-02-05T00:00:00Z', refs })
        .then([{ type: 'MeetingNoticePublished', data }]);
    });

    it('counts clear days without the day of publication or of the meeting, and weekends apart', () => {
      // Thursday 31 January 2013 to Thursday 7 February: 6 clear days, of which 4 are weekdays.
      expect(noticeReport({ publishedOn: '2013-01-31' }, '2013-02-07')).toEqual({
        publishedOn: '2013-01-31',
        clearDays: 6,
        clearWorkingDays: 4,
        met: false,
      });
      // Wednesday 30 January: 7 clear days, 5 of them weekdays.
      expect(noticeReport({ publishedOn: '2013-01-30' }, '2013-02-07T10:00:00Z')).toMatchObject({
        clearDays: 7,
        clearWorkingDays: 5,
        met: true,
      });
    });

    it('gives no clear days to a notice on the day of the meeting or after it', () => {
      expect(noticeReport({ publishedOn: '2013-02-08' }, '2013-02-07')).toMatchObject({
        clearDays: 0,
        met: false,
      });
    });
  });

  describe('ExcludePublic: the resolution and its Schedule 12A paragraph', () => {
    const data = {
      meetingId: 'pcp',
      itemIds: ['7'],
      paragraph: 3,
      publicInterestReason: 'Contract negotiations',
    };

    it('records the resolution for an exempt item', () => {
      meeting()
        .when({ type: 'ExcludePublic', data }, { at: DAY, refs })
        .then([{ type: 'PublicExcluded', data }]);
    });

    it.each([0, 8, 2.5])('refuses paragraph %s (schedule-12a-paragraph)', (paragraph) => {
      meeting()
        .when({ type: 'ExcludePublic', data: { ...data, paragraph } }, { at: DAY, refs })
        .thenFails(
          'schedule-12a-paragraph',
          new RegExp(`Paragraph ${paragraph} is not a paragraph of Schedule 12A \\(1 to 7\\)`),
        );
    });

    it('refuses an item that is not exempt (exclusion-needs-exempt-item)', () => {
      meeting()
        .when({ type: 'ExcludePublic', data: { ...data, itemIds: ['5'] } }, { at: DAY, refs })
        .thenFails('exclusion-needs-exempt-item', /item 5 is not recorded as exempt/);
    });

    it('refuses an item not on the agenda (not-found)', () => {
      meeting()
        .when({ type: 'ExcludePublic', data: { ...data, itemIds: ['9'] } }, { at: DAY, refs })
        .thenFails('not-found', /no agenda item 9/);
    });

    it('refuses a resolution naming no item (exclusion-needs-exempt-item)', () => {
      meeting()
        .when({ type: 'ExcludePublic', data: { ...data, itemIds: [] } }, { at: DAY, refs })
        .thenFails('exclusion-needs-exempt-item', /names no agenda item/);
    });
  });

  describe('DeclareMeetingInterest', () => {
    const declaration = {
      meetingId: 'pcp',
      personId: 'a',
      type: 'other' as const,
      description: 'A county councillor',
    };

    it('records a declaration at the meeting as public', () => {
      meeting()
        .when({ type: 'DeclareMeetingInterest', data: declaration }, { at: DAY, refs })
        .then([{ type: 'MeetingInterestDeclared', data: { ...declaration, onExemptItem: false } }]);
    });

    it('marks a declaration on an exempt item, so it is withheld with the item', () => {
      meeting()
        .when({ type: 'DeclareMeetingInterest', data: { ...declaration, itemId: '7' } }, { at: DAY, refs })
        .then([
          { type: 'MeetingInterestDeclared', data: { ...declaration, itemId: '7', onExemptItem: true } },
        ]);
    });

    it('refuses a person not registered (not-found)', () => {
      meeting()
        .when(
          { type: 'DeclareMeetingInterest', data: { ...declaration, personId: 'ghost' } },
          { at: DAY, refs },
        )
        .thenFails('not-found', /Person ghost/);
    });

    it('refuses an item not on the agenda (not-found)', () => {
      meeting()
        .when({ type: 'DeclareMeetingInterest', data: { ...declaration, itemId: '9' } }, { at: DAY, refs })
        .thenFails('not-found', /no agenda item 9/);
    });
  });
});
