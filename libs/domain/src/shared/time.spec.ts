import fc from 'fast-check';
import { bodyDecider } from '../bodies/body.decider';
import { personDecider } from '../people/person.decider';
import { aBody, bodyRegistered } from '../testing/builders';
import { refsOf, spec } from '../testing/given-when-then';
import { DomainRuleViolation } from './rules';
import { assertTimely, ensureEndsAfterStart, isOnOrBefore, toInstant, within } from './time';

const register = { type: 'RegisterPerson' as const, data: { personId: 'ann', name: 'Ann' } };

describe('time', () => {
  describe('decideOn: the time rules every command obeys', () => {
    it('refuses a date in the future (date-in-future)', () => {
      spec(personDecider)
        .given([])
        .when(register, { at: '2026-01-02', now: '2026-01-01T12:00:00Z' })
        .thenFails('date-in-future', /2026-01-02 is after now \(2026-01-01T12:00:00Z\)/);
    });

    it('accepts a date equal to now', () => {
      spec(personDecider)
        .given([])
        .when(register, { at: '2026-01-01T12:00:00Z', now: '2026-01-01T12:00:00.000Z' })
        .then([{ type: 'PersonRegistered', data: register.data }]);
    });

    it("refuses a date earlier than the stream's last event, suggesting a correction (date-goes-backwards)", () => {
      spec(bodyDecider)
        .given([{ ...bodyRegistered('pa'), occurredAt: '2012-08-01T10:00:00.000Z' }])
        .when(
          { type: 'CreatePost', data: { bodyId: 'pa', postId: 'chair', label: 'Chair', role: 'chair' } },
          { at: '2012-08-01T09:59:59Z', refs: refsOf({ body: { pa: aBody({ bodyId: 'pa' }) } }) },
        )
        .thenFails(
          'date-goes-backwards',
          /body-spec already has an entry that happened at 2012-08-01T10:00:00.000Z, after 2012-08-01T09:59:59Z: .*retract it and record it again with its right date/,
        );
    });

    describe('an entry recorded with too late a date', () => {
      const registered = { ...bodyRegistered('pa'), occurredAt: '2012-01-01T00:00:00.000Z' };
      const chairPost = { bodyId: 'pa', postId: 'chair', label: 'Chair', role: 'chair' as const };
      const postCreated = {
        type: 'PostCreated' as const,
        data: chairPost,
        id: 'late-post',
        occurredAt: '2012-08-01',
      };
      const createPost = { type: 'CreatePost' as const, data: chairPost };
      const refs = refsOf({ body: { pa: aBody({ bodyId: 'pa' }) } });

      const retracted = (occurredAt: string) => ({
        type: 'EventRetracted' as const,
        data: { eventId: 'late-post', reason: 'Dated wrongly' },
        occurredAt,
      });

      it.each([
        ['the day after it', '2012-08-02', '2012-03-01'],
        ['on the same day (the retraction does not hold it back either)', '2012-08-01', '2012-02-10'],
      ])(
        'given it retracted %s, when it is recorded again with an earlier date, then it is accepted',
        (_, retractedOn, recordedAgainOn) => {
          spec(bodyDecider)
            .given([registered, postCreated, retracted(retractedOn)])
            .when(createPost, { at: recordedAgainOn, refs })
            .then([{ type: 'PostCreated', data: chairPost }]);
        },
      );

      it('given it standing, or only corrected, when another entry is dated before it, then it still holds it back (date-goes-backwards)', () => {
        const other = {
          type: 'CreatePost' as const,
          data: { ...chairPost, postId: 'member', label: 'Member', role: 'member' as const },
        };
        spec(bodyDecider)
          .given([registered, postCreated])
          .when(other, { at: '2012-03-01', refs })
          .thenFails('date-goes-backwards');
        spec(bodyDecider)
          .given([
            registered,
            postCreated,
            {
              type: 'EventCorrected',
              data: { eventId: 'late-post', reason: 'Label', changes: { label: 'The Chair' } },
              occurredAt: '2012-08-02',
            },
          ])
          .when(other, { at: '2012-03-01', refs })
          .thenFails('date-goes-backwards');
      });

      it('given the retracted entry was not the latest, then the latest standing entry still holds a new one back', () => {
        spec(bodyDecider)
          .given([
            registered,
            { ...postCreated, occurredAt: '2012-05-01' },
            {
              type: 'PostCreated',
              data: { ...chairPost, postId: 'member', label: 'Member', role: 'member' },
              occurredAt: '2012-06-01',
            },
            retracted('2012-08-02'),
          ])
          .when(createPost, { at: '2012-03-01', refs })
          .thenFails('date-goes-backwards', /2012-06-01/);
      });
    });

    it('accepts a date equal to the last event’s, however it is written (the decider’s own rule answers)', () => {
      spec(personDecider)
        .given([{ type: 'PersonRegistered', data: register.data, occurredAt: '2012-08-01T00:00:00.000Z' }])
        .when(register, { at: '2012-08-01' })
        .thenFails('already-exists');
    });

    it("reports the aggregate's own rule before the record's order, the future before both", () => {
      // Registering again is refused as already recorded, whatever its date.
      spec(personDecider)
        .given([{ type: 'PersonRegistered', data: register.data, occurredAt: '2012-08-01T00:00:00.000Z' }])
        .when(register, { at: '2012-07-01' })
        .thenFails('already-exists');
      spec(personDecider)
        .given([{ type: 'PersonRegistered', data: register.data }])
        .when(register, { at: '2030-01-01', now: '2026-01-01' })
        .thenFails('date-in-future');
    });

    it('gives the dates in the violation’s context', () => {
      let error: unknown;
      try {
        assertTimely('2012-01-01', '2026-01-01', '2012-02-01T00:00:00.000Z', 'body-pa');
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DomainRuleViolation);
      expect(error).toMatchObject({
        rule: 'date-goes-backwards',
        context: { occurredAt: '2012-01-01', lastOccurredAt: '2012-02-01T00:00:00.000Z' },
      });
    });
  });

  describe('assertTimely', () => {
    it('accepts the first event of a stream whatever its date, if not in the future', () => {
      expect(() => assertTimely('1829-09-29', '2026-01-01', undefined, 'body-met')).not.toThrow();
    });

    it('property: passes exactly when last <= occurredAt <= now', () => {
      const instant = fc
        .date({ min: new Date('1800-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
        .map((d) => d.toISOString());
      fc.assert(
        fc.property(instant, instant, fc.option(instant, { nil: undefined }), (occurredAt, now, last) => {
          const ok = occurredAt <= now && (last === undefined || last <= occurredAt);
          let rule: string | undefined;
          try {
            assertTimely(occurredAt, now, last, 's');
          } catch (e) {
            rule = (e as DomainRuleViolation).rule;
          }
          if (ok) expect(rule).toBeUndefined();
          else expect(rule).toBe(occurredAt > now ? 'date-in-future' : 'date-goes-backwards');
        }),
      );
    });
  });

  describe('instants', () => {
    it('reads a date alone as its first instant, in UTC', () => {
      expect(toInstant('2012-11-22')).toBe('2012-11-22T00:00:00.000Z');
      expect(toInstant('2012-11-22T09:00:00+01:00')).toBe('2012-11-22T08:00:00.000Z');
    });

    it('compares instants, not strings', () => {
      expect(isOnOrBefore('2012-11-22', '2012-11-22T00:00:00.000Z')).toBe(true);
      expect(isOnOrBefore('2012-11-22T09:00:00+01:00', '2012-11-22T08:30:00Z')).toBe(true);
      expect(isOnOrBefore('2012-11-22T00:00:01Z', '2012-11-22')).toBe(false);
    });

    it('within: a start is included, an end is not, and a missing bound is open', () => {
      expect(within('2012-11-22', '2012-11-22', undefined)).toBe(true);
      expect(within('2012-11-22', undefined, '2012-11-22')).toBe(false);
      expect(within('2012-11-21T23:59:59.999Z', undefined, '2012-11-22')).toBe(true);
      expect(within('1066-10-14', undefined, undefined)).toBe(true);
      expect(within('2012-01-01', '2012-01-02', '2012-12-31')).toBe(false);
    });
  });

  describe('ends-before-start: a period ends on or after the day it starts, at the precision each date is given', () => {
    const refusal = (start: string, end: string) => {
      try {
        ensureEndsAfterStart('a term', { field: 'startDate', date: start }, { field: 'endDate', date: end });
        return undefined;
      } catch (error) {
        return (error as DomainRuleViolation).rule;
      }
    };
    it('takes an end on the day it starts, even when the start is given with its time', () => {
      expect(refusal('2012-04-01T10:00:00Z', '2012-04-01')).toBeUndefined();
      expect(refusal('2012-04-01', '2012-04-01T09:00:00Z')).toBeUndefined();
    });
    it('takes an end given as a month or a year that may fall after the start', () => {
      expect(refusal('2012-06-15', '2012-06')).toBeUndefined();
      expect(refusal('2012-06-15', '2012')).toBeUndefined();
      expect(refusal('2012-06', '2012-06-01')).toBeUndefined();
    });
    it('refuses an end whose whole period lies before the start', () => {
      expect(refusal('2012-06-15', '2012-06-14')).toBe('ends-before-start');
      expect(refusal('2012-06-15', '2012-05')).toBe('ends-before-start');
      expect(refusal('2012-06-15', '2011')).toBe('ends-before-start');
      expect(refusal('2012-06-15T10:00:00Z', '2012-06-14T23:00:00Z')).toBe('ends-before-start');
    });
  });
});
