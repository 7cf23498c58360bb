import fc from 'fast-check';
import { proposalDecider } from '../proposals/proposal.decider';
import { publicityOf } from '../shared/publicity';
import { datePrecision, toInstant } from '../shared/time';
import { aBody, aMeeting, aPerson, bodiesById, meetingScheduled, proposalTabled } from '../testing/builders';
import { refsOf, spec } from '../testing/given-when-then';
import { noticeReport } from './meeting.conduct';
import { meetingDecider } from './meeting.decider';
import type { MeetingEvent } from './meeting.events';

/*
 * What a source does not give (issue 16): a meeting whose publicity no source states, scheduled
 * for the year (or month) the source gives, marked approximate. Not stated is not private, and
 * "2013" stays 2013: never a fake 1 January.
 */

const pcc = aBody({
  bodyId: 'pcc',
  foundingDate: '2012-11-22',
  holders: [{ personId: 'graham-bright', postId: 'commissioner', startDate: '2012-11-22' }],
});
const refs = refsOf({ body: bodiesById(pcc) });

type Scheduled = Extract<MeetingEvent, { type: 'MeetingScheduled' }>['data'];
const notStated: Scheduled = {
  meetingId: 'pcc-meeting',
  title: 'The PCCs meet',
  bodyIds: ['pcc'],
  scheduledFor: '2013',
  scheduledForApproximate: true,
};

describe('a meeting whose publicity and day the source does not give', () => {
  it('is scheduled for the year, approximate, with its publicity left out', () => {
    spec(meetingDecider)
      .given([])
      .when({ type: 'ScheduleMeeting', data: notStated }, { at: '2013', refs })
      .then([{ type: 'MeetingScheduled', data: notStated }]);
  });

  it('folds to a state that keeps the year as given and states no publicity', () => {
    const state = spec(meetingDecider)
      .given([{ type: 'MeetingScheduled', data: notStated, occurredAt: '2013' }])
      .state();
    expect(state).toMatchObject({ scheduledFor: '2013', scheduledForApproximate: true });
    expect(state).not.toHaveProperty('public');
    expect(publicityOf(state.public)).toBe('not-stated');
  });

  it('a postponement to a day replaces the guessed year, and its flag with it', () => {
    const state = spec(meetingDecider)
      .given([
        { type: 'MeetingScheduled', data: notStated, occurredAt: '2013' },
        {
          type: 'MeetingPostponed',
          data: { meetingId: 'pcc-meeting', reason: 'snow', newDate: '2013-02-07' },
          occurredAt: '2013-01-30',
        },
      ])
      .state();
    expect(state.scheduledFor).toBe('2013-02-07');
    expect(state.scheduledForApproximate).toBeUndefined();
  });

  it('a correction may state its publicity later (a source found since): the field need not be there first', () => {
    spec(meetingDecider)
      .given([{ type: 'MeetingScheduled', data: notStated, occurredAt: '2013', id: 'scheduled' }])
      .when(
        {
          type: 'CorrectEvent',
          data: {
            eventId: 'scheduled',
            reason: 'The minutes say it was private',
            changes: { public: false },
          },
        },
        { at: '2013-02-01', refs },
      )
      .then([
        {
          type: 'EventCorrected',
          data: {
            eventId: 'scheduled',
            reason: 'The minutes say it was private',
            changes: { public: false },
          },
        },
      ]);
  });

  it('does not count clear days of notice when the meeting has no day: they are not guessed', () => {
    expect(noticeReport({ publishedOn: '2013-01-10' }, '2013')).toEqual({ publishedOn: '2013-01-10' });
    expect(noticeReport({ publishedOn: '2013-01-10' }, '2013-01')).toEqual({ publishedOn: '2013-01-10' });
    expect(noticeReport({ publishedOn: '2013-01-10' }, '2013-01-31')).toMatchObject({ clearDays: 20 });
  });
});

describe('a decision at a meeting whose publicity is not stated', () => {
  const atMeeting = (publicFlag: boolean | undefined) => {
    const meeting = aMeeting({ meetingId: 'm', bodyIds: ['pcc'], heldOn: '2013-01-31' });
    const { public: _stated, ...rest } = meeting;
    return refsOf({
      body: bodiesById(pcc),
      person: { 'graham-bright': aPerson('graham-bright') },
      meeting: { m: publicFlag === undefined ? rest : { ...rest, public: publicFlag } },
    });
  };
  const decision = {
    proposalId: 'proposal',
    decisionId: 'd',
    bodyId: 'pcc',
    postId: 'commissioner',
    personId: 'graham-bright',
    outcome: 'reject' as const,
    inPublic: true,
    meetingId: 'm',
    rationale: 'Not suitable',
  };
  const given = () =>
    spec(proposalDecider).given([proposalTabled({ bodyId: 'pcc', tabledBy: 'pcc' }, '2012-12-01')]);

  it('may be recorded as taken in public: not stated is not private', () => {
    given()
      .when({ type: 'RecordDecision', data: decision }, { at: '2013-01-31', refs: atMeeting(undefined) })
      .then([{ type: 'DecisionRecorded', data: decision }]);
  });

  it('is refused as taken in public at a meeting stated to be private (private-decision-in-public)', () => {
    given()
      .when({ type: 'RecordDecision', data: decision }, { at: '2013-01-31', refs: atMeeting(false) })
      .thenFails('private-decision-in-public', /which was private/);
  });
});

describe('property: any publicity and any precision of scheduledFor', () => {
  const publicity = fc.constantFrom<boolean | undefined>(true, false, undefined);
  const date = fc
    .record({
      year: fc.integer({ min: 1990, max: 2030 }),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 28 }),
      precision: fc.constantFrom('year', 'month', 'day'),
    })
    .map(({ year, month, day, precision }) => {
      const mm = String(month).padStart(2, '0');
      const dd = String(day).padStart(2, '0');
      return precision === 'year'
        ? `${year}`
        : precision === 'month'
          ? `${year}-${mm}`
          : `${year}-${mm}-${dd}`;
    });

  it('a meeting scheduled (whenever for) is recorded as given, folds back as given, and sorts from the first instant of its period', () => {
    fc.assert(
      fc.property(publicity, date, fc.option(fc.boolean(), { nil: undefined }), (pub, when, approx) => {
        const data: Scheduled = {
          meetingId: 'm',
          title: 't',
          bodyIds: ['pcc'],
          scheduledFor: when,
          ...(approx !== undefined ? { scheduledForApproximate: approx } : {}),
          ...(pub !== undefined ? { public: pub } : {}),
        };
        spec(meetingDecider)
          .given([])
          .when({ type: 'ScheduleMeeting', data }, { at: '2013-01-01', refs })
          .then([{ type: 'MeetingScheduled', data }]);
        const state = spec(meetingDecider)
          .given([{ ...meetingScheduled({ bodyIds: ['pcc'] }), data }])
          .state();
        expect(state.scheduledFor).toBe(when);
        expect(datePrecision(state.scheduledFor)).toBe(
          when.length === 4 ? 'year' : when.length === 7 ? 'month' : 'day',
        );
        expect(publicityOf(state.public)).toBe(pub === undefined ? 'not-stated' : pub ? 'public' : 'private');
        expect(state.scheduledForApproximate).toBe(approx);
        expect(toInstant(when)).toBe(
          new Date(`${when.padEnd(7, '-01').padEnd(10, '-01')}T00:00:00Z`).toISOString(),
        );
      }),
    );
  });
});
