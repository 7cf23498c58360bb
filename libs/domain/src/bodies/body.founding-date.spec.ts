import fc from 'fast-check';
import { allianceDecider } from '../alliances/alliance.decider';
import { DomainRuleViolation } from '../shared/rules';
import { toInstant } from '../shared/time';
import { meetingDecider } from '../meetings/meeting.decider';
import { proposalDecider } from '../proposals/proposal.decider';
import {
  aBody,
  bodiesById,
  bodyRegistered,
  DEFAULT_AT,
  meetingScheduled,
  proposalTabled,
} from '../testing/builders';
import { refsOf, spec } from '../testing/given-when-then';
import { bodyDecider } from './body.decider';
import { activeBody } from './body.rules';

/*
 * A body's founding date as the source gives it (issue 16): a year, a month or a day, marked
 * approximate when it is a guess, or left out when no source states it. A body with no founding
 * date is established from its registration (no record says it acted before); one founded in a year is established from the
 * year's first instant (the cut rule), and never turned into a fake 1 January in its record.
 */

const { foundingDate: _none, ...undated } = bodyRegistered('jwg', { powers: 'advises' }).data;

describe('RegisterBody without a founding date, or with one at reduced precision', () => {
  it('registers a body whose founding date no source states', () => {
    spec(bodyDecider)
      .given([])
      .when({ type: 'RegisterBody', data: undated }, { at: '2012' })
      .then([{ type: 'BodyRegistered', data: undated }]);
  });

  it('registers a body founded in a year the source gives, as a guess', () => {
    const data = { ...undated, foundingDate: '2012', foundingDateApproximate: true };
    spec(bodyDecider)
      .given([])
      .when({ type: 'RegisterBody', data }, { at: '2012' })
      .then([{ type: 'BodyRegistered', data }]);
  });

  it('refuses a guess without the date it marks (invalid-value)', () => {
    spec(bodyDecider)
      .given([])
      .when({ type: 'RegisterBody', data: { ...undated, foundingDateApproximate: true } }, { at: '2012' })
      .thenFails('invalid-value', /foundingDateApproximate/);
  });

  it('folds the founding date as given, and the registration date a register lists it from', () => {
    const state = spec(bodyDecider)
      .given([
        { type: 'BodyRegistered', data: { ...undated, foundingDate: '2012-07' }, occurredAt: '2012-08-02' },
      ])
      .state();
    expect(state).toMatchObject({ foundingDate: '2012-07', registeredOn: '2012-08-02' });
  });

  it('a correction may add a founding date a source gives later', () => {
    spec(bodyDecider)
      .given([{ type: 'BodyRegistered', data: undated, occurredAt: '2012', id: 'registered' }])
      .when(
        {
          type: 'CorrectEvent',
          data: {
            eventId: 'registered',
            reason: 'Its terms of reference',
            changes: { foundingDate: '2010-04' },
          },
        },
        { at: '2013' },
      )
      .then([
        {
          type: 'EventCorrected',
          data: {
            eventId: 'registered',
            reason: 'Its terms of reference',
            changes: { foundingDate: '2010-04' },
          },
        },
      ]);
  });
});

