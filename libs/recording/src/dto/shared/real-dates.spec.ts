import { problemsOf, valid } from '../testing/command-problems';
import { validateCommandData } from '../validate-command';

describe('date fields of commands: one clear message, on the field as sent', () => {
  it.each([
    ['2013-02-30', 'endDate is not a real date: 2013-02 has 28 days'],
    ['2013-02-30T10:00:00Z', 'endDate is not a real date: 2013-02 has 28 days'],
    ['2013-02-28T10:00:00+14:30', expect.stringMatching(/^endDate has no real UTC offset \(\+14:30\)/)],
    ['2013-02-28T24:00:00Z', expect.stringMatching(/^endDate is not a real time/)],
    [
      'yesterday',
      'endDate must be a date (2012-11-22) or a date-time with its time zone (2012-11-22T10:00:00Z)',
    ],
  ])('a date or date-time (DateField): %s', (endDate, message) => {
    expect(problemsOf('RecordOfficeHolderLeft', valid('RecordOfficeHolderLeft', { endDate }))).toEqual([
      { field: 'endDate', messages: [message] },
    ]);
  });

  it.each([
    ['2013-13', 'scheduledFor is not a real date: there is no month 13'],
    ['2013-02-30T10:00:00Z', 'scheduledFor is not a real date: 2013-02 has 28 days'],
    ['2013-02-28T10:00:00-12:30', expect.stringMatching(/^scheduledFor has no real UTC offset \(-12:30\)/)],
    ['2013-02-28T24:00:00Z', expect.stringMatching(/^scheduledFor is not a real time/)],
  ])('a date at any precision (UncertainDateField): %s', (scheduledFor, message) => {
    expect(problemsOf('ScheduleMeeting', valid('ScheduleMeeting', { scheduledFor }))).toEqual([
      { field: 'scheduledFor', messages: [message] },
    ]);
  });

  it('takes the offsets at the ends of the range', () => {
    for (const endDate of ['2012-11-22T10:00:00+14:00', '2012-11-22T10:00:00-12:00'])
      expect(
        validateCommandData('RecordOfficeHolderLeft', valid('RecordOfficeHolderLeft', { endDate })),
      ).toMatchObject({ endDate });
  });
});
