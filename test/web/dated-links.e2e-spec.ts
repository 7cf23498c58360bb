import type { Page } from 'playwright-core';
import { ALLIANCE_PROPOSAL } from '@ledger/domain';
import type { WebFixture } from '../support/web-fixture';
import { axeCheck, startJourney } from '../support/web-journey';

/*
 * A reader replaying a date stays at that date. On a page drawn `?asOf=` (what had happened by
 * then), `?knownAt=` (only what the ledger had recorded by then) or both, every link to another
 * record of the register (a body, a person, a decision, a meeting, another proposal) opens that
 * page at the same date(s), not as it is today. The links that leave the replay on purpose stay
 * as they are: "Show it now" (the page's own address), checking an entry in the ledger, a
 * document's content, the audit pages and the console.
 */

/** Everything here was recorded today: known by tomorrow, not before. */
const KNOWN = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
const PROPOSAL = `/register/proposals/${ALLIANCE_PROPOSAL}`;

/** Each kind of dated page, at a date it existed on, as a path and the dates it is drawn at. */
const DATED: Array<[string, Record<string, string>]> = [
  [PROPOSAL, { asOf: '2012-12-01' }],
  [PROPOSAL, { knownAt: KNOWN }],
  [PROPOSAL, { asOf: '2013-06-01', knownAt: KNOWN }],
  [`${PROPOSAL}/decisions/discontinue-bedfordshire`, { asOf: '2013-06-01' }],
  ['/register/bodies/pa-bedfordshire', { asOf: '2012-12-01' }],
  ['/register/bodies/pcc-hertfordshire', { asOf: '2013-06-01', knownAt: KNOWN }],
  ['/register/meetings/pcc-g4s-meeting', { asOf: '2013-06-01' }],
  ['/register/meetings/jwg-g4s-meeting', { knownAt: KNOWN }],
  ['/register/people/olly-martins', { asOf: '2013-06-01' }],
];

/** Where a link leaves the replay on purpose: it is not another record's page at the date. */
const LEAVES_REPLAY = /^\/register\/(audit|verify|documents)(\/|$|\?)/;

describe('links from a page drawn at a date keep the date', () => {
  let web: WebFixture;
  let page: Page;
  startJourney('the public', (journey) => {
    ({ web, page } = journey);
  });
  const check = axeCheck(() => web);
  /** Every link of the page's content to a page of the register. */
  const registerLinks = () =>
    page
      .locator('main a[href^="/register/"]')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href')!));

  for (const [path, dates] of DATED) {
    const query = `?${new URLSearchParams(dates).toString()}`;
    it(`links from ${path}${query} to other records at the same date`, async () => {
      expect((await page.goto(`${path}${query}`))?.status()).toBe(200);
      const links = (await registerLinks()).filter((href) => href !== path && !LEAVES_REPLAY.test(href));
      expect(links.length).toBeGreaterThan(0);
      const undated = links.filter((href) => {
        const url = new URL(href, web.base);
        return (
          url.searchParams.get('asOf') !== (dates.asOf ?? null) ||
          url.searchParams.get('knownAt') !== (dates.knownAt ?? null)
        );
      });
      expect(undated).toEqual([]);
    });
  }

  it('lands on the page followed at the same date, which says so', async () => {
    await page.goto(`${PROPOSAL}?asOf=2012-12-01`);
    const body = page.locator('[data-testid=waiting-for] a').first();
    await Promise.all([page.waitForURL('**/register/bodies/**'), body.click()]);
    expect(new URL(page.url()).searchParams.get('asOf')).toBe('2012-12-01');
    expect((await page.innerText('[data-testid=cut-notice]')).replace(/\s+/g, ' ')).toContain(
      'Shown as of 1 December 2012.',
    );
    await check(page, 'followed-at-a-date');
  });

  it('keeps links to today where the page is drawn now, and leaves the replay where it means to', async () => {
    await page.goto(PROPOSAL);
    expect(
      (await registerLinks()).filter((href) => href.includes('asOf') || href.includes('knownAt')),
    ).toEqual([]);
    await page.goto(`${PROPOSAL}?asOf=2013-06-01`);
    // "Show it now" and checking an entry in the ledger are not replayed.
    const leaving = (await registerLinks()).filter((href) => href === PROPOSAL || LEAVES_REPLAY.test(href));
    expect(leaving).toContain(PROPOSAL);
    expect(leaving.some((href) => href.startsWith('/register/verify?eventId='))).toBe(true);
    expect(leaving.filter((href) => /[?&](asOf|knownAt)=/.test(href))).toEqual([]);
  });
});
