import type { TrailEntry } from '../view-models/ledger-reader';
import { replaySteps } from '../view-models/timeline.view';
import { dateAsGiven, onDateAsGiven } from './template-filters';

const entry = (occurredAt: string, occurredAtApproximate = false) =>
  ({ type: 'ClaimRecorded', occurredAt, occurredAtApproximate }) as TrailEntry;

describe('a date that may be approximate, as every page says it', () => {
  it('reads as the year, month or day given, and says when it is approximate', () => {
    expect(dateAsGiven('2013', true)).toBe('2013 (approximate)');
    expect(dateAsGiven('2014-03', true)).toBe('March 2014 (approximate)');
    expect(dateAsGiven('2013-01-31', false)).toBe('31 January 2013');
    expect(dateAsGiven('2013', undefined)).toBe('2013');
    expect(dateAsGiven(undefined, true)).toBe('');
  });

  it('takes "on" for a day and "in" for a year or a month', () => {
    expect(onDateAsGiven('2013', true)).toBe('in 2013 (approximate)');
    expect(onDateAsGiven('2014-03', false)).toBe('in March 2014');
    expect(onDateAsGiven('2013-01-31', true)).toBe('on 31 January 2013 (approximate)');
    expect(onDateAsGiven('2013-01-31T10:30:00Z', false)).toBe('on 31 January 2013, 10:30 UTC');
  });

  it("labels the replay slider's steps as the dates they are, never a fake first day", () => {
    expect(
      replaySteps([
        entry('2012', true),
        entry('2013', true),
        entry('2014-03', true),
        entry('2012-11-22'),
        // The same first day given exactly and as a year: the exact label is the truer one.
        entry('2015', true),
        entry('2015-01-01'),
      ]),
    ).toEqual([
      { day: '2012-01-01', label: '2012 (approximate)' },
      { day: '2012-11-22', label: '22 November 2012' },
      { day: '2013-01-01', label: '2013 (approximate)' },
      { day: '2014-03-01', label: 'March 2014 (approximate)' },
      { day: '2015-01-01', label: '1 January 2015' },
    ]);
  });
});
