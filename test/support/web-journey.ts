import type { BrowserContext, Page } from 'playwright-core';
import { startWebFixture, type WebFixture } from './web-fixture';

/*
 * A user's journey through the web in a real browser, as the browser specs in test/web walk it
 * (the public's pages, a clerk's console, an auditor's views, signing out): the service and the
 * browser for the spec file, a page as one user, the axe check every page visited gets, and the
 * steps of a console form. The service, the browser and signing in themselves are
 * test/support/web-fixture.ts's.
 */

/** Who is in the browser: the public (not signed in), or a user signed in with their role's token. */
export type Who = 'the public' | 'clerk' | 'auditor';

/** What a journey's spec drives: the fixture, and its page in its own browser context. */
export interface Journey {
  web: WebFixture;
  context: BrowserContext;
  page: Page;
}

/**
 * Starts the web fixture before a spec file's tests with one page as `who` (signed in with their
 * token; the public's, without one) and hands them to `started`; closes and stops them after.
 */
export function startJourney(who: Who, started: (journey: Journey) => void) {
  let web: WebFixture | undefined;
  // The service with the story recorded, and Chromium: slow on a loaded 2-core machine.
  beforeAll(async () => {
    web = await startWebFixture();
  }, 120_000);
  openPageAs(who, () => web!, started);
  afterAll(async () => web?.stop());
}

/**
 * Opens a page as `who` in a browser context of its own on the started fixture before the enclosing
 * describe's tests, hands them to `started`, and closes the context after (before the fixture stops).
 */
export function openPageAs(who: Who, fixture: () => WebFixture, started: (journey: Journey) => void) {
  let context: BrowserContext | undefined;
  beforeAll(async () => {
    const web = fixture();
    context = await web.context(who === 'the public' ? undefined : web.ctx.tokens[who]);
    started({ web, context, page: await context.newPage() });
  });
  afterAll(async () => context?.close());
}

/** The check for a spec's fixture, read when called (the fixture starts in a beforeAll). */
export function axeCheck(fixture: () => WebFixture) {
  // Axe reports no serious or critical violation on any page type.
  return async (page: Page, name: string) => {
    expect({ page: name, violations: await fixture().audit(page, name) }).toEqual({
      page: name,
      violations: [],
    });
  };
}

/** A status as the pages show it: `in-progress` is "In progress". */
export const label = (s: string) => s.charAt(0).toUpperCase() + s.slice(1).replace(/-/g, ' ');

/** Fills a console form by field name: text, selects and yes/no radios. */
export async function fill(page: Page, values: Record<string, string>) {
  for (const [name, value] of Object.entries(values)) {
    const field = page.locator(`[name="${name}"]`).first();
    const tag = await field.evaluate((el: { tagName: string; type?: string }) => `${el.tagName}:${el.type}`);
    if (tag.startsWith('SELECT')) await field.selectOption(value);
    else if (tag === 'INPUT:radio') await page.check(`[name="${name}"][value="${value}"]`);
    else await field.fill(value);
  }
}

/** The source the clerk's forms cite. */
export const SOURCE = {
  'source.kind': 'minutes',
  'source.reference': 'Hertfordshire PCC decision meeting, March 2013',
};

/** The source a form cites for what the reports do not give: the test's own, from no report. */
export const TEST_SOURCE = {
  'source.kind': 'test',
  'source.reference': 'not from the reports: a browser test',
};

/** Sends the page's console form and waits for the page it answers with. */
export const submit = (page: Page) =>
  Promise.all([
    page.waitForNavigation(),
    page.click('form[data-testid] button[type=submit], form[data-testid] button:not([type])'),
  ]);

/**
 * Schedules a public meeting of Hertfordshire's PCC for May 2013 through the API, for a spec that
 * then records it live through the console.
 */
export function scheduleHertsMeeting(
  web: WebFixture,
  meetingId: string,
  source: { kind: string; reference: string },
) {
  return web.record(
    'scheduleMeeting',
    {},
    {
      meetingId,
      title: `Hertfordshire PCC: ${meetingId}`,
      bodyIds: ['pcc-hertfordshire'],
      scheduledFor: '2013-05-09',
      public: true,
      occurredAt: '2013-04-20',
    },
    source,
  );
}
