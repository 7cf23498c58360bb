import type { BrowserContext, Page } from 'playwright-core';
import { ALLIANCE_PROPOSAL } from '@ledger/domain';
import { axeCheck, fill, label, SOURCE, startJourney, submit } from '../support/web-journey';
import type { WebFixture } from '../support/web-fixture';

/*
 * A clerk's recording forms in a real browser (Debian's Chromium) against the real service on a
 * temp SQLite file with the Strategic Alliance story recorded. One browser for the file; the tests
 * run in order, each one clerk's journey (the later ones use the meeting the first records). Every
 * page visited is checked with axe and screenshotted (docs/screenshots).
 */

describe("a clerk, in a browser: recording a meeting live through the console's forms, and the forms' safeguards", () => {
  let web: WebFixture;
  let context: BrowserContext;
  let page: Page;
  startJourney('clerk', (journey) => {
    ({ web, context, page } = journey);
  });
  const check = axeCheck(() => web);

  it('records a meeting live: opens it, fixes a field error, ticks attendance, takes the agenda, votes member by member, decides (refused once by a rule) and adds the minutes', async () => {
    await page.goto('/console');
    expect(await page.textContent('[data-testid=role]')).toContain('role clerk');
    await check(page, 'console');
    await page.fill('#meetingId', 'herts-pcc-2013-03');
    await Promise.all([
      page.waitForURL('**/console/meetings/herts-pcc-2013-03'),
      page.click('button:has-text("Open the meeting console")'),
    ]);
    await Promise.all([
      page.waitForURL('**/console/record/scheduleMeeting**'),
      page.click('a:has-text("Open the meeting")'),
    ]);
    expect(await page.inputValue('[name=meetingId]')).toBe('herts-pcc-2013-03');
    // A date in the wrong form: the form says so beside the field, and nothing is recorded.
    const head = await web.ctx.store.head();
    await fill(page, {
      title: 'Police and Crime Commissioner for Hertfordshire: decision meeting',
      bodyIds: 'pcc-hertfordshire',
      scheduledFor: '2013-03-01',
      public: 'yes',
      occurredAt: '20/02/2013',
      ...SOURCE,
    });
    await submit(page);
    expect(await page.textContent('[data-testid=error-summary]')).toContain('Occurred at');
    expect(await page.textContent('#field-occurredAt-error')).toContain('date');
    expect(await web.ctx.store.head()).toBe(head);
    await check(page, 'record-form-error');
    await fill(page, { occurredAt: '2013-02-20' });
    await submit(page);
    expect(page.url()).toContain('/console/meetings/herts-pcc-2013-03?recorded=ScheduleMeeting');
    expect(await page.textContent('[data-testid=recorded-banner]')).toContain('Schedule meeting');

    // Attendance: tick who is here, name the chair.
    await page.check('input[name="attendees[]"][value*="david-lloyd"]');
    await page.selectOption('#field-chair', { label: 'David Lloyd' });
    await fill(page, { occurredAt: '2013-03-01', ...SOURCE });
    await submit(page);
    expect(await page.textContent('[data-testid=recorded-banner]')).toContain('Record meeting held');

    // The agenda item, then a vote on it.
    await Promise.all([
      page.waitForURL('**/console/record/addAgendaItem**'),
      page.click('a:has-text("Add an agenda item")'),
    ]);
    await fill(page, {
      itemId: 'support-services',
      title: "Hertfordshire's own plan for policing support services",
      proposalId: 'herts-support-services',
      exempt: 'no',
      occurredAt: '2013-03-01',
      ...SOURCE,
    });
    await submit(page);
    await Promise.all([
      page.waitForURL('**/console/record/openVote**'),
      page.click('a:has-text("open a vote")'),
    ]);
    await fill(page, {
      voteEventId: 'herts-vote-2013-03',
      question: 'That the Commissioner pursues the private sector option',
      bodyId: 'pcc-hertfordshire',
      occurredAt: '2013-03-01',
      ...SOURCE,
    });
    await submit(page);
    await Promise.all([
      page.waitForURL('**/votes/herts-vote-2013-03'),
      page.click('a:has-text("record the ballots")'),
    ]);
    await check(page, 'ballots');
    await page.check('input[name="option:david-lloyd:pcc-hertfordshire"][value="yes"]');
    await page.check('input[name=close][value=yes]');
    await fill(page, { occurredAt: '2013-03-01', ...SOURCE });
    await submit(page);
    const vote = await web.json('/votes/herts-vote-2013-03');
    expect(vote.votes.map((v: any) => `${v.person.id}:${v.option}`)).toEqual(['david-lloyd:yes']);
    expect(vote.closed).toBe(true);
    expect(await page.textContent('[data-testid=vote-result]')).toBe(label(vote.result));
    await check(page, 'meeting-console');

    // The decision: first by the advisory working group, which the domain refuses in its own words.
    await Promise.all([
      page.waitForURL('**/console/record/recordDecision**'),
      page.click('a:has-text("record a decision")'),
    ]);
    const decision = {
      decisionId: 'herts-2013-03',
      outcome: 'approve',
      inPublic: 'yes',
      rationale: 'The private sector option is pursued.',
      reference: 'HPCC/2013/017',
      occurredAt: '2013-03-01',
      ...SOURCE,
    };
    await fill(page, { ...decision, bodyId: 'jwg' });
    const before = await web.ctx.store.head();
    await submit(page);
    expect(await page.textContent('[data-testid=rule-sentence]')).toBe(
      'An advisory body can recommend but never decide.',
    );
    expect(await web.ctx.store.head()).toBe(before);
    await check(page, 'record-refused');
    await fill(page, { bodyId: 'pcc-hertfordshire', personId: 'david-lloyd', postId: 'commissioner' });
    await submit(page);
    expect(await page.textContent('[data-testid=recorded-banner]')).toContain('Record decision');

    await Promise.all([
      page.waitForURL('**/console/record/approveMinutes**'),
      page.click('a:has-text("Add the minutes")'),
    ]);
    await fill(page, {
      minutesReference: 'Minutes of the decision meeting of 1 March 2013',
      occurredAt: '2013-03-15',
      ...SOURCE,
    });
    await submit(page);

    // The register shows it all to the public.
    const publicPage = await (await web.context()).newPage();
    await publicPage.goto('/register/meetings/herts-pcc-2013-03');
    const text = await publicPage.textContent('main');
    expect(text).toContain("Hertfordshire's own plan for policing support services");
    expect(text).toContain('David Lloyd');
    expect(text).toContain('HPCC/2013/017');
    expect(await publicPage.textContent('[data-testid=minutes]')).toContain(
      'Minutes of the decision meeting of 1 March 2013',
    );
    await publicPage.context().close();
  });

  it('records a late-found claim through the console with a month, approximate, citing two sources; the page shows them', async () => {
    await page.goto('/console/record/recordClaim');
    await fill(page, {
      proposalId: 'herts-support-services',
      claimId: 'late-web',
      subject: 'savings',
      amount: '5000000',
      unit: 'GBP',
      qualifier: 'about',
      claimant: 'a report found later',
      statement: 'about £5m saved',
      occurredAt: '2013-02',
      occurredAtApproximate: 'yes',
      'source.kind': 'news-report',
      'source.reference': 'Report A',
      'source.quote': 'first words',
      sources: '[{"kind": "news-report", "reference": "Report B", "quote": "second words"}]',
    });
    await submit(page);
    expect(await page.textContent('[data-testid=recorded]')).toContain('Recorded');
    await page.goto('/register/proposals/herts-support-services');
    const card = page.locator('.app-card', { hasText: 'about £5m saved' });
    const text = await card.textContent();
    expect(text).toContain('February 2013 (approximate)');
    expect(await card.locator('[data-testid=source-quote]').allTextContents()).toEqual([
      'first words',
      'second words',
    ]);
  });

  it('records once when the same form is submitted twice', async () => {
    await page.goto('/console/record/registerPerson');
    await fill(page, { personId: 'jane-doe', name: 'Jane Doe', occurredAt: '2013-03-01', ...SOURCE });
    const form = await page
      .locator('form[data-testid=command-form]')
      .evaluate((f) =>
        new URLSearchParams(
          new (FormData as unknown as new (form: unknown) => Iterable<[string, string]>)(f) as never,
        ).toString(),
      );
    const post = () =>
      context.request.post('/console/record/registerPerson', {
        data: form,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    const before = await web.ctx.store.head();
    const first = await post();
    const second = await post();
    expect([first.status(), second.status()]).toEqual([201, 201]);
    expect(await second.text()).toContain('nothing new was recorded');
    expect(await web.ctx.store.head()).toBe(before + 1);
    await page.goto('/console/record/registerPerson');
    await fill(page, { personId: 'john-roe', name: 'John Roe', occurredAt: '2013-03-01', ...SOURCE });
    await submit(page);
    expect(await page.textContent('[data-testid=recorded]')).toContain('Recorded');
    await check(page, 'recorded');
  });

  it("takes a form larger than the public's body limit from a signed-in clerk", async () => {
    await page.goto(`/register/proposals/${ALLIANCE_PROPOSAL}`);
    await Promise.all([
      page.waitForURL('**/console/record/correctEvent**'),
      page
        .locator('[data-testid=timeline-entry][data-type=ProposalTabled] [data-testid=correct-link]')
        .first()
        .click(),
    ]);
    const reason =
      `The contractor's name as registered. ${'The report is read again, line by line. '.repeat(240)}`.trim();
    expect(reason.length).toBeGreaterThan(9000);
    await fill(page, {
      reason,
      changes: '{"contractor": "G4S plc"}',
      occurredAt: '2013-03-02',
      'source.kind': 'clerk-check',
      'source.reference': 'Companies House',
    });
    const before = await web.ctx.store.head();
    await submit(page);
    expect(await page.textContent('[data-testid=recorded]')).toContain('Recorded');
    expect(await web.ctx.store.head()).toBe(before + 1);
  });

  it('refuses a form posted without its CSRF token, and records nothing', async () => {
    const before = await web.ctx.store.head();
    const res = await context.request.post('/console/record/registerPerson', {
      data: 'personId=csrf-test&name=Nobody&occurredAt=2013-03-01&source.kind=minutes&source.reference=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status()).toBe(403);
    expect(await res.text()).toContain('without its security token');
    // The JSON API does not read forms at all.
    const api = await web.ctx.app.inject({
      method: 'POST',
      url: '/people',
      payload: 'personId=form-test&name=Nobody',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Bearer ${web.ctx.tokens.clerk}`,
      },
    });
    expect(api.statusCode).toBe(415);
    expect(await web.ctx.store.head()).toBe(before);
  });
});