describe('activeBody and a founding date not stated (counted from the registration), or given to the year', () => {
  const undatedBody = aBody({ bodyId: 'jwg' });
  const { foundingDate: _f, ...withoutDate } = undatedBody;
  const abolished = aBody({ bodyId: 'pa', abolished: { on: '2012-11-22' } });
  const { foundingDate: _g, ...abolishedUndated } = abolished;
  const refs = refsOf({
    body: bodiesById(
      withoutDate,
      abolishedUndated,
      aBody({ bodyId: 'y2013', foundingDate: '2013' }),
      aBody({ bodyId: 'm2013', foundingDate: '2013-06' }),
    ),
  });

  it('counts a body with no founding date from its registration, and still refuses it after its abolition', () => {
    expect(activeBody(refs, 'jwg', '2012-01-01').bodyId).toBe('jwg');
    expect(activeBody(refs, 'pa', '2012').bodyId).toBe('pa');
    expect(() => activeBody(refs, 'pa', '2012-11-22')).toThrow(DomainRuleViolation);
  });

  it('refuses an entry of a body with no founding date dated before it was registered (body-not-established)', () => {
    // Otherwise a meeting or proposal of 1990 names a body no as-of read of 1990 shows.
    expect(() => activeBody(refs, 'jwg', '1990')).toThrow(
      /jwg was registered on 2012-01-01T00:00:00.000Z with no founding date stated, after 1990/,
    );
    let refused: unknown;
    try {
      activeBody(refs, 'jwg', '2011-12-31');
    } catch (error) {
      refused = error;
    }
    expect(refused).toMatchObject({ rule: 'body-not-established' });
  });

  it('holds a date an entry states of the past (a term began in 2005) to a founding date alone', () => {
    expect(activeBody(refs, 'jwg', '2005-01-01', { stated: true }).bodyId).toBe('jwg');
    expect(() => activeBody(refs, 'y2013', '2012-12-31', { stated: true })).toThrow(/established on 2013/);
  });

  it('refuses a meeting of it, or a proposal it tables, dated before its registration (body-not-established)', () => {
    spec(meetingDecider)
      .given([])
      .when(
        { type: 'ScheduleMeeting', data: meetingScheduled({ bodyIds: ['jwg'], heldOn: '1990' }).data },
        {
          at: '1990',
          refs,
        },
      )
      .thenFails('body-not-established', /registered on 2012-01-01T00:00:00.000Z/);
    spec(proposalDecider)
      .given([])
      .when(
        { type: 'TableProposal', data: proposalTabled({ tabledBy: 'jwg', bodyId: 'jwg' }).data },
        {
          at: '1990',
          refs,
        },
      )
      .thenFails('body-not-established');
  });

  it('counts a body founded in 2013 from its first instant, and not a moment before', () => {
    expect(activeBody(refs, 'y2013', '2013-01-01T00:00:00Z').bodyId).toBe('y2013');
    expect(() => activeBody(refs, 'y2013', '2012-12-31T23:59:59Z')).toThrow(/established on 2013, after/);
    expect(() => activeBody(refs, 'm2013', '2013-05-31')).toThrow(/established on 2013-06/);
  });

  it('lets an alliance be formed in a year, approximate, of members with no founding date', () => {
    const data = {
      allianceId: 'alliance',
      name: 'The alliance',
      decisionRule: { kind: 'unanimity' as const },
      foundingDate: '2012',
      foundingDateApproximate: true,
      memberIds: ['jwg', 'pa'],
    };
    spec(allianceDecider)
      .given([])
      .when({ type: 'FormAlliance', data }, { at: '2012', refs })
      .then([{ type: 'AllianceFormed', data }]);
    const state = spec(allianceDecider)
      .given([{ type: 'AllianceFormed', data }])
      .state();
    expect(state).toMatchObject({ foundingDate: '2012', foundingDateApproximate: true });
    expect(state.members.map((m) => m.startDate)).toEqual(['2012', '2012']);
  });

  it('property: a body founded at any precision is active exactly from the first instant of its period', () => {
    const founded = fc
      .record({
        year: fc.integer({ min: 1990, max: 2020 }),
        month: fc.integer({ min: 1, max: 12 }),
        day: fc.integer({ min: 1, max: 28 }),
        precision: fc.constantFrom('year', 'month', 'day', 'not-stated'),
      })
      .map(({ year, month, day, precision }) => {
        const mm = String(month).padStart(2, '0');
        const dd = String(day).padStart(2, '0');
        return precision === 'not-stated'
          ? undefined
          : precision === 'year'
            ? `${year}`
            : precision === 'month'
              ? `${year}-${mm}`
              : `${year}-${mm}-${dd}`;
      });
    const instant = fc
      .integer({ min: Date.parse('1989-01-01'), max: Date.parse('2022-01-01') })
      .map((t) => new Date(t).toISOString());
    fc.assert(
      fc.property(founded, instant, (foundingDate, at) => {
        const body = aBody({ bodyId: 'b', foundingDate });
        const { foundingDate: _x, ...rest } = body;
        const state = foundingDate === undefined ? rest : body;
        const bodyRefs = refsOf({ body: { b: state } });
        // With none stated, the body is counted from its registration (DEFAULT_AT in the builder).
        const established = toInstant(foundingDate ?? DEFAULT_AT) <= at;
        let refused: unknown;
        try {
          activeBody(bodyRefs, 'b', at);
        } catch (error) {
          refused = error;
        }
        expect([foundingDate, at, refused === undefined]).toEqual([foundingDate, at, established]);
        if (refused) expect(refused).toMatchObject({ rule: 'body-not-established' });
      }),
    );
  });
});
