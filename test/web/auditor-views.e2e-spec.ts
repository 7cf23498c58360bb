import type { Page } from 'playwright-core';
import { ALLIANCE_PROPOSAL } from '@ledger/domain';
import { PRIVATE_FIXTURE_MEETING, PRIVATE_FIXTURE_TITLE } from '@ledger/recording/testing';
import { axeCheck, fill, startJourney, submit } from '../support/web-journey';
import type { WebFixture } from '../support/web-fixture';

/*
 * An auditor's views in a real browser (Debian's Chromium) against the real service on a temp
 * SQLite file with the Strategic Alliance story recorded: what the public never sees, the audit
 * trail, and a clerk's correction. Every page visited is checked with axe and screenshotted
 * (docs/screenshots).
 */

describe("an auditor, in a browser: the withheld entries, the audit trail and clerks' corrections", () => {
  let web: WebFixture;
  let page: Page;
  startJourney('auditor', (journey) => {
    ({ web, page } = journey);
  });
  const check = axeCheck(() => web);

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

  it("opens a document's audit trail from the index, as the API's audit trail takes it", async () => {
    // A kind the API's /audit/{entity}/{id} takes beyond proposals, bodies and meetings: a document.
    await web.record(
      'recordDocument',
      {},
      {
        documentId: 'auditor-minutes',
        title: 'Minutes, May 2013',
        kind: 'minutes',
        mediaType: 'application/pdf',
        sha256: 'a'.repeat(64),
        size: 10,
        publishedAt: '2013-05-10',
        visibility: 'public',
        occurredAt: '2013-05-10',
      },
      { kind: 'minutes', reference: 'auditor views browser test' },
    );
    await page.goto('/register/audit');
    for (const kind of ['document', 'question', 'review'])
      expect(await page.locator(`#entity option[value=${kind}]`).count()).toBe(1);
    await page.selectOption('#entity', 'document');
    await page.fill('#id', 'auditor-minutes');
    const [response] = await Promise.all([
      page.waitForNavigation({ url: '**/register/audit/document/auditor-minutes' }),
      page.click('button:has-text("Show the trail")'),
    ]);
    expect(response!.status()).toBe(200);
    expect(await page.textContent('h1')).toBe('Audit trail: document auditor-minutes');
    const rows = page.locator('[data-testid=audit-table] tbody tr');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('auditor views browser test');
    expect(await page.locator('#type option[value=DocumentRecorded]').count()).toBe(1);
    await check(page, 'audit-document');
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
