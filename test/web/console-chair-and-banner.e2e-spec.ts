import type { Page } from 'playwright-core';
import type { WebFixture } from '../support/web-fixture';
import { fill, scheduleHertsMeeting, startJourney, submit, TEST_SOURCE } from '../support/web-journey';

const source = { kind: 'test', reference: 'not from the reports: a browser test' };

/*
 * The live console's attendance form records the chair the clerk picks (the select posts the
 * chair whole, as JSON); a chair the form cannot read is refused naming it, never dropped. And a
 * record saved from a proposal page comes back to it with the same confirmation the console shows.
 */
describe('the chair of a meeting held, and the confirmation of a record, in a real browser', () => {
  let web: WebFixture;
  let page: Page;
  startJourney('clerk', (journey) => {
    ({ web, page } = journey);
  });
  const schedule = (meetingId: string) => scheduleHertsMeeting(web, meetingId, source);
  const attendance = async (meetingId: string) => {
    await page.goto(`/console/meetings/${meetingId}`);
    await page.check('input[name="attendees[]"][value*="david-lloyd"]');
    await page.selectOption('#field-chair', { label: 'David Lloyd' });
    await fill(page, { occurredAt: '2013-05-09', ...TEST_SOURCE });
  };

  it('records the chair picked in the attendance form, and the meeting page names them', async () => {
    await schedule('herts-2013-05-chair');
    await attendance('herts-2013-05-chair');
    await submit(page);
    expect(await page.textContent('[data-testid=recorded-banner]')).toContain('Record meeting held');
    const meeting = await web.json('/meetings/herts-2013-05-chair');
    expect(meeting.chair).toMatchObject({ personId: 'david-lloyd', bodyId: 'pcc-hertfordshire' });
    await page.goto('/register/meetings/herts-2013-05-chair');
    const chair = page.locator('.govuk-summary-list__row', { hasText: 'Chair' });
    expect((await chair.innerText()).replace(/\s+/g, ' ').trim()).toBe('Chair David Lloyd');
    await web.audit(page, 'meeting-with-chair');
  });

  it('refuses a chair it cannot read, naming it, and records nothing', async () => {
    await schedule('herts-2013-05-bad-chair');
    await attendance('herts-2013-05-bad-chair');
    // What a tampered or stale form posts: not the chair as JSON.
    await page
      .locator('#field-chair option:checked')
      .evaluate((o: { value: string }) => (o.value = '{"personId": "david-lloyd"'));
    const head = await web.ctx.store.head();
    await submit(page);
    expect(await page.textContent('[data-testid=error-summary]')).toContain('Chair');
    expect(await web.ctx.store.head()).toBe(head);
  });

  it('confirms a record saved from a proposal page on its return there', async () => {
    await page.goto('/register/proposals/herts-support-services');
    await Promise.all([
      page.waitForURL('**/console/record/recordDecision**'),
      page.click('a:has-text("Record a decision on this proposal")'),
    ]);
    await fill(page, {
      decisionId: 'herts-banner-decision',
      bodyId: 'pcc-hertfordshire',
      personId: 'david-lloyd',
      postId: 'commissioner',
      outcome: 'defer',
      rationale: 'Deferred for a fuller business case.',
      occurredAt: '2013-05-09',
      ...TEST_SOURCE,
    });
    await submit(page);
    expect(page.url()).toContain('/register/proposals/herts-support-services?recorded=RecordDecision');
    const banner = page.locator('[data-testid=recorded-banner]');
    expect(await banner.innerText()).toContain('Recorded: Record decision');
    await web.audit(page, 'proposal-recorded-banner');
  });
});
