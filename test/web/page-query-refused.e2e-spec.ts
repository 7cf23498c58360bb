import type { Page } from 'playwright-core';
import { ALLIANCE_PROPOSAL } from '@ledger/domain';
import type { WebFixture } from '../support/web-fixture';
import { axeCheck, startJourney } from '../support/web-journey';

/*
 * A page asked with a query parameter it does not take is refused, as the JSON API refuses one:
 * `?asof=2012-12-01` (a typo of asOf) showed the present as if it were the date asked for. The
 * page answers 400 with the error page, naming the parameter in the API's words and the
 * parameters the page takes; a date not in the ledger's form is refused in the API's words too.
 * What the pages send themselves (a blank date form, the comparison's dates, the search, the
 * confirmation a clerk's form returns to) still opens the page.
 */
const PROPOSAL = `/register/proposals/${ALLIANCE_PROPOSAL}`;

/** Each dated page, the JSON read it draws, and the parameters it takes. */
const PAGES: Array<{ page: string; read: string; takes: string }> = [
  { page: PROPOSAL, read: `/proposals/${ALLIANCE_PROPOSAL}`, takes: 'asOf, knownAt, from, to' },
  {
    page: `${PROPOSAL}/decisions/discontinue-bedfordshire`,
    read: `/proposals/${ALLIANCE_PROPOSAL}/decisions/discontinue-bedfordshire`,
    takes: 'asOf, knownAt',
  },
  { page: '/register/bodies/pa-bedfordshire', read: '/bodies/pa-bedfordshire', takes: 'asOf, knownAt' },
  { page: '/register/meetings/pcc-g4s-meeting', read: '/meetings/pcc-g4s-meeting', takes: 'asOf, knownAt' },
  { page: '/register/people/olly-martins', read: '/people/olly-martins', takes: 'asOf, knownAt' },
];

describe('a page asked with a query it does not take', () => {
  let web: WebFixture;
  let page: Page;
  startJourney('the public', (journey) => {
    ({ web, page } = journey);
  });
  const check = axeCheck(() => web);
  const text = async (selector: string) => (await page.innerText(selector)).replace(/\s+/g, ' ').trim();
  /** The API's field problems as the error page lists them: "field: message". */
  const asListed = (errors: Array<{ field: string; messages: string[] }>) =>
    errors.map((e) => `${e.field}: ${[...new Set(e.messages)].join('; ')}`);
  const listed = () => page.locator('[data-testid=problem-errors] li').allInnerTexts();

  for (const { page: path, read, takes } of PAGES)
    it(`refuses ${path}?asof=, naming it as the API does and the parameters the page takes`, async () => {
      const api = await web.json(`${read}?asof=2012-12-01`);
      expect(api.code).toBe('validation-failed');
      expect((await page.goto(`${path}?asof=2012-12-01`))?.status()).toBe(400);
      expect(await text('h1')).toBe(api.title);
      expect(await listed()).toEqual(asListed(api.errors));
      expect(await text('[data-testid=problem-detail]')).toBe(`${api.detail}. This page takes ${takes}.`);
    });

  it('refuses a date not in the ledger’s form in the API’s words', async () => {
    for (const [path, read] of [
      [PROPOSAL, `/proposals/${ALLIANCE_PROPOSAL}`],
      ['/register/meetings/pcc-g4s-meeting', '/meetings/pcc-g4s-meeting'],
    ]) {
      const api = await web.json(`${read}?asOf=30/04/2013&knownAt=yesterday`);
      expect((await page.goto(`${path}?asOf=30/04/2013&knownAt=yesterday`))?.status()).toBe(400);
      expect(await listed()).toEqual(asListed(api.errors));
      expect(await text('[data-testid=problem-detail]')).toBe(api.detail);
    }
    await check(page, 'page-bad-date');
  });

  it("refuses a parameter another page takes, and a repeated one, and names the home page's", async () => {
    expect((await page.goto('/register/bodies/pa-bedfordshire?from=2012-01-01'))?.status()).toBe(400);
    expect(await text('[data-testid=problem-detail]')).toContain('from. This page takes asOf, knownAt.');
    expect((await page.goto(`${PROPOSAL}?asOf=2012-12-01&asOf=2013-01-01`))?.status()).toBe(400);
    expect(await text('[data-testid=problem-errors]')).toContain('asOf');
    expect((await page.goto('/?search=g4s'))?.status()).toBe(400);
    expect(await text('[data-testid=problem-detail]')).toContain('This page takes q.');
    await check(page, 'page-unknown-parameter');
  });

  it('opens the page with what the pages send themselves', async () => {
    for (const address of [
      // The replay form sent blank, then with a date; the comparison's form with its hidden dates.
      `${PROPOSAL}?asOf=&knownAt=`,
      `${PROPOSAL}?asOf=2012-12-01&knownAt=`,
      `${PROPOSAL}?asOf=&knownAt=&from=2012-01-01&to=2013-06-01`,
      '/register/meetings/pcc-g4s-meeting?asOf=2013-06-01',
      '/register/people/olly-martins?asOf=&knownAt=',
      // A clerk's form returns to the page it was opened from, naming what it recorded.
      `${PROPOSAL}?recorded=RecordDecision`,
      '/register/bodies/pa-bedfordshire?recorded=RegisterBody',
      '/?q=g4s',
      '/?q=',
      '/',
    ])
      expect([address, (await page.goto(address))?.status()]).toEqual([address, 200]);
    await page.goto(`${PROPOSAL}?asOf=&knownAt=&from=2012-01-01&to=2013-06-01`);
    expect(await page.locator('[data-testid=diff]').count()).toBe(1);
  });
});
