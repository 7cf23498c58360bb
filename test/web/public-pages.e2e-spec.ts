import type { Page } from 'playwright-core';
import { ALLIANCE_PROPOSAL } from '@ledger/domain';
import { PRIVATE_FIXTURE_MEETING, PRIVATE_FIXTURE_TITLE } from '@ledger/recording/testing';
import { axeCheck, label, startJourney } from '../support/web-journey';
import type { WebFixture } from '../support/web-fixture';

/*
 * The public's pages in a real browser (Debian's Chromium) against the real service on a temp
 * SQLite file with the Strategic Alliance story recorded. One browser for the file; each step is
 * one user's journey. Every page visited is checked with axe and screenshotted (docs/screenshots).
 */

// What the public must never see: the exempt agenda item, the private meeting's details, and
// who recorded entries.
const SECRETS = [
  'Findings of the review of the G4S contract to date',
  'Commercially confidential',
  PRIVATE_FIXTURE_TITLE,
  'test-clerk',
  'clerk:',
];

describe('the public, in a browser: replaying a proposal, reading every page type, verifying an entry', () => {
  let web: WebFixture;
  let page: Page;
  startJourney('the public', (journey) => {
    ({ web, page } = journey);
  });
  const check = axeCheck(() => web);

  it('replays the proposal to each of its dates with the slider and sees what the JSON API answers then', async () => {
    await page.goto(`/register/proposals/${ALLIANCE_PROPOSAL}`);
    await check(page, 'proposal');
    const slider = page.locator('#replay-slider');
    await slider.waitFor({ state: 'visible' });
    const dates = (await page.getAttribute('[data-module="app-replay-slider"]', 'data-dates'))!.split(',');
    // The reports date the proposal's steps to 2012 and 2013 alone: the slider replays each
    // year from its first day, the instant a year-precision entry counts from.
    expect(dates).toEqual(['2012-01-01', '2013-01-01']);
    const statuses = new Set<string>();
    for (const index of [0, dates.length - 1]) {
      await Promise.all([
        page.waitForURL(`**/register/proposals/${ALLIANCE_PROPOSAL}?asOf=${dates[index]}`),
        slider.evaluate((el: { value: string; dispatchEvent(event: Event): boolean }, i) => {
          el.value = String(i);
          el.dispatchEvent(new Event('input', { bubbles: true }));
          el.dispatchEvent(new Event('change', { bubbles: true }));
        }, index),
      ]);
      const api = await web.json(`/proposals/${ALLIANCE_PROPOSAL}?asOf=${dates[index]}`);
      expect((await page.textContent('[data-testid=status]'))!.trim()).toBe(label(api.status));
      const waiting = (await page.locator('[data-testid=waiting-for] li').allTextContents()).map((t) =>
        t.trim(),
      );
      expect(waiting).toEqual(
        api.waitingFor.length
          ? api.waitingFor.map((b: { name: string }) => b.name)
          : ['Nobody: no decision is outstanding.'],
      );
      expect(await page.getAttribute('[data-testid=permalink]', 'href')).toBe(
        `/register/proposals/${ALLIANCE_PROPOSAL}?asOf=${dates[index]}`,
      );
      statuses.add(api.status);
    }
    // The two dates are not the same story.
    expect(statuses.size).toBeGreaterThan(1);
  });

  it('shows the page as the ledger knew it on a date, and what changed between two dates', async () => {
    await page.goto(
      `/register/proposals/${ALLIANCE_PROPOSAL}?knownAt=2012-08-10&from=2012-08-01&to=2012-12-01`,
    );
    const api = await web.json(`/proposals/${ALLIANCE_PROPOSAL}?knownAt=2012-08-10`);
    expect((await page.textContent('[data-testid=status]'))!.trim()).toBe(label(api.status));
    const diff = await web.json(
      `/proposals/${ALLIANCE_PROPOSAL}/diff?from=2012-08-01&to=2012-12-01&knownAt=2012-08-10`,
    );
    const shown = await page.textContent('[data-testid=diff]');
    // The status inside the sentence reads as sentence text ("to recommended").
    expect(shown).toContain(`to ${label(diff.after).toLowerCase()}.`);
    expect(await page.locator('[data-testid=diff] li').count()).toBe(Math.max(1, diff.changes.length));
  });

  it('never gets the exempt item, the private meeting or who recorded entries, on any page it can reach', async () => {
    const html = await page.content();
    for (const secret of SECRETS) expect(html).not.toContain(secret);
    // Every page reachable from the home page by links, as the public, fetched whole.
    const seen = new Set<string>();
    const queue = [
      '/',
      `/register/proposals/${ALLIANCE_PROPOSAL}?asOf=2012-08-02`,
      `/register/meetings/${PRIVATE_FIXTURE_MEETING}`,
      '/problems',
    ];
    while (queue.length > 0 && seen.size < 120) {
      const url = queue.shift()!;
      if (seen.has(url)) continue;
      seen.add(url);
      const res = await web.ctx.app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
      for (const secret of SECRETS)
        expect({ url, leaks: res.body.includes(secret) ? secret : undefined }).toEqual({
          url,
          leaks: undefined,
        });
      for (const [, href] of res.body.matchAll(/href="(\/(?:register|problems)[^"#]*)"/g)) {
        const link = href.replace(/&amp;/g, '&');
        if (!seen.has(link) && !link.startsWith('/register/verify?')) queue.push(link);
      }
    }
    expect(seen.size).toBeGreaterThan(20);
    await page.goto(`/register/meetings/${PRIVATE_FIXTURE_MEETING}`);
    expect(await page.textContent('[data-testid=private-notice]')).toContain('held in private');
    await check(page, 'meeting-private');
  });

  it('reads the home, body, meeting, person and problem pages', async () => {
    await page.goto('/?q=g4s');
    expect(await page.locator('[data-testid=search-results] li').count()).toBeGreaterThan(0);
    await check(page, 'home');
    await page.goto('/register/bodies/pcc-cambridgeshire');
    expect(await page.textContent('main')).toContain('Took over from Cambridgeshire Police Authority');
    await check(page, 'body');
    await page.goto('/register/meetings/pcc-g4s-meeting');
    expect(await page.locator('[data-testid=agenda] li').count()).toBe(1);
    await check(page, 'meeting');
    await page.goto('/register/people/graham-bright');
    expect(await page.textContent('main')).toContain('Outsourcing of organisational support services to G4S');
    await check(page, 'person');
    // A problem type is a page for a browser and problem+json for an API client.
    await page.goto('/problems/advisory-body-cannot-decide');
    expect(await page.textContent('[data-testid=problem-description]')).toBe(
      'An advisory body can recommend but never decide.',
    );
    await check(page, 'problem');
    const api = await web.ctx.app.inject({
      method: 'GET',
      url: '/problems/advisory-body-cannot-decide',
      headers: { accept: 'application/json' },
    });
    expect(api.json().description).toBe('An advisory body can recommend but never decide.');
    await page.goto('/register/proposals/no-such-proposal');
    expect(await page.textContent('h1')).toBe('Not found');
    await check(page, 'error');
  });

  it('verifies an entry in the browser, and says so plainly when the proof was tampered with', async () => {
    const history = await web.json(`/proposals/${ALLIANCE_PROPOSAL}/history`);
    const eventId = history.items[2].eventId;
    await page.goto(`/register/verify?eventId=${eventId}`);
    await page.waitForSelector('[data-outcome]');
    expect(await page.getAttribute('[data-testid=verify-result]', 'data-outcome')).toBe('verified');
    expect(await page.textContent('[data-testid=verify-result]')).toContain('Ed25519 signature checks');
    await check(page, 'verify');
    await page.route('**/ledger/proofs/inclusion**', async (route) => {
      const proof = await (await route.fetch()).json();
      proof.path[0] = proof.path[0].replace(/^./, (c: string) => (c === '0' ? '1' : '0'));
      await route.fulfill({ json: proof });
    });
    await page.reload();
    await page.waitForSelector('[data-outcome]');
    expect(await page.getAttribute('[data-testid=verify-result]', 'data-outcome')).toBe('failed');
    expect(await page.textContent('[data-testid=verify-result]')).toContain("not to the checkpoint's root");
    await page.unroute('**/ledger/proofs/inclusion**');
  });
});
