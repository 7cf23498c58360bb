import type { Page } from 'playwright-core';
import { ALLIANCE_PROPOSAL } from '@ledger/domain';
import type { WebFixture } from '../support/web-fixture';
import { recordHertsPublicMeeting } from '../support/herts-public-meeting';
import { axeCheck, openPageAs, startJourney } from '../support/web-journey';

/*
 * How the proposal and meeting pages say things. A date the reports give to the year reads as
 * "2012 (approximate)" wherever the proposal page shows it (its tabling, its closing, its
 * recommendations, what changed between two dates), as every other approximate date does. A
 * label used inside a sentence (a recommendation's "do not proceed", a status) reads as sentence
 * text, never capitalised mid-sentence. A question put at a meeting, its answer and an interest
 * declared each say what they were on the meeting's record, naming whom the question was put to
 * and who answered it, from the public's own reads: nothing of an interest in an exempt item.
 */
const MEETING = 'wording-herts-2013-07';
const PROPOSAL = 'wording-exact-day';
/** Declared only on an exempt item: the public must never see it. */
const EXEMPT_INTEREST = 'WORDING-EXEMPT-CANARY a relative on the staff';

describe('wording on the proposal and meeting pages, in a real browser', () => {
  let web: WebFixture;
  let page: Page;
  startJourney('the public', (journey) => {
    ({ web, page } = journey);
  });
  const check = axeCheck(() => web);
  const call = (operationId: string, params: Record<string, string>, body: Record<string, unknown>) =>
    web.record(operationId, params, body, {
      kind: 'test',
      reference: 'not from the reports: a browser test',
    });
  /** The page's first summary list, key by key. */
  const summaryRows = (p: Page) =>
    p
      .locator('main dl.govuk-summary-list')
      .first()
      .locator('.govuk-summary-list__row')
      .evaluateAll((rows) =>
        Object.fromEntries(
          rows.map((r) => [
            r.querySelector('dt')?.textContent?.trim(),
            r.querySelector('dd')?.textContent?.replace(/\s+/g, ' ').trim(),
          ]),
        ),
      );
  /** A timeline entry of the given type: its text, and each link as its text and where it goes. */
  const entry = async (p: Page, type: string) => {
    const li = p.locator(`[data-testid=timeline-entry][data-type=${type}]`);
    return {
      text: (await li.innerText()).replace(/\s+/g, ' '),
      links: await li
        .locator('a:not([href^="/register/verify"]):not([data-testid=correct-link])')
        .evaluateAll((as) => as.map((a) => `${a.textContent?.trim()} -> ${a.getAttribute('href')}`)),
    };
  };

  beforeAll(async () => {
    await call(
      'registerPerson',
      {},
      { personId: 'wording-officer', name: 'Hannah Officer', occurredAt: '2013-06-01' },
    );
    await call(
      'registerPerson',
      {},
      { personId: 'wording-exempt', name: 'Ivy Exempt', occurredAt: '2013-06-01' },
    );
    await call(
      'tableProposal',
      {},
      {
        proposalId: PROPOSAL,
        title: 'A proposal tabled on a known day',
        description: 'Its tabling is dated to the day.',
        scope: ['control room'],
        tabledBy: 'pcc-hertfordshire',
        bodyId: 'pcc-hertfordshire',
        occurredAt: '2013-06-10',
      },
    );
    // The body that decides it recommends against it first, in a month the reports give alone.
    await call(
      'issueRecommendation',
      { proposalId: PROPOSAL },
      {
        recommendationId: 'wording-recommendation',
        byBodyId: 'pcc-hertfordshire',
        toBodyIds: ['pcc-hertfordshire'],
        content: 'do-not-proceed',
        rationale: 'The county keeps its own.',
        occurredAt: '2013-07',
        occurredAtApproximate: true,
      },
    );
    await recordHertsPublicMeeting(call, {
      meetingId: MEETING,
      title: 'Hertfordshire PCC: July public meeting',
      questionId: 'wording-q1',
      attendees: [],
      exemptDeclarer: 'wording-exempt',
      exemptInterest: EXEMPT_INTEREST,
      answeredBy: 'wording-officer',
      answer: 'Yes, it stays.',
    });
    await web.ctx.settle();
  }, 120_000);

  it("says a proposal's tabling and closing dated to the year are approximate, and a day as it is", async () => {
    await page.goto(`/register/proposals/${ALLIANCE_PROPOSAL}`);
    const rows = await summaryRows(page);
    expect(rows).toMatchObject({ Tabled: '2012 (approximate)' });
    expect(rows.Closed).toMatch(/^2013 \(approximate\): The Strategic Alliance discontinued/);
    await check(page, 'wording-proposal');
    await page.goto(`/register/proposals/${PROPOSAL}`);
    expect(await summaryRows(page)).toMatchObject({ Tabled: '10 June 2013', Closed: 'Not closed' });
  });

  it('says a recommendation dated to the year is approximate, and what it recommended as sentence text', async () => {
    await page.goto(`/register/proposals/${ALLIANCE_PROPOSAL}`);
    const recommendation = (await page.innerText('h2:text-is("Recommendations") + ul li')).trim();
    expect(recommendation).toMatch(
      /^2012 \(approximate\): Strategic Alliance Joint Collaboration Working Group recommended “do not proceed” to Bedfordshire Police Authority, Cambridgeshire Police Authority and Hertfordshire Police Authority\. /,
    );
  });

  it("says the date and the words of a member's own recommendation behind its position", async () => {
    await page.goto(`/register/proposals/${PROPOSAL}`);
    const position = page.locator('[data-testid=positions] tbody tr').first().locator('td');
    expect(await position.allInnerTexts()).toEqual([
      'Police and Crime Commissioner for Hertfordshire',
      'Recommended against',
      'Recommended “do not proceed” in July 2013 (approximate)',
      '–',
    ]);
    expect((await page.innerText('h2:text-is("Recommendations") + ul li')).trim()).toBe(
      'July 2013 (approximate): Police and Crime Commissioner for Hertfordshire recommended “do not proceed” to Police and Crime Commissioner for Hertfordshire. The county keeps its own.',
    );
  });

  it('says what changed between two dates in sentence text, each change dated as given', async () => {
    await page.goto(`/register/proposals/${ALLIANCE_PROPOSAL}?from=2012-01-01&to=2013-06-01`);
    expect((await page.innerText('[data-testid=diff] p')).trim()).toBe(
      'From 1 January 2012 to 1 June 2013 the status went from recommended to discontinued.',
    );
    const changes = await page.locator('[data-testid=diff] li').allInnerTexts();
    expect(changes[0]).toBe('2013 (approximate): Decision recorded (Recommended → Rejected)');
    // Nothing reads as a bare year, which looks exact.
    expect(changes.filter((c) => /^\d{4}:/.test(c))).toEqual([]);
  });

  it("says what a recommendation at a meeting recommended as sentence text, on the meeting's page", async () => {
    await page.goto('/register/meetings/jwg-g4s-meeting');
    const outcomes = page.locator('h2:text-is("Decisions and recommendations") + ul li');
    expect(await outcomes.allInnerTexts()).toEqual([
      'Strategic Alliance Joint Collaboration Working Group recommended “do not proceed” on Outsourcing of organisational support services to G4S',
    ]);
  });

  it('gives a question, its answer and an interest a line of their own on the record, with names', async () => {
    await page.goto(`/register/meetings/${MEETING}`);
    // On the meeting's own page no entry links back to it (test/web/timeline-links.e2e-spec.ts).
    const asked = await entry(page, 'PublicQuestionAsked');
    expect(asked.text).toContain('Will the control room stay?');
    expect(asked.links).toEqual([
      'Put to Police and Crime Commissioner for Hertfordshire -> /register/bodies/pcc-hertfordshire',
      'Put to David Lloyd -> /register/people/david-lloyd',
    ]);
    const answered = await entry(page, 'PublicQuestionAnswered');
    expect(answered.text).toContain('Yes, it stays.');
    expect(answered.links).toEqual(['Answered by Hannah Officer -> /register/people/wording-officer']);
    const interest = await entry(page, 'MeetingInterestDeclared');
    expect(interest.text).toContain('Lives in the county');
    expect(interest.links).toEqual(['David Lloyd -> /register/people/david-lloyd']);
    // The interest in the exempt item, and who declared it, are not the public's.
    expect(
      await page.locator('[data-testid=timeline-entry][data-type=MeetingInterestDeclared]').count(),
    ).toBe(1);
    expect(await page.content()).not.toContain('WORDING-EXEMPT-CANARY');
    expect(await page.content()).not.toContain('Ivy Exempt');
    await check(page, 'wording-meeting-record');
  });

  describe('as an auditor', () => {
    let auditor: Page;
    openPageAs(
      'auditor',
      () => web,
      (journey) => {
        auditor = journey.page;
      },
    );

    it('reads the interest in the exempt item on the record, with the name of who declared it', async () => {
      await auditor.goto(`/register/meetings/${MEETING}`);
      const interests = auditor.locator('[data-testid=timeline-entry][data-type=MeetingInterestDeclared]');
      expect(await interests.count()).toBe(2);
      const exempt = (await interests.nth(1).innerText()).replace(/\s+/g, ' ');
      expect(exempt).toContain(EXEMPT_INTEREST);
      expect(exempt).toContain('Ivy Exempt');
    });
  });
});
