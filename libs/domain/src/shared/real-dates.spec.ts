import { isRealDate } from './time';
import { unrealDateProblem } from './real-dates';

describe('unrealDateProblem: a date in one of the ledger forms names a real period or instant', () => {
  it.each([
    ['2013-02-30', 'is not a real date: 2013-02 has 28 days'],
    ['2012-02-30', 'is not a real date: 2012-02 has 29 days'],
    ['1900-02-29', 'is not a real date: 1900-02 has 28 days'],
    ['2013-04-31T10:00:00Z', 'is not a real date: 2013-04 has 30 days'],
    ['2013-02-30T10:00:00Z', 'is not a real date: 2013-02 has 28 days'],
    ['2013-00', 'is not a real date: there is no month 00'],
    ['2013-13-01', 'is not a real date: there is no month 13'],
    ['2013-01-00', 'is not a real date: 2013-01 has 31 days'],
    ['2013-02-28T24:00:00Z', expect.stringMatching(/^is not a real time: hours run from 00 to 23/)],
    ['2013-02-28T24:00Z', expect.stringMatching(/^is not a real time: hours run from 00 to 23/)],
    ['2013-02-28T10:60:00Z', 'is not a real time: minutes run from 00 to 59'],
    ['2013-02-28T23:59:60Z', expect.stringMatching(/^is not a real time: seconds run from 00 to 59/)],
    [
      '2013-02-28T10:00:00+14:30',
      expect.stringMatching(/^has no real UTC offset \(\+14:30\): offsets run from -12:00 to \+14:00/),
    ],
    ['2013-02-28T10:00:00+15:00', expect.stringMatching(/^has no real UTC offset \(\+15:00\)/)],
    ['2013-02-28T10:00:00-12:30', expect.stringMatching(/^has no real UTC offset \(-12:30\)/)],
    ['2013-02-28T10:00:00-13:00', expect.stringMatching(/^has no real UTC offset \(-13:00\)/)],
    ['2013-02-28T10:00:00+05:17', expect.stringMatching(/^has no real UTC offset \(\+05:17\)/)],
    ['2013-02-28T10:00:00+01:60', expect.stringMatching(/^has no real UTC offset \(\+01:60\)/)],
  ])('%s %s', (value, problem) => {
    expect(unrealDateProblem(value)).toEqual(problem);
  });

  it.each([
    '2013',
    '2013-02',
    '2012-02-29',
    '2000-02-29',
    '0004-02-29',
    '2013-12-31T23:59:59.999999999Z',
    '2013-01-31T00:00Z',
    '2013-01-31T10:00:00+14:00',
    '2013-01-31T10:00:00-12:00',
    '2013-01-31T10:00:00+05:45',
    '2013-01-31T10:00:00+05:30',
    '2013-01-31T10:00:00-09:30',
    '2013-01-31T10:00:00+12:45',
    '2013-01-31T10:00:00-00:00',
  ])('takes %s', (value) => {
    expect(unrealDateProblem(value)).toBeUndefined();
  });

  it('leaves what is not in a ledger form to the form rule', () => {
    for (const value of ['yesterday', '2013-W05', '20130131', '2013-01-31 10:00Z', ''])
      expect(unrealDateProblem(value)).toBeUndefined();
  });
});

describe('isRealDate: the domain judges a date as the DTOs do', () => {
  it.each([
    '2013-02-30T10:00:00Z',
    '2013-01-31T24:00:00Z',
    '2013-01-31T10:00:00+14:30',
    '2013-13',
    '2013-02-29',
  ])('refuses %s, which Date.parse would roll over or take', (value) =>
    expect(isRealDate(value)).toBe(false),
  );
  it.each(['2013', '2012-02-29', '2013-01-31T23:59:59Z', '2013-01-31T10:00:00+05:45'])('takes %s', (value) =>
    expect(isRealDate(value)).toBe(true),
  );
});
