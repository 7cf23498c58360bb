import type { DomainRuleViolation } from './rules';
import { ensureEndsAfterStart, firstDayOf, lastDayOf } from './time';

/*
 * Which calendar day a date names is read as it is written: a year, a month or a day at the
 * precision given, a date-time by its date part, in its own offset (the clerk's local day), never
 * moved to UTC first. Instants are for ordering (toInstant); days are for "on which day".
 */
describe('the calendar days a date names, as written', () => {
  it('reads a date-time by its date part, whatever its offset', () => {
    expect(firstDayOf('2012-06-10T00:30:00+01:00')).toBe('2012-06-10');
    expect(lastDayOf('2012-06-10T00:30:00+01:00')).toBe('2012-06-10');
    expect(firstDayOf('2012-06-10T23:30:00-02:00')).toBe('2012-06-10');
    expect(firstDayOf('2012-06-10T23:30:00.000Z')).toBe('2012-06-10');
  });

  it('reads a year, a month or a day at the precision given', () => {
    expect([firstDayOf('2012'), lastDayOf('2012')]).toEqual(['2012-01-01', '2012-12-31']);
    expect([firstDayOf('2012-02'), lastDayOf('2012-02')]).toEqual(['2012-02-01', '2012-02-29']);
    expect([firstDayOf('2012-06-10'), lastDayOf('2012-06-10')]).toEqual(['2012-06-10', '2012-06-10']);
  });

  it('lets a term end on the day it starts, each day as written', () => {
    const rule = (start: string, end: string) => {
      try {
        ensureEndsAfterStart('a term', { field: 'startDate', date: start }, { field: 'endDate', date: end });
        return undefined;
      } catch (error) {
        return (error as DomainRuleViolation).rule;
      }
    };
    // The 10th at 23:30 two hours behind UTC is the 11th in UTC: still the 10th, as written.
    expect(rule('2012-06-10T23:30:00-02:00', '2012-06-10')).toBeUndefined();
    expect(rule('2012-06-10', '2012-06-09T23:30:00-02:00')).toBe('ends-before-start');
  });
});
