import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { seriousViolations } from '../support/browser';
import type { WebFixture } from '../support/web-fixture';
import { fill, scheduleHertsMeeting, startJourney, submit, TEST_SOURCE } from '../support/web-journey';
import { PRIVATE_FIXTURE_MEETING } from '@ledger/recording/testing';

const source = { kind: 'test', reference: 'not from the reports: a browser test' };
/** The plain words the forms use when no source is given. */
const NO_SOURCE = 'Enter where this entry comes from: the kind of source and its reference';
// Outside the repository: these are for looking at, not the README's screenshots.
const SHOTS = join(tmpdir(), 'ledger-console-errors-and-names');

/*
 * What a QA pass found: a slip on the live console's attendance form lost what the clerk had
 * ticked; a missing source was reported in the API's words, beside no field; the public pages
 * named bodies, people, meetings and proposals by id; a private meeting not yet held was "held";
 * page titles did not match their headings; and the sign-out sat outside every landmark.
 */
describe('the console keeps what was entered through errors, and the pages name what they show', () => {
  let web: WebFixture;
  let page: Page;
  startJourney('clerk', (journey) => {
    ({ web, page } = journey);
  });
  const text = async (selector: string) =>
    (await page.locator(selector).innerText()).replace(/\s+/g, ' ').trim();
  /** A screenshot to look at, and axe on the page (no serious or critical violation). */
  const look = async (name: string) => {
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
    expect({ page: name, violations: await seriousViolations(page) }).toEqual({ page: name, violations: [] });
  };
  const nameOf = {
    body: async (id: string) => String((await web.json(`/bodies/${id}`)).name),
    person: async (id: string) => String((await web.json(`/people/${id}`)).displayName),
  };

  describe('the live console attendance form', () => {
    const meetingId = 'herts-2013-05-errors';
    beforeAll(async () => {
      await scheduleHertsMeeting(web, meetingId, source);
    });

    it('shows the console again with its errors and everything entered, and records once corrected', async () => {
      await page.goto(`/console/meetings/${meetingId}`);
      await page.check('input[name="attendees[]"][value*="david-lloyd"]');
      await page.selectOption('#field-chair', { label: 'David Lloyd' });
      await fill(page, { occurredAt: '10 Sept 2014' });
      await submit(page);
      // The console itself, at its own address: a reload shows it again.
      expect(new URL(page.url()).pathname).toBe(`/console/meetings/${meetingId}`);
      await page.locator('[data-testid=attendance-form]').waitFor();
      const summary = page.locator('[data-testid=error-summary]');
      expect(await summary.innerText()).toContain(NO_SOURCE);
      const hrefs = await summary.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      expect(hrefs).toEqual(expect.arrayContaining(['#field-occurredAt', '#field-source-kind']));
      expect(await page.locator('#field-occurredAt-error').count()).toBe(1);
      expect(await text('#field-source-kind-error')).toContain(NO_SOURCE);
      // What the clerk entered is still there.
      expect(await page.isChecked('input[name="attendees[]"][value*="david-lloyd"]')).toBe(true);
      expect(await page.locator('#field-chair option:checked').innerText()).toBe('David Lloyd');
      expect(await page.inputValue('#field-occurredAt')).toBe('10 Sept 2014');
      expect(await page.title()).toMatch(/^Error: /);
      await look('console-attendance-errors');

      await fill(page, { occurredAt: '2013-05-09', ...TEST_SOURCE });
      await submit(page);
      expect(await page.textContent('[data-testid=recorded-banner]')).toContain('Record meeting held');
      const meeting = await web.json(`/meetings/${meetingId}`);
      expect(meeting.chair).toMatchObject({ personId: 'david-lloyd' });
      expect(meeting.attendees).toEqual([expect.objectContaining({ personId: 'david-lloyd' })]);
      // The console names who attended.
      expect(await page.locator('main').innerText()).toContain(`${await nameOf.person('david-lloyd')}, `);
    });

    it('records a meeting held with no attendees from the generic form, as the hint says it may', async () => {
      await web.record(
        'scheduleMeeting',
        {},
        {
          meetingId: `${meetingId}-2`,
          title: 'Another',
          bodyIds: ['pcc-hertfordshire'],
          scheduledFor: '2013-05-10',
          public: true,
          occurredAt: '2013-04-20',
        },
        source,
      );
      await page.goto(`/console/record/recordMeetingHeld?meetingId=${meetingId}-2`);
      expect(await page.locator('label[for=field-attendees]').innerText()).toContain('(optional)');
      await fill(page, { occurredAt: '2013-05-10', ...TEST_SOURCE });
      await submit(page);
      expect(await page.locator('[data-testid=error-summary]').count()).toBe(0);
      expect((await web.json(`/meetings/${meetingId}-2`)).status).toBe('held');
    });
  });

  describe('a missing source on the generic forms', () => {
    it('marks the source as required, and names it in plain words beside its field', async () => {
      await page.goto('/console/record/scheduleMeeting');
      expect(await page.locator('label[for=field-source-kind]').innerText()).not.toContain('(optional)');
      expect(await page.locator('label[for=field-source-reference]').innerText()).not.toContain('(optional)');
      // Empty: the source is listed with the other missing fields.
      await submit(page);
      const summary = page.locator('[data-testid=error-summary]');
      expect(await summary.innerText()).toContain(NO_SOURCE);
      expect(await summary.innerText()).toContain('Enter meeting id');
      expect(await summary.locator(`a:has-text("${NO_SOURCE}")`).getAttribute('href')).toBe(
        '#field-source-kind',
      );
      expect(await text('#field-source-kind-error')).toContain(NO_SOURCE);
      // The required fields alone: still the plain words, never the API's.
      await fill(page, {
        meetingId: 'surrey-no-source',
        title: 'No source',
        scheduledFor: '2013-05-09',
        occurredAt: '2013-04-20',
      });
      await page.fill('#field-bodyIds', 'pcc-hertfordshire');
      await submit(page);
      expect(await summary.innerText()).toContain(NO_SOURCE);
      expect(await summary.innerText()).not.toContain('source is required');
      await look('record-missing-source');
    });
  });

  describe('names, not ids', () => {
    it('names attendees, deciders and proposals on the meeting page, and in its timeline', async () => {
      const [graham, cambs] = [await nameOf.person('graham-bright'), await nameOf.body('pcc-cambridgeshire')];
      await page.goto('/register/meetings/pcc-g4s-meeting');
      const attendance = await text('[data-testid=attendance]');
      expect(attendance).toContain(`${graham} for ${cambs}`);
      expect(attendance).not.toContain('graham-bright');
      const main = await text('main');
      expect(main).toContain(`by ${cambs} on `);
      expect(main).not.toMatch(/\bon g4s-back-office\b/);
      const links = await text('[data-testid=timeline]');
      expect(links).not.toMatch(/Meeting pcc-g4s-meeting|Body pcc-cambridgeshire|Person graham-bright/);
      await look('meeting-names');
    });

    it('names the alliance, the bodies of posts, the console lists and the audit page', async () => {
      const alliance = String((await web.json('/alliances/bch-alliance')).name);
      await page.goto('/register/proposals/g4s-back-office');
      expect(await text('main')).toContain(`The ${alliance}, by its rule`);
      expect(await text('[data-testid=timeline]')).not.toMatch(/\bBy jwg\b|Body pcc-|Person graham-bright/);
      await page.goto('/register/people/graham-bright');
      expect(await text('main')).toContain(
        `${await nameOf.body('pcc-cambridgeshire')}, from 22 November 2012`,
      );
      await page.goto('/console/meetings/pcc-g4s-meeting');
      const consoleText = await text('main');
      expect(consoleText).toContain(`${await nameOf.person('graham-bright')}, `);
      expect(consoleText).not.toMatch(/by pcc-cambridgeshire/);
      await page.goto('/register/audit/proposal/g4s-back-office');
      const title = String((await web.json('/proposals/g4s-back-office')).title);
      expect(await text('h1')).toContain(title);
      await look('audit-names');
    });
  });

  it('says a private meeting not yet held is to be held in private, and one held was', async () => {
    await web.record(
      'scheduleMeeting',
      {},
      {
        meetingId: 'herts-private-not-held',
        title: 'Hertfordshire PCC in private',
        bodyIds: ['pcc-hertfordshire'],
        scheduledFor: '2013-06-01',
        public: false,
        occurredAt: '2013-04-20',
      },
      source,
    );
    const context = await web.context();
    const publicPage = await context.newPage();
    const notice = async (meetingId: string) => {
      await publicPage.goto(`/register/meetings/${meetingId}`);
      return publicPage.locator('[data-testid=private-notice]').innerText();
    };
    expect(await notice('herts-private-not-held')).toBe(
      'This meeting is to be held in private. The register shows that it is scheduled, and nothing more.',
    );
    expect(await notice(PRIVATE_FIXTURE_MEETING)).toContain('This meeting was held in private.');
    await context.close();
  });

  it('titles each page as its heading', async () => {
    for (const path of [
      '/register/proposals/surrey-privatisation/decisions/surrey-suspend',
      '/register/proposals/g4s-back-office',
      '/register/meetings/pcc-g4s-meeting',
      '/register/people/graham-bright',
      '/register/bodies/pcc-cambridgeshire',
      '/register/audit/proposal/g4s-back-office',
      '/console/meetings/pcc-g4s-meeting',
      '/console/record/recordDecision',
    ]) {
      await page.goto(path);
      expect({ path, title: await page.title() }).toEqual({
        path,
        title: `${await text('h1')} – Governance ledger`,
      });
    }
  });

  it('puts who is signed in, and signing out, in the header landmark', async () => {
    await page.goto('/register/proposals/g4s-back-office');
    expect(await page.locator('header [data-testid=role]').count()).toBe(1);
    expect(await page.locator('header button:has-text("Sign out")').count()).toBe(1);
    const { default: AxeBuilder } = await import('@axe-core/playwright');
    const result = await new AxeBuilder({ page }).withRules(['region']).analyze();
    expect(result.violations.map((v) => v.id)).toEqual([]);
    await look('signed-in-header');
  });
});
