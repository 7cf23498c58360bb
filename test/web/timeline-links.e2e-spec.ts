import type { Page } from 'playwright-core';
import { ALLIANCE_PROPOSAL } from '@ledger/domain';
import type { WebFixture } from '../support/web-fixture';
import { axeCheck, startJourney } from '../support/web-journey';

/*
 * A timeline on a record's own page links to the other records its entries name, never back to
 * the page the reader is on: the meeting's record of itself named the meeting on every entry, as
 * a link to where the reader already was. An entry that names nothing else links to nothing.
 */
const MEETING = '/register/meetings/pcc-g4s-meeting';
const PROPOSAL = `/register/proposals/${ALLIANCE_PROPOSAL}`;

describe("a timeline on a record's own page", () => {
  let web: WebFixture;
  let page: Page;
  startJourney('the public', (journey) => {
    ({ web, page } = journey);
  });
  const check = axeCheck(() => web);
  /** Each timeline entry's type and the paths of the records it links to (not the ledger check). */
  const entryLinks = () =>
    page.locator('[data-testid=timeline-entry]').evaluateAll((entries) =>
      entries.map((e) => ({
        type: e.getAttribute('data-type'),
        paths: [...e.querySelectorAll('a[href^="/register/"]:not([href^="/register/verify"])')].map(
          (a) => new URL(a.getAttribute('href') ?? '', 'http://x').pathname,
        ),
      })),
    );

  for (const [own, query] of [
    [MEETING, ''],
    [MEETING, '?asOf=2013-06-01'],
    [PROPOSAL, ''],
    [PROPOSAL, '?asOf=2013-06-01'],
  ])
    it(`links no entry on ${own}${query} back to ${own}`, async () => {
      expect((await page.goto(`${own}${query}`))?.status()).toBe(200);
      const entries = await entryLinks();
      expect(entries.length).toBeGreaterThan(0);
      expect(entries.filter((e) => e.paths.includes(own))).toEqual([]);
    });

  it('links the records an entry names that are not the page itself', async () => {
    await page.goto(MEETING);
    const decisions = (await entryLinks()).filter((e) => e.type === 'DecisionRecorded');
    expect(decisions.length).toBeGreaterThan(0);
    // Each decision taken at the meeting names its body and the proposal it decides.
    for (const d of decisions) {
      expect(d.paths).toContain(PROPOSAL);
      expect(d.paths.some((p) => p.startsWith('/register/bodies/'))).toBe(true);
    }
    await check(page, 'meeting-timeline-links');
  });
});
