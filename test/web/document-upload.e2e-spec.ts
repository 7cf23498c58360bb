import { createHash } from 'node:crypto';
import type { BrowserContext, Page } from 'playwright-core';
import type { WebFixture } from '../support/web-fixture';
import { fill, startJourney, submit } from '../support/web-journey';

/** What the clerk's forms cite here: the panel's own papers. */
const PANEL_PAPERS = { 'source.kind': 'minutes', 'source.reference': 'Panel papers, April 2013' };

const REPORT = Buffer.from('%PDF-1.4 the April precept report, as published');
const MINUTES = Buffer.from('%PDF-1.4 the minutes, as approved');
const OTHER = Buffer.from('%PDF-1.4 a draft nobody recorded');
const SECRET = Buffer.from('EXEMPT-CANARY the contract terms');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const source = { kind: 'minutes', reference: 'document upload browser test' };

/**
 * A clerk records a document through the console's generated form and uploads its content with
 * a file: kept when its hash and size are the recorded ones, refused with the two hashes named
 * (and nothing kept) when they are not. The meeting page then links the content it holds.
 */
describe("a document's content, uploaded in a browser", () => {
  let web: WebFixture;
  let context: BrowserContext;
  let page: Page;
  const call = (operationId: string, params: Record<string, string>, body: Record<string, unknown>) =>
    web.record(operationId, params, body, source);
  /** A document of the May meeting, recorded through the API with the hash and size of `content`. */
  const recordDocument = (documentId: string, content: Buffer, fields: Record<string, unknown>) =>
    call(
      'recordDocument',
      {},
      { documentId, sha256: sha(content), size: content.length, meetingId: 'herts-2013-05', ...fields },
    );
  const upload = async (documentId: string, name: string, content: Buffer) => {
    await page.goto(`/console/documents/upload?documentId=${documentId}`);
    await page.setInputFiles('#content', { name, mimeType: 'application/pdf', buffer: content });
    const [response] = await submit(page);
    return response;
  };

  startJourney('clerk', (journey) => {
    ({ web, context, page } = journey);
  });
  beforeAll(async () => {
    await call(
      'scheduleMeeting',
      {},
      {
        meetingId: 'herts-2013-05',
        title: 'Hertfordshire PCC: May decision meeting',
        bodyIds: ['pcc-hertfordshire'],
        scheduledFor: '2013-05-09',
        place: 'Police Headquarters, Welwyn Garden City',
        public: true,
        occurredAt: '2013-04-20',
      },
    );
  });

  it('records a document through its form, then keeps a matching file and serves the same bytes', async () => {
    await page.goto('/console/record/recordDocument');
    await fill(page, {
      documentId: 'precept-report',
      title: 'Precept report',
      kind: 'report',
      mediaType: 'application/pdf',
      sha256: sha(REPORT),
      size: String(REPORT.length),
      publishedAt: '2013-05-01',
      visibility: 'public',
      meetingId: 'herts-2013-05',
      occurredAt: '2013-05-01',
      ...PANEL_PAPERS,
    });
    await submit(page);
    expect(await page.textContent('[data-testid=recorded]')).toContain('Recorded');

    await Promise.all([page.waitForNavigation(), page.click('[data-testid=upload-content]')]);
    expect(await page.inputValue('#documentId')).toBe('precept-report');
    expect(await web.audit(page, 'document-upload')).toEqual([]);
    const response = await upload('precept-report', 'precept.pdf', REPORT);
    expect(response?.status()).toBe(200);
    expect(await page.textContent('[data-testid=uploaded-sha256]')).toBe(sha(REPORT));

    const href = await page.getAttribute('[data-testid=content-link]', 'href');
    const download = await context.request.get(href!);
    expect(download.status()).toBe(200);
    expect(Buffer.from(await download.body()).equals(REPORT)).toBe(true);
    expect(download.headers()['content-type']).toContain('application/pdf');
    // An uploaded page must not run script as the ledger: the content is sandboxed.
    expect(download.headers()['content-security-policy']).toBe('sandbox');
  });

  it('refuses a file whose SHA-256 is not the recorded one, naming both hashes, and keeps nothing', async () => {
    await recordDocument('minutes-draft', MINUTES, {
      title: 'Minutes',
      kind: 'minutes',
      mediaType: 'application/pdf',
      publishedAt: '2013-05-10',
      visibility: 'public',
      occurredAt: '2013-05-10',
    });
    const response = await upload('minutes-draft', 'draft.pdf', OTHER);
    expect(response?.status()).toBe(422);
    const summary = await page.textContent('[data-testid=error-summary]');
    expect(summary).toContain('SHA-256 does not match');
    expect(summary).toContain(`expected ${sha(MINUTES)}`);
    expect(summary).toContain(`received ${sha(OTHER)}`);
    expect(await page.textContent('#content-error')).toContain('SHA-256');
    expect(await web.audit(page, 'document-upload-error')).toEqual([]);
    expect((await web.json('/documents/minutes-draft')).contentStored).toBe(false);
    expect((await context.request.get('/register/documents/minutes-draft/content')).status()).toBe(404);

    // No such document: said beside the id, nothing kept.
    expect((await upload('no-such-document', 'precept.pdf', REPORT))?.status()).toBe(404);
    expect(await page.textContent('[data-testid=error-summary]')).toContain(
      'There is no document no-such-document',
    );
    expect((await upload('not an id', 'precept.pdf', REPORT))?.status()).toBe(400);
    expect(await page.textContent('#documentId-error')).toContain('Document ids are');
  });

  it('lists on the meeting page whether each content is stored, and links what is', async () => {
    await page.goto('/register/meetings/herts-2013-05');
    const documents = page.locator('[data-testid=documents] li');
    const stored = documents.filter({ hasText: 'Precept report' });
    expect(await stored.locator('[data-testid=content-stored]').count()).toBe(1);
    expect(await stored.locator('a').first().getAttribute('href')).toBe(
      '/register/documents/precept-report/content',
    );
    const missing = documents.filter({ hasText: 'Minutes' });
    expect(await missing.locator('[data-testid=content-missing]').count()).toBe(1);
    expect(await missing.locator('a', { hasText: 'upload it' }).count()).toBe(1);
  });

  it("serves an exempt document's content to a clerk and never to the public", async () => {
    await recordDocument('exempt-annex', SECRET, {
      title: 'Annex: contract terms',
      kind: 'annex',
      mediaType: 'text/plain',
      publishedAt: '2013-05-01',
      visibility: 'exempt',
      exemptParagraph: 3,
      occurredAt: '2013-05-01',
    });
    expect((await upload('exempt-annex', 'annex.txt', SECRET))?.status()).toBe(200);
    expect(
      Buffer.from(
        await (await context.request.get('/register/documents/exempt-annex/content')).body(),
      ).equals(SECRET),
    ).toBe(true);
    const visitor = await web.context();
    const refused = await visitor.request.get('/register/documents/exempt-annex/content');
    expect(refused.status()).toBe(404);
    expect(await refused.text()).not.toContain('EXEMPT-CANARY');
    const meeting = await visitor.newPage();
    await meeting.goto('/register/meetings/herts-2013-05');
    expect(await meeting.content()).not.toContain('exempt-annex');
    await visitor.close();
  });
});
