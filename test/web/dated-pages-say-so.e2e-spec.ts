import type { Page } from 'playwright-core';
import { ALLIANCE_PROPOSAL } from '@ledger/domain';
import type { WebFixture } from '../support/web-fixture';
import { axeCheck, startJourney } from '../support/web-journey';

/*
 * A page drawn at a date says so. The decision record, a body's page and a person's page honour
 * `asOf` and `knownAt` as the proposal and meeting pages do, but drew the record of then as if it
 * were now: a reader who followed a dated link could not tell. Each says the date it is drawn at in
 * the proposal page's words ("as of 1 June 2013, as the ledger knew it on ...") with a link to the
 * page now; drawn now, none says anything of a date.
 */
const PAGES = {
  decision: `/register/proposals/${ALLIANCE_PROPOSAL}/decisions/discontinue-bedfordshire`,
  body: '/register/bodies/pa-bedfordshire',
  person: '/register/people/olly-martins',
};

describe('the decision, body and person pages say the date they are drawn at', () => {
  let web: WebFixture;
  let page: Page;
  startJourney('the public', (journey) => {
    ({ web, page } = journey);
  });
  const check = axeCheck(() => web);
  const notice = async () => (await page.innerText('[data-testid=cut-notice]')).replace(/\s+/g, ' ').trim();

  for (const [kind, path] of Object.entries(PAGES))
    it(`says the ${kind} page is drawn as of a date, with a link to it now`, async () => {
      expect((await page.goto(`${path}?asOf=2013-06-01`))?.status()).toBe(200);
      expect(await notice()).toBe('Shown as of 1 June 2013. Show it now');
      expect(await page.getAttribute('[data-testid=cut-notice] a', 'href')).toBe(path);
      await check(page, `${kind}-as-of`);
      await page.goto(path);
      expect(await page.locator('[data-testid=cut-notice]').count()).toBe(0);
    });

  it('says so as the ledger knew it on a date', async () => {
    await page.goto(`${PAGES.decision}?asOf=2013-06-01&knownAt=2013-03-01`);
    expect(await notice()).toBe(
      'Shown as of 1 June 2013, as the ledger knew it on 1 March 2013. Show it now',
    );
    await page.goto(`${PAGES.body}?knownAt=2013-03-01`);
    expect(await notice()).toBe('Shown as of now, as the ledger knew it on 1 March 2013. Show it now');
  });
});
