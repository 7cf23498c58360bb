import { PublicAnswers } from '@ledger/http';
import { NOW_ANSWER_TTL_MS } from '@ledger/projections';
import { OpenApiClient } from '../support/openapi-client';
import { recordMinutes, uploadContent } from '../support/story-documents';
import { recordStoryOverHttp } from '../support/story-over-http';
import { startTestApp, type TestApp } from '../support/test-app';
import { lastingHeaders } from '../support/lasting-headers';
import { consoleCookies } from '../support/console-session';

const PAGE = '/register/proposals/g4s-back-office';
const MINUTES = Buffer.from('Minutes of the meeting.');

/**
 * The register's pages are kept for the public as the API's reads are (reading/public-answers.ts):
 * drawn once while the ledger stands still, for a reader with no cookie. A signed-in reader never
 * gets a kept page and never leaves one; a page that reads beside the ledger (whether a document's
 * content is stored) is drawn every time. Counted by PublicAnswers.served.
 */
describe("the public's pages kept while the ledger stands still", () => {
  let ctx: TestApp;
  let client: OpenApiClient;
  let answers: PublicAnswers;
  let session: string;
  const page = (url: string, cookie?: string) =>
    ctx.app.inject({ method: 'GET', url, headers: { accept: 'text/html', ...(cookie ? { cookie } : {}) } });

  beforeAll(async () => {
    ctx = await startTestApp();
    answers = ctx.app.get(PublicAnswers);
    client = await OpenApiClient.generate(ctx.app);
    await recordStoryOverHttp(client, ctx);
    await ctx.settle();
    // Signed in through the form, as a browser does.
    session = await consoleCookies(ctx.app, ctx.tokens.clerk);
  });
  afterAll(() => ctx.stop());

  it('answers a public page again from its bytes, with the same headers', async () => {
    const first = await page(PAGE);
    expect(first.statusCode).toBe(200);
    const before = answers.served;
    const again = await page(PAGE);
    expect(answers.served).toBe(before + 1);
    expect(again.body).toBe(first.body);
    expect(lastingHeaders(again.headers)).toEqual(lastingHeaders(first.headers));
    expect(first.headers['content-type']).toMatch(/^text\/html/);
    expect(first.headers['cache-control']).toBe('no-store');
  });

  // Each test reads its own URL (a page opens with what sites add to a shared link), so that no page kept by an
  // earlier test, and about to expire, counts in its own.
  it("never gives a signed-in reader the public's page, nor keeps theirs for the public", async () => {
    const keptForThePublic = `${PAGE}?utm_source=public-first`;
    await page(keptForThePublic);
    const before = answers.served;
    await page(keptForThePublic);
    expect(answers.served).toBe(before + 1);
    const clerks = await page(keptForThePublic, session);
    expect(clerks.statusCode).toBe(200);
    expect(clerks.body).toContain('Sign out');
    expect(answers.served).toBe(before + 1);
    // Drawn for the clerk first: what the public reads next is drawn for the public.
    const drawnForTheClerk = `${PAGE}?utm_source=clerk-first`;
    expect((await page(drawnForTheClerk, session)).body).toContain('Sign out');
    const publics = await page(drawnForTheClerk);
    expect(answers.served).toBe(before + 1);
    expect(publics.body).not.toContain('Sign out');
  });

  it('keeps a page for a second at most, whatever its dates say: a blank date is read as now', async () => {
    // The proposal's own forms send blank dates for "now"; what a page shows now moves with the clock.
    const url = `${PAGE}?asOf=&knownAt=`;
    await page(url);
    const before = answers.served;
    await page(url);
    expect(answers.served).toBe(before + 1);
    await new Promise((resolve) => setTimeout(resolve, NOW_ANSWER_TTL_MS + 100));
    await page(url);
    expect(answers.served).toBe(before + 1);
  });

  it('draws a page for a request with any cookie, and does not keep it', async () => {
    const url = '/register/bodies/pcc-bedfordshire?utm_source=cookie';
    const withCookie = await page(url, 'theme=dark');
    expect(withCookie.statusCode).toBe(200);
    const before = answers.served;
    await page(url, 'theme=dark');
    expect(answers.served).toBe(before);
    await page(url);
    expect(answers.served).toBe(before);
    await page(url);
    expect(answers.served).toBe(before + 1);
  });

  it('draws the page again after a write, so the next reader sees it', async () => {
    const url = `${PAGE}?utm_source=write`;
    await page(url);
    const kept = answers.served;
    await page(url);
    expect(answers.served).toBe(kept + 1);
    const claimed = await client.call('recordClaim', {
      params: { proposalId: 'g4s-back-office' },
      body: {
        claimId: 'kept-page-claim',
        subject: 'funding-gap',
        amount: 1,
        unit: 'GBP',
        qualifier: 'exactly',
        claimant: 'kept pages test',
        statement: 'A claim recorded after the page was kept',
        occurredAt: '2013-02-01',
        source: { kind: 'minutes', reference: 'kept pages test' },
      },
      token: ctx.tokens.clerk,
    });
    expect(claimed.status).toBe(201);
    await ctx.settle();
    const before = answers.served;
    const after = await page(url);
    expect(answers.served).toBe(before);
    expect(after.body).toContain('A claim recorded after the page was kept');
  });

  it('draws a meeting page that lists documents every time: whether their content is stored is not in the ledger', async () => {
    const url = '/register/meetings/pcc-g4s-meeting';
    await recordMinutes(client, ctx, 'kept-page-minutes', MINUTES);
    await ctx.settle();
    expect((await page(url)).body).toContain('content not uploaded');
    const before = answers.served;
    await page(url);
    expect(answers.served).toBe(before);
    expect(await uploadContent(ctx, 'kept-page-minutes', MINUTES)).toBe(200);
    expect((await page(url)).body).toContain('content stored');
    expect(answers.served).toBe(before);
  });
});
