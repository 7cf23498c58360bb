import type { Page } from 'playwright-core';
import type { WebFixture } from '../support/web-fixture';
import { fill, startJourney, submit } from '../support/web-journey';

/** What the clerk's forms cite here: the panel meeting's own minutes. */
const PANEL_MINUTES = { 'source.kind': 'minutes', 'source.reference': 'Panel minutes, February 2013' };

const SECRET = 'CANARY exempt item title';
const source = { kind: 'minutes', reference: 'meeting conduct browser test' };

/**
 * A clerk records how a meeting was run from the live console's forms (the notice, a declaration
 * of interest, a resolution excluding the public), and the public's meeting page shows it, without
 * the exempt item the resolution covers.
 */
describe('meetings as standing orders run them, in a browser', () => {
  let web: WebFixture;
  let page: Page;
  const call = (operationId: string, params: Record<string, string>, body: Record<string, unknown>) =>
    web.record(operationId, params, body, source);

  startJourney('clerk', (journey) => {
    ({ web, page } = journey);
  });
  beforeAll(async () => {
    await call('setQuorum', { bodyId: 'pcc-hertfordshire' }, { minimum: 1, occurredAt: '2013-03-01' });
    await call(
      'scheduleMeeting',
      {},
      {
        meetingId: 'herts-2013-04',
        title: 'Hertfordshire PCC: April decision meeting',
        bodyIds: ['pcc-hertfordshire'],
        scheduledFor: '2013-04-11',
        place: 'Police Headquarters, Welwyn Garden City',
        public: true,
        webcastUrl: 'https://example.org/webcast',
        occurredAt: '2013-03-20',
      },
    );
    for (const [itemId, title, exempt] of [
      ['item-5', 'Support services', false],
      ['item-7', SECRET, true],
    ] as const)
      await call(
        'addAgendaItem',
        { meetingId: 'herts-2013-04' },
        {
          itemId,
          title,
          exempt,
          ...(exempt ? { exemptionReason: 'Paragraph 3' } : {}),
          occurredAt: '2013-03-21',
        },
      );
    for (const [documentId, itemId, visibility] of [
      ['herts-2013-04-report', 'item-5', 'public'],
      ['herts-2013-04-annex', 'item-7', 'exempt'],
    ] as const)
      await call(
        'recordDocument',
        {},
        {
          documentId,
          title: visibility === 'exempt' ? `${SECRET} annex` : 'Support services: report of the Commissioner',
          kind: visibility === 'exempt' ? 'annex' : 'report',
          mediaType: 'application/pdf',
          sha256: 'b'.repeat(64),
          size: 2048,
          publishedAt: '2013-04-02',
          visibility,
          ...(visibility === 'exempt' ? { exemptParagraph: 3 } : {}),
          meetingId: 'herts-2013-04',
          itemId,
          occurredAt: '2013-04-02',
        },
      );
  });

  const follow = (link: string, url: string) =>
    Promise.all([page.waitForURL(url), page.click(`a:has-text("${link}")`)]);

  it('records the notice, an interest and a resolution from the console, and the public page shows them', async () => {
    await page.goto('/console/meetings/herts-2013-04');
    await follow('Record the notice', '**/console/record/publishMeetingNotice**');
    await fill(page, {
      publishedOn: '2013-04-08',
      reference: 'Agenda',
      occurredAt: '2013-04-08',
      ...PANEL_MINUTES,
    });
    await submit(page);
    expect(await page.textContent('[data-testid=recorded-banner]')).toContain('Publish meeting notice');

    // The meeting is held (events of a meeting are entered in the order they happened).
    await call(
      'recordMeetingHeld',
      { meetingId: 'herts-2013-04' },
      {
        attendees: [{ personId: 'david-lloyd', bodyId: 'pcc-hertfordshire', capacity: 'PCC' }],
        startedAt: '2013-04-11T10:00:00Z',
        endedAt: '2013-04-11T11:30:00Z',
        occurredAt: '2013-04-11T10:00:00Z',
      },
    );
    await page.reload();
    expect(await page.textContent('[data-testid=quorum]')).toContain('Quorate');

    await follow('Record a declaration of interest', '**/console/record/declareMeetingInterest**');
    await fill(page, {
      personId: 'david-lloyd',
      type: 'other',
      description: 'A member of the county council',
      occurredAt: '2013-04-11T10:05:00Z',
      ...PANEL_MINUTES,
    });
    await submit(page);
    expect(await page.textContent('[data-testid=recorded-banner]')).toContain('Declare meeting interest');

    await follow('Record a resolution to exclude the public', '**/console/record/excludePublic**');
    await fill(page, {
      itemIds: 'item-7',
      paragraph: '9',
      publicInterestReason: 'Negotiations',
      occurredAt: '2013-04-11T11:00:00Z',
      ...PANEL_MINUTES,
    });
    await submit(page);
    // A paragraph outside Schedule 12A is refused beside its field, and nothing is recorded.
    expect(await page.textContent('[data-testid=error-summary]')).toContain('7');
    await fill(page, { paragraph: '3' });
    await submit(page);
    expect(await page.textContent('[data-testid=recorded-banner]')).toContain('Exclude public');

    // A question from the public, then its answer, from the console's links.
    await follow('Record a question from the public', '**/console/record/askPublicQuestion**');
    await fill(page, {
      questionId: 'herts-2013-04-q1',
      askedBy: 'A resident of Stevenage',
      askedOn: '2013-04-04',
      toBodyId: 'pcc-hertfordshire',
      question: 'Will the control room stay in the county?',
      occurredAt: '2013-04-11T11:10:00Z',
      ...PANEL_MINUTES,
    });
    await submit(page);
    await follow('answer herts-2013-04-q1', '**/console/record/answerPublicQuestion**');
    await fill(page, {
      answeredBy: 'david-lloyd',
      answer: 'Yes.',
      occurredAt: '2013-04-11T11:15:00Z',
      ...PANEL_MINUTES,
    });
    await submit(page);
    expect(await page.textContent('[data-testid=recorded-banner]')).toContain('Answer public question');

    const publicPage = await (await web.context()).newPage();
    await publicPage.goto('/register/meetings/herts-2013-04');
    const conduct = await publicPage.textContent('[data-testid=conduct]');
    expect(conduct).toContain('11 April 2013, 10:00 UTC to 11 April 2013, 11:30 UTC');
    expect(conduct).toContain('https://example.org/webcast');
    expect(conduct).toContain('2 clear days, 2 of them weekdays – fewer than five clear working days');
    expect(conduct).toContain('Quorate: 1 of 1 members needed present');
    expect(await publicPage.textContent('[data-testid=exclusions]')).toContain(
      'The public were excluded for 1 item under paragraph 3 of Schedule 12A to the Local Government Act 1972: Negotiations',
    );
    expect(await publicPage.textContent('[data-testid=interests]')).toContain(
      'Other interest – A member of the county council',
    );
    expect(await publicPage.textContent('[data-testid=documents]')).toContain(
      'Support services: report of the Commissioner – Report, application/pdf, 2048 bytes, published 2 April 2013, item item-5',
    );
    expect(await publicPage.textContent('[data-testid=questions]')).toContain(
      'A resident of Stevenage asked the Police and Crime Commissioner for HertfordshireWill the control room stay in the county?Answer (David Lloyd): Yes.',
    );
    expect(await publicPage.content()).not.toContain(SECRET);
    expect({ violations: await web.audit(publicPage, 'meeting-conduct') }).toEqual({ violations: [] });
    await publicPage.goto('/register/bodies/pcc-hertfordshire');
    expect(await publicPage.textContent('main')).toMatch(/Quorum\s+1 member\s/);
    await publicPage.context().close();
  });
});
