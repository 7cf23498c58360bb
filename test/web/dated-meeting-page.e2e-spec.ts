import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import { ALLIANCE_PROPOSAL } from '@ledger/domain';
import type { WebFixture } from '../support/web-fixture';
import { axeCheck, openPageAs, startJourney } from '../support/web-journey';

/*
 * The meeting page drawn at a date, as the proposal, body, person and decision pages are: `asOf`
 * (what had happened by then) and `knownAt` (only what the ledger had recorded by then), the same
 * cut as the JSON API's GET /meetings/{id}. A meeting scheduled, given an agenda and papers, held,
 * minuted, and then given an item and papers found later reads at each date as it stood then, says
 * that it is drawn at that date, and lists only the papers its reader may see at that cut.
 */
const MEETING = 'dated-herts-2013-05';
const BASE = `/register/meetings/${MEETING}`;
const EXEMPT_TITLE = 'DATED-EXEMPT-CANARY contract terms';
const sha = (text: string) => createHash('sha256').update(text).digest('hex');

describe('the meeting page at a date, in a real browser', () => {
  let web: WebFixture;
  let page: Page;
  /** Between the entries recorded before the meeting was held and those recorded after. */
  let knownBeforeHeld: string;
  startJourney('the public', (journey) => {
    ({ web, page } = journey);
  });
  const check = axeCheck(() => web);
  const text = async (selector: string) => (await page.innerText(selector)).trim();
  const call = (operationId: string, params: Record<string, string>, body: Record<string, unknown>) =>
    web.record(operationId, params, body, {
      kind: 'test',
      reference: 'not from the reports: a browser test',
    });
  const paper = (documentId: string, title: string, day: string, fields: Record<string, unknown> = {}) =>
    call(
      'recordDocument',
      {},
      {
        documentId,
        title,
        kind: 'report',
        mediaType: 'application/pdf',
        sha256: sha(documentId),
        size: 100,
        publishedAt: day,
        visibility: 'public',
        meetingId: MEETING,
        occurredAt: day,
        ...fields,
      },
    );
  /** The meeting's status, as its summary list gives it (with the date it is drawn at, if any). */
  const status = () => text('.govuk-summary-list__row:has(dt:text-is("Status")) dd');
  /** What the page says under its Minutes heading. */
  const minutes = () => text('h2:text-is("Minutes") + *');
  const agendaItems = () => page.locator('[data-testid=agenda] li').allInnerTexts();
  const documents = () => page.locator('[data-testid=documents] li').allInnerTexts();

  beforeAll(async () => {
    await call(
      'scheduleMeeting',
      {},
      {
        meetingId: MEETING,
        title: 'Hertfordshire PCC: May decision meeting',
        bodyIds: ['pcc-hertfordshire'],
        scheduledFor: '2013-05-09',
        public: true,
        occurredAt: '2013-04-20',
      },
    );
    await call(
      'addAgendaItem',
      { meetingId: MEETING },
      { itemId: 'item-1', title: 'The precept', exempt: false, occurredAt: '2013-04-22' },
    );
    await paper('dated-precept-report', 'Precept report', '2013-04-25');
    await paper('dated-exempt-annex', EXEMPT_TITLE, '2013-04-26', {
      visibility: 'exempt',
      exemptParagraph: 3,
    });
    await web.ctx.settle();
    // What the ledger knew before the meeting was held was recorded: a moment between the two.
    await new Promise((resolve) => setTimeout(resolve, 30));
    knownBeforeHeld = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 30));
    await call(
      'recordMeetingHeld',
      { meetingId: MEETING },
      {
        attendees: [{ personId: 'david-lloyd', bodyId: 'pcc-hertfordshire', capacity: 'PCC' }],
        occurredAt: '2013-05-09',
      },
    );
    await call(
      'approveMinutes',
      { meetingId: MEETING },
      { minutesReference: 'Minutes of 9 May 2013', occurredAt: '2013-06-01' },
    );
    // An item the minutes show was taken, recorded afterwards under its later date, and its paper.
    await call(
      'addAgendaItem',
      { meetingId: MEETING },
      { itemId: 'item-2', title: 'A late item from the minutes', exempt: false, occurredAt: '2013-06-10' },
    );
    await paper('dated-late-report', 'Late report', '2013-06-10');
    await web.ctx.settle();
  }, 120_000);

  it('draws the meeting as scheduled, before it was held, with only the papers published by then', async () => {
    const response = await page.goto(`${BASE}?asOf=2013-04-30`);
    expect(response?.status()).toBe(200);
    const api = await web.json(`/meetings/${MEETING}?asOf=2013-04-30`);
    expect(api.status).toBe('scheduled');
    expect(await status()).toBe('Scheduled as of 30 April 2013');
    expect(await text('[data-testid=held-on]')).toBe('Not yet held');
    expect(await text('[data-testid=cut]')).toBe('as of 30 April 2013');
    expect(await agendaItems()).toEqual(['The precept']);
    expect(await text('[data-testid=attendance]')).toBe('Not recorded.');
    expect(await minutes()).toBe('Not yet recorded.');
    expect((await documents()).map((d) => d.split(' – ')[0])).toEqual(['Precept report']);
    // The record stops at the date: nothing of the day it was held, or after.
    const types = await page
      .locator('[data-testid=timeline-entry]')
      .evaluateAll((es) => es.map((e) => e.getAttribute('data-type')));
    expect(types).toContain('MeetingScheduled');
    expect(types).not.toContain('MeetingHeld');
    expect(types).not.toContain('MinutesApproved');
    await check(page, 'meeting-as-of');
  });

  it('draws it held, with its attendance, before its minutes and the item recorded later', async () => {
    await page.goto(`${BASE}?asOf=2013-05-20`);
    expect(await status()).toBe('Held as of 20 May 2013');
    expect(await text('[data-testid=held-on]')).toBe('9 May 2013');
    expect(await text('[data-testid=cut]')).toBe('as of 20 May 2013');
    expect(await page.locator('[data-testid=attendance] li').allInnerTexts()).toEqual([
      'David Lloyd for Police and Crime Commissioner for Hertfordshire, PCC',
    ]);
    expect(await minutes()).toBe('Not yet recorded.');
    expect(await agendaItems()).toEqual(['The precept']);
    expect((await documents()).map((d) => d.split(' – ')[0])).toEqual(['Precept report']);
  });

  it('draws it now with everything, and says nothing of a date', async () => {
    await page.goto(BASE);
    expect(await status()).toBe('Held');
    expect(await minutes()).toBe('Minutes of 9 May 2013 (approved 1 June 2013)');
    expect(await agendaItems()).toEqual(['The precept', 'A late item from the minutes']);
    expect((await documents()).map((d) => d.split(' – ')[0])).toEqual(['Precept report', 'Late report']);
    expect(await page.locator('[data-testid=cut]').count()).toBe(0);
  });

  it('draws it as the ledger knew it before its holding was recorded', async () => {
    await page.goto(`${BASE}?knownAt=${encodeURIComponent(knownBeforeHeld)}`);
    const api = await web.json(`/meetings/${MEETING}?knownAt=${encodeURIComponent(knownBeforeHeld)}`);
    expect(api.status).toBe('scheduled');
    expect(await status()).toMatch(/^Scheduled as of now, as the ledger knew it on \d+ \w+ \d{4}/);
    expect(await text('[data-testid=held-on]')).toBe('Not yet held');
    expect(await agendaItems()).toEqual(['The precept']);
    expect((await documents()).map((d) => d.split(' – ')[0])).toEqual(['Precept report']);
  });

  it('keeps the date in its permalink and its date form, and steps through the days with the slider', async () => {
    await page.goto(`${BASE}?asOf=2013-05-20`);
    expect(await page.getAttribute('[data-testid=permalink]', 'href')).toBe(`${BASE}?asOf=2013-05-20`);
    expect(await page.getAttribute('a:has-text("Show it now")', 'href')).toBe(BASE);
    expect(await page.inputValue('#asOf')).toBe('2013-05-20');
    const slider = page.locator('[data-module=app-replay-slider]');
    const days = (await slider.getAttribute('data-dates'))?.split(',') ?? [];
    expect(days).toEqual(
      expect.arrayContaining(['2013-04-20', '2013-04-22', '2013-05-09', '2013-06-01', '2013-06-10']),
    );
    expect(days).toEqual([...days].sort());
    // The public's steps are the public's record: never the day of the exempt paper alone.
    expect(days).not.toContain('2013-04-26');
    expect(await text('[data-testid=slider-date]')).toBe('9 May 2013');
    // The form keeps the reader on this meeting's page at the date asked for.
    await page.fill('#asOf', '2013-06-05');
    await Promise.all([
      page.waitForURL(`**${BASE}?asOf=2013-06-05**`),
      page.click('button:has-text("Show")'),
    ]);
    expect(await minutes()).toBe('Minutes of 9 May 2013 (approved 1 June 2013)');
    expect(await agendaItems()).toEqual(['The precept']);
    // The slider shows with JavaScript, and opens the page as of the day it is moved to.
    const range = page.locator('#replay-slider');
    await range.waitFor({ state: 'visible' });
    await Promise.all([
      page.waitForURL(`**${BASE}?asOf=2013-05-09`),
      range.evaluate((el: { value: string; dispatchEvent(event: Event): boolean }, i) => {
        el.value = String(i);
        el.dispatchEvent(new Event('input', { bubbles: true }));
        el.dispatchEvent(new Event('change', { bubbles: true }));
      }, days.indexOf('2013-05-09')),
    ]);
    expect(await status()).toBe('Held as of 9 May 2013');
  });

  it("refuses a date not in the ledger's form with the same clear page as the proposal page", async () => {
    // In the JSON API's words (test/web/page-query-refused.e2e-spec.ts compares them).
    const proposal = await page.goto(`/register/proposals/${ALLIANCE_PROPOSAL}?asOf=30/04/2013`);
    const expected = await text('[data-testid=problem-errors]');
    expect(proposal?.status()).toBe(400);
    const response = await page.goto(`${BASE}?asOf=30/04/2013`);
    expect(response?.status()).toBe(400);
    expect(await text('[data-testid=problem-errors]')).toBe(expected);
    expect(expected).toContain('asOf must be a date (2012-11-22) or a date-time with its time zone');
    const knownAt = await page.goto(`${BASE}?knownAt=yesterday`);
    expect(knownAt?.status()).toBe(400);
    expect(await text('[data-testid=problem-errors]')).toContain(
      'knownAt must be a date (2012-11-22) or a date-time with its time zone',
    );
    await check(page, 'meeting-bad-date');
  });

  it('says the meeting was not yet scheduled at a date before it was', async () => {
    const response = await page.goto(`${BASE}?asOf=2013-01-01`);
    expect(response?.status()).toBe(404);
    expect(await text('[data-testid=problem-detail]')).toContain(MEETING);
  });

  it('never lists the exempt paper to the public, at any date', async () => {
    for (const query of ['', '?asOf=2013-04-30', '?asOf=2013-05-20'])
      expect([
        query,
        (await page.goto(`${BASE}${query}`), await page.content()).includes('DATED-EXEMPT'),
      ]).toEqual([query, false]);
  });

  describe('as a clerk', () => {
    let clerk: Page;
    openPageAs(
      'clerk',
      () => web,
      (journey) => {
        clerk = journey.page;
      },
    );

    it('lists the exempt paper published by the date, and none published after it', async () => {
      await clerk.goto(`${BASE}?asOf=2013-04-25`);
      expect(await clerk.content()).not.toContain('DATED-EXEMPT');
      await clerk.goto(`${BASE}?asOf=2013-04-30`);
      expect(
        (await clerk.locator('[data-testid=documents] li').allInnerTexts()).map((d) => d.split(' – ')[0]),
      ).toEqual(['Precept report', EXEMPT_TITLE]);
    });
  });
});
