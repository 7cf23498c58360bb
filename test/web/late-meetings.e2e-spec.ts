import type { Page } from 'playwright-core';
import { PCC_MEETING } from '@ledger/domain';
import type { WebFixture } from '../support/web-fixture';
import { fill, startJourney, submit, TEST_SOURCE } from '../support/web-journey';

/*
 * Late-found meeting facts and uncertain meeting dates (issue 16), on the pages: a meeting held
 * in a month no day of which is known reads "August 2012 (approximate)", never a fake first day;
 * minutes found later are recorded dated where they belong, before the meeting's latest entry,
 * and a page drawn as of a date before them does not show them.
 */
describe('late-found minutes and uncertain held dates, in a real browser', () => {
  let web: WebFixture;
  let page: Page;
  startJourney('clerk', (journey) => {
    ({ web, page } = journey);
  });

  const text = async (selector: string) => ((await page.textContent(selector)) ?? '').trim();
  const source = { kind: 'test', reference: 'not from the reports: a browser test' };
  const meetingId = 'jwg-late-minutes';

  it("shows the story's PCC meeting held in 2013, approximate, as the reports give it", async () => {
    await page.goto(`/register/meetings/${PCC_MEETING}`);
    expect(await text('[data-testid=held-on]')).toBe('2013 (approximate)');
    expect(await page.textContent('main')).not.toContain('1 January 2013');
  });

  it('postpones a meeting to a month, approximate, through the console', async () => {
    await web.record(
      'scheduleMeeting',
      {},
      {
        meetingId,
        title: 'The working group, minuted late',
        bodyIds: ['jwg'],
        scheduledFor: '2012-07',
        occurredAt: '2012-06',
      },
      source,
    );
    await page.goto(`/console/record/postponeMeeting?meetingId=${meetingId}`);
    await fill(page, {
      meetingId,
      reason: 'The chair was away',
      newDate: '2012-08',
      newDateApproximate: 'yes',
      occurredAt: '2012-06-20',
      ...TEST_SOURCE,
    });
    await submit(page);
    expect(await text('[data-testid=recorded]')).toContain('Postpone a meeting');
    await web.ctx.settle();
    await page.goto(`/register/meetings/${meetingId}`);
    expect(await text('[data-testid=scheduled-for]')).toBe('August 2012 (approximate)');
    expect(await text('[data-testid=held-on]')).toBe('Not yet held');
  });

  it('reads the meeting held in that month as given, never as its first day', async () => {
    await web.record(
      'recordMeetingHeld',
      { meetingId },
      { attendees: [], heldOnApproximate: true, occurredAt: '2012-08' },
      source,
    );
    await web.ctx.settle();
    await page.goto(`/register/meetings/${meetingId}`);
    expect(await text('[data-testid=held-on]')).toBe('August 2012 (approximate)');
    expect(await page.textContent('main')).not.toContain('1 August 2012');
    const read = await web.client.call('getMeeting', { params: { meetingId } });
    expect(read.body).toMatchObject({ heldOn: '2012-08', heldOnPrecision: 'month', heldOnApproximate: true });
  });

  it('records minutes found later, dated before the latest entry, and draws them from their date', async () => {
    await web.record(
      'addAgendaItem',
      { meetingId },
      { itemId: 'later', title: 'An item recorded later', exempt: false, occurredAt: '2012-10' },
      source,
    );
    await page.goto(`/console/record/approveMinutes?meetingId=${meetingId}`);
    await fill(page, {
      meetingId,
      minutesReference: 'Minutes found in 2014',
      occurredAt: '2012-09',
      ...TEST_SOURCE,
    });
    await submit(page);
    expect(await text('[data-testid=recorded]')).toContain('Recorded');
    // The notice, too, recorded after the meeting was held.
    await web.record(
      'publishMeetingNotice',
      { meetingId },
      { publishedOn: '2012-07-25', occurredAt: '2012-07-25' },
      source,
    );
    await web.ctx.settle();

    await page.goto(`/register/meetings/${meetingId}`);
    expect(await text('[data-testid=minutes]')).toBe('Minutes found in 2014 (approved September 2012)');
    expect(await text('[data-testid=conduct]')).toContain('Published 25 July 2012');
    expect({ violations: await web.audit(page, 'meeting-late-minutes') }).toEqual({ violations: [] });
    // The meeting page is drawn now; its JSON read takes the cut: each entry from its own date.
    const asOf = async (date: string) =>
      (await web.client.call('getMeeting', { params: { meetingId }, query: { asOf: date } })).body;
    expect(await asOf('2012-08-15')).toMatchObject({ notice: { publishedOn: '2012-07-25' } });
    expect(await asOf('2012-08-15')).not.toHaveProperty('minutes');
    expect(await asOf('2012-09-15')).toMatchObject({
      minutes: { approvedOn: '2012-09', approvedOnPrecision: 'month' },
    });
    expect(await asOf('2012-07-20')).not.toHaveProperty('notice');
  });
});
