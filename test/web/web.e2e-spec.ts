import type { BrowserContext, Page } from 'playwright-core';
import { ALLIANCE_PROPOSAL } from '@ledger/domain';
import { startWebFixture, type WebFixture } from './web-fixture';
import { PRIVATE_FIXTURE_MEETING, PRIVATE_FIXTURE_TITLE } from '@ledger/recording/testing';

/*
 * The web in a real browser (Debian's Chromium) against the real service on a temp SQLite file
 * with the Strategic Alliance story recorded. One browser for the suite; each step is one user's
 * journey. Every page visited is checked with axe and screenshotted (docs/screenshots).
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
const label = (s: string) => s.charAt(0).toUpperCase() + s.slice(1).replace(/-/g, ' ');

describe('the web, in a browser', () => {
  let web: WebFixture;
  // Axe reports no serious or critical violation on any page type.
  const check = async (page: Page, name: string) => {
    expect({ page: name, violations: await web.audit(page, name) }).toEqual({ page: name, violations: [] });
  };

  beforeAll(async () => {
    web = await startWebFixture();
  });
  afterAll(async () => web?.stop());

  describe('the public', () => {
    let context: BrowserContext;
    let page: Page;
    beforeAll(async () => {
      context = await web.context();
      page = await context.newPage();
    });
    afterAll(async () => context.close());

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
      expect(shown).toContain(label(diff.after));
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
      expect(await page.textContent('main')).toContain(
        'Outsourcing of organisational support services to G4S',
      );
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

  /** Fills a console form by field name: text, selects and yes/no radios. */
  async function fill(page: Page, values: Record<string, string>) {
    for (const [name, value] of Object.entries(values)) {
      const field = page.locator(`[name="${name}"]`).first();
      const tag = await field.evaluate(
        (el: { tagName: string; type?: string }) => `${el.tagName}:${el.type}`,
      );
      if (tag.startsWith('SELECT')) await field.selectOption(value);
      else if (tag === 'INPUT:radio') await page.check(`[name="${name}"][value="${value}"]`);
      else await field.fill(value);
    }
  }
  const SOURCE = {
    'source.kind': 'minutes',
    'source.reference': 'Hertfordshire PCC decision meeting, March 2013',
  };
  const submit = (page: Page) =>
    Promise.all([
      page.waitForNavigation(),
      page.click('form[data-testid] button[type=submit], form[data-testid] button:not([type])'),
    ]);

  describe('a clerk', () => {
    let context: BrowserContext;
    let page: Page;
    beforeAll(async () => {
      context = await web.context(web.ctx.tokens.clerk);
      page = await context.newPage();
    });
    afterAll(async () => context.close());

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

  describe('an auditor', () => {
    let context: BrowserContext;
    let page: Page;
    beforeAll(async () => {
      context = await web.context(web.ctx.tokens.auditor);
      page = await context.newPage();
    });
    afterAll(async () => context.close());

    it('sees the exempt item, the private meeting and who recorded each entry', async () => {
      await page.goto(`/register/meetings/${PRIVATE_FIXTURE_MEETING}`);
      const text = await page.textContent('main');
      expect(text).toContain('Findings of the review of the G4S contract to date');
      expect(text).toContain('Commercially confidential');
      expect(await page.textContent('h1')).toBe(PRIVATE_FIXTURE_TITLE);
      await check(page, 'meeting-auditor');
      await page.goto(`/register/proposals/${ALLIANCE_PROPOSAL}`);
      expect(await page.locator('[data-testid=recorded-by]').first().textContent()).toBe('clerk:test-clerk');
      // An auditor reads; only clerks record, so no form is offered, and the console says why.
      expect(await page.locator('[data-testid=correct-link]').count()).toBe(0);
      const refused = await page.goto('/console/record/registerPerson');
      expect(refused!.status()).toBe(403);
      expect(await page.textContent('[data-testid=problem-detail]')).toContain(
        'Role auditor may not do this; it needs clerk',
      );
    });

    it('filters an audit trail and downloads it as CSV', async () => {
      await page.goto('/register/audit');
      await check(page, 'audit-index');
      await page.selectOption('#entity', 'proposal');
      await page.fill('#id', ALLIANCE_PROPOSAL);
      await Promise.all([
        page.waitForURL(`**/register/audit/proposal/${ALLIANCE_PROPOSAL}`),
        page.click('button:has-text("Show the trail")'),
      ]);
      await page.selectOption('#type', 'ClaimRecorded');
      await Promise.all([page.waitForNavigation(), page.click('button:has-text("Filter")')]);
      const rows = await page.locator('[data-testid=audit-table] tbody tr').count();
      const claims = (
        await web.client.call('getProposalHistory', {
          params: { proposalId: ALLIANCE_PROPOSAL },
          query: { limit: 100 },
          token: web.ctx.tokens.auditor,
        })
      ).body.items.filter((e: any) => e.type === 'ClaimRecorded');
      expect(rows).toBe(claims.length);
      await check(page, 'audit');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.click('[data-testid=csv-link]'),
      ]);
      const csv = (await import('node:fs')).readFileSync(await download.path(), 'utf8');
      const lines = csv.trim().split('\n');
      expect(lines[0]).toContain('position,occurredAt,recordedAt,recordedBy,type');
      expect(lines.length).toBe(claims.length + 1);
      expect(lines.slice(1).every((l) => l.includes('ClaimRecorded') && l.includes('clerk:test-clerk'))).toBe(
        true,
      );
    });

    it('sees a correction a clerk made from the timeline beside the original entry', async () => {
      const clerk = await web.context(web.ctx.tokens.clerk);
      const clerkPage = await clerk.newPage();
      await clerkPage.goto(`/register/proposals/${ALLIANCE_PROPOSAL}`);
      const entry = clerkPage.locator('[data-testid=timeline-entry][data-type=ClaimRecorded]').first();
      const eventId = await entry.getAttribute('data-event-id');
      await Promise.all([
        clerkPage.waitForURL('**/console/record/correctEvent**'),
        entry.locator('[data-testid=correct-link]').click(),
      ]);
      expect(await clerkPage.inputValue('[name=eventId]')).toBe(eventId);
      await fill(clerkPage, {
        reason: 'The report says up to £78m a year',
        changes: '{"amount": 78000000}',
        occurredAt: '2013-03-02',
        'source.kind': 'clerk-check',
        'source.reference': 'seeds/002_0bec823cc5bd36ba.txt, read again',
      });
      await submit(clerkPage);
      expect(await clerkPage.textContent('[data-testid=recorded]')).toContain('Recorded');
      await clerk.close();

      await page.goto(`/register/proposals/${ALLIANCE_PROPOSAL}`);
      const corrected = page.locator(`[data-testid=timeline-entry][data-event-id="${eventId}"]`);
      expect(await corrected.locator('.govuk-body').first().textContent()).toContain(
        'worth up to £77m per year',
      );
      expect(await corrected.locator('[data-testid=correction]').textContent()).toContain(
        'The report says up to £78m a year',
      );
      expect(await corrected.locator('[data-testid=correction]').textContent()).toContain('clerk:test-clerk');
      await check(page, 'proposal-auditor');
    });
  });

  describe('signing out, and pages without JavaScript', () => {
    it('ends the session: the console asks to sign in again, even with the old cookie', async () => {
      const context = await web.context(web.ctx.tokens.clerk);
      const page = await context.newPage();
      await page.goto('/console');
      const session = (await context.cookies()).find((c) => c.name === 'ledger_session')!;
      expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
      await Promise.all([
        page.waitForURL('**/console/sign-in?signedOut=1'),
        page.click('button:has-text("Sign out")'),
      ]);
      expect(await page.textContent('[data-testid=signed-out]')).toContain('You have signed out');
      await check(page, 'sign-in');
      await page.goto('/console');
      expect(new URL(page.url()).pathname).toBe('/console/sign-in');
      const replayed = await web.ctx.app.inject({
        method: 'GET',
        url: '/console',
        headers: { cookie: `ledger_session=${session.value}` },
      });
      expect(replayed.statusCode).toBe(303);
      expect(replayed.headers.location).toBe('/console/sign-in?returnTo=%2Fconsole');
      await context.close();
    });

    it('refuses a wrong token with a message beside the field', async () => {
      const context = await web.context();
      const page = await context.newPage();
      await page.goto('/console/sign-in');
      await page.fill('#token', 'lk_not_a_real_token_at_all_0000');
      await Promise.all([page.waitForNavigation(), page.click('button:has-text("Sign in")')]);
      expect(await page.textContent('#token-error')).toContain('not a known API key or a valid JWT');
      await context.close();
    });

    it('replays with the date form and records a form with JavaScript turned off', async () => {
      const context = await web.context(web.ctx.tokens.clerk, { javaScriptEnabled: false });
      const page = await context.newPage();
      await page.goto(`/register/proposals/${ALLIANCE_PROPOSAL}`);
      expect(await page.locator('#replay-slider').isVisible()).toBe(false);
      await page.fill('#asOf', '2012-11-23');
      await Promise.all([page.waitForNavigation(), page.click('[data-testid=replay-form] button')]);
      const api = await web.json(`/proposals/${ALLIANCE_PROPOSAL}?asOf=2012-11-23`);
      expect((await page.textContent('[data-testid=status]'))!.trim()).toBe(label(api.status));
      await page.goto('/console/record/registerPerson');
      await fill(page, { personId: 'no-script', name: 'Nora Script', occurredAt: '2013-03-01', ...SOURCE });
      await submit(page);
      expect(await page.textContent('[data-testid=recorded]')).toContain('Recorded');
      await context.close();
    });
  });
});
