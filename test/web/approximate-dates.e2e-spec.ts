import type { Page } from 'playwright-core';
import { ALLIANCE_PROPOSAL } from '@ledger/domain';
import { decisionsRegisterRows, type WebFixture } from '../support/web-fixture';
import { startJourney } from '../support/web-journey';

/*
 * Dates that are approximate (a year or a month the reports give, never a day) read as what they
 * are on every page that shows them, in the words the meeting page uses: "2013 (approximate)",
 * never a fake first day ("1 January 2013") or a bare "2013" that looks exact. The story's
 * decisions on the G4S proposal are dated 2013, approximate; the replay slider steps through them.
 */
describe('approximate dates, as every page shows them, in a real browser', () => {
  let web: WebFixture;
  let page: Page;
  startJourney('the public', (journey) => {
    ({ web, page } = journey);
  });
  const text = async (selector: string) => ((await page.innerText(selector)) ?? '').trim();

  beforeAll(async () => {
    // A claim found later, dated to a month: the slider steps to it as the month it is.
    await web.record(
      'recordClaim',
      { proposalId: ALLIANCE_PROPOSAL },
      {
        claimId: 'late-month',
        subject: 'savings',
        amount: 1000,
        unit: 'GBP',
        qualifier: 'about',
        claimant: 'a report found later',
        statement: 'about £1,000',
        occurredAt: '2014-03',
        occurredAtApproximate: true,
      },
      { kind: 'test', reference: 'not from the reports: a browser test' },
    );
  });

  it("labels the replay slider's approximate dates as the year or month they are, on the server and while dragging", async () => {
    await page.goto(`/register/proposals/${ALLIANCE_PROPOSAL}`);
    expect(await text('[data-testid=slider-date]')).toBe('March 2014 (approximate)');
    const slider = page.locator('#replay-slider');
    expect(await slider.getAttribute('aria-valuetext')).toBe('March 2014 (approximate)');
    // Dragging to the step before: the label the script writes reads as the server's does.
    await slider.evaluate((el: { value: string; dispatchEvent(e: unknown): boolean }) => {
      el.value = String(Number(el.value) - 1);
      el.dispatchEvent(new Event('input'));
    });
    expect(await text('[data-testid=slider-date]')).toBe('2013 (approximate)');
    expect(await slider.getAttribute('aria-valuetext')).toBe('2013 (approximate)');
    await slider.evaluate((el: { value: string; dispatchEvent(e: unknown): boolean }) => {
      el.value = '0';
      el.dispatchEvent(new Event('input'));
    });
    expect(await text('[data-testid=slider-date]')).toBe('2012 (approximate)');
    // No step reads as a fake first day of its year or month.
    const labels: string[] = JSON.parse(
      (await page.getAttribute('[data-module=app-replay-slider]', 'data-labels')) ?? '[]',
    );
    expect(labels).toEqual(expect.arrayContaining(['2012 (approximate)', '2013 (approximate)']));
    expect(labels.filter((l) => /^1 (January|March) 201[234]$/.test(l))).toEqual([]);
    await web.audit(page, 'proposal-approximate-dates');
  });

  it("says a decision's approximate date is approximate in the positions table", async () => {
    await page.goto(`/register/proposals/${ALLIANCE_PROPOSAL}`);
    const row = page.locator('[data-testid=positions] tr', { hasText: 'Olly Martins' });
    expect(await row.innerText()).toContain('Reject in 2013 (approximate) by Olly Martins');
  });

  it('says so in the recent decisions on the home page', async () => {
    await page.goto('/');
    const recent = page.locator('li', { hasText: 'Police and Crime Commissioner for Bedfordshire – Reject' });
    expect((await recent.innerText()).startsWith('2013 (approximate): ')).toBe(true);
    await web.audit(page, 'home-approximate-dates');
  });

  it("says so on the decision record, with the signer's name", async () => {
    await page.goto(`/register/proposals/${ALLIANCE_PROPOSAL}/decisions/discontinue-bedfordshire`);
    expect(await text('[data-testid=row-date]')).toBe('2013 (approximate)');
    expect(await text('[data-testid=row-signed]')).toBe('By Olly Martins in 2013 (approximate)');
    await web.audit(page, 'decision-approximate-dates');
  });

  it("says so in a body's and a person's decisions register", async () => {
    const body = await decisionsRegisterRows(page, '/register/bodies/pcc-bedfordshire');
    expect(body['discontinue-bedfordshire']).toMatchObject({
      date: '2013 (approximate)',
      signed: 'Olly Martins, 2013 (approximate)',
    });
    const person = await decisionsRegisterRows(page, '/register/people/olly-martins');
    expect(person['discontinue-bedfordshire']).toMatchObject({ date: '2013 (approximate)' });
    await web.audit(page, 'person-approximate-dates');
  });
});
