import type { Page } from 'playwright-core';
import { JWG_MEETING, PCC_MEETING } from '@ledger/domain';
import { PRIVATE_FIXTURE_MEETING } from '@ledger/recording/testing';
import { startWebFixture, type WebFixture } from '../support/web-fixture';
import { fill, openPageAs, submit, TEST_SOURCE } from '../support/web-journey';

/*
 * What the reports do not give, on the pages (issue 16): the story's meetings are scheduled for
 * the year the reports give, approximate, with their publicity not stated (shown to the public in
 * full: not stated is not private); its bodies have no founding date but the PCCs'. A clerk can
 * record a meeting the same way through the console, choosing "Not stated".
 */
describe('the story as the reports give it, in a real browser', () => {
  let web: WebFixture;
  beforeAll(async () => {
    web = await startWebFixture();
  });
  afterAll(async () => web?.stop());

  const text = async (page: Page, selector: string) => ((await page.textContent(selector)) ?? '').trim();

  describe('the public', () => {
    let page: Page;
    openPageAs(
      'the public',
      () => web,
      (journey) => {
        ({ page } = journey);
      },
    );

    it("shows the PCCs' meeting whole, its publicity not stated and its year approximate", async () => {
      await page.goto(`/register/meetings/${PCC_MEETING}`);
      expect(await text(page, '[data-testid=publicity]')).toBe('Not stated');
      expect(await text(page, '[data-testid=scheduled-for]')).toBe('2013 (approximate)');
      expect(await page.locator('[data-testid=private-notice]').count()).toBe(0);
      expect(await text(page, '[data-testid=agenda]')).toContain(
        'Outsourcing to G4S through the Lincolnshire framework',
      );
      expect(await text(page, '[data-testid=attendance]')).toContain('Sir Graham Bright');
      // Never a fake first day.
      expect(await page.textContent('main')).not.toContain('1 January 2013');
      expect({ violations: await web.audit(page, 'meeting-not-stated') }).toEqual({ violations: [] });
    });

    it("still withholds a meeting stated to be private (the tests' own, from no source)", async () => {
      await page.goto(`/register/meetings/${PRIVATE_FIXTURE_MEETING}`);
      expect(await text(page, '[data-testid=publicity]')).toBe('No: held in private');
      expect(await text(page, '[data-testid=private-notice]')).toContain('held in private');
    });

    it("says a police authority's founding date is not stated, and gives the PCC's as the fact it is", async () => {
      await page.goto('/register/bodies/pa-hertfordshire');
      expect(await text(page, '[data-testid=founding-date]')).toBe('Not stated');
      await page.goto('/register/bodies/pcc-hertfordshire');
      expect(await text(page, '[data-testid=founding-date]')).toBe('22 November 2012');
      expect(await page.locator(`a[href="/register/meetings/${PCC_MEETING}"]`).count()).toBe(1);
      // Held: listed at the date of its holding, the year as given (never 1 January 2013).
      expect(
        await page.locator(`li:has(a[href="/register/meetings/${PCC_MEETING}"]) strong`).innerText(),
      ).toBe('2013 (approximate)');
    });
  });

  describe('a clerk', () => {
    let page: Page;
    openPageAs(
      'clerk',
      () => web,
      (journey) => {
        ({ page } = journey);
      },
    );

    it('schedules a meeting for a month, approximate, its publicity "Not stated", and reads it back so', async () => {
      await page.goto('/console/record/scheduleMeeting');
      // "Not stated" is offered beside Yes and No, and chosen until the clerk says otherwise.
      expect(await page.isChecked('[name="public"][value="not-stated"]')).toBe(true);
      await fill(page, {
        meetingId: 'jwg-later-meeting',
        title: 'The working group meets again',
        bodyIds: 'jwg',
        scheduledFor: '2012-09',
        scheduledForApproximate: 'yes',
        occurredAt: '2012',
        ...TEST_SOURCE,
      });
      await submit(page);
      await web.ctx.settle();
      const read = await web.client.call('getMeeting', { params: { meetingId: 'jwg-later-meeting' } });
      expect(read.body).toMatchObject({
        scheduledFor: '2012-09',
        scheduledForPrecision: 'month',
        scheduledForApproximate: true,
        publicity: 'not-stated',
      });
      expect(read.body).not.toHaveProperty('public');
      await page.goto('/register/meetings/jwg-later-meeting');
      expect(await text(page, '[data-testid=publicity]')).toBe('Not stated');
      expect(await text(page, '[data-testid=scheduled-for]')).toBe('September 2012 (approximate)');
      // The story's own working-group meeting reads the same way.
      await page.goto(`/register/meetings/${JWG_MEETING}`);
      expect(await text(page, '[data-testid=scheduled-for]')).toBe('2012 (approximate)');
    });
  });
});
